using System.CommandLine;
using GameServer.CommandLine;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

using GameServer.Storage.Backup;
using GameServer.Storage.LiteDb;

namespace GameServer.Storage.Commands;

/// <summary>
/// <c>GameServer storage backup --to FILE [--force] [--Storage:Path=...]</c>: a consistent copy of the
/// LiteDB file. With the server stopped it opens the file itself; with the server running (which holds
/// the file) it asks the server for the copy over HTTP (<see cref="Backup.BackupHttp"/>).
/// </summary>
public static class BackupCommand
{
    public const string Name = "backup";

    public static Command Create()
    {
        var to = new Option<string>("--to")
        {
            Description = "the file to write the copy to (its directory must exist)",
            Required = true,
            CustomParser = result =>
            {
                var value = result.Tokens[0].Value;
                var directory = Path.GetDirectoryName(Path.GetFullPath(value));
                if (value.Length > 0 && !value.EndsWith(Path.DirectorySeparatorChar) && Directory.Exists(directory))
                {
                    return Path.GetFullPath(value);
                }

                result.AddError($"Option '--to' takes a file in an existing directory, not '{value}'.");
                return "";
            },
        };
        var force = new Option<bool>("--force") { Description = "replace the file if it exists" };
        var command = new Command(Name,
            "Writes a consistent copy of the LiteDB file (Storage:Path) to --to, while the server runs or not. Running, the " +
            "server makes the copy (it holds the file) and sends it; stopped, the file is opened, checkpointed and copied. " +
            "To restore: stop the server, put the copy in place of the file (delete its -log file), start. PostgreSQL: use pg_dump. " +
            "Exit codes: 1 failed (no database, the file exists, the server refused), 2 a bad option.")
        {
            to,
            force,
        }.TakingConfiguration();
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            parseResult.GetRequiredValue(to), parseResult.GetValue(force), ConfigurationArguments.Of(parseResult),
            parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string target, bool force, string[] configuration, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var settings = StorageSettings.Read(configuration);
        // Provider is text since it is validated (a misspelt one names the key); Kind would take it for LiteDB.
        if (!string.Equals(settings.Provider, nameof(StorageProvider.LiteDb), StringComparison.OrdinalIgnoreCase)
            && !string.Equals(settings.Provider, nameof(StorageProvider.Postgres), StringComparison.OrdinalIgnoreCase))
        {
            await error.WriteLineAsync($"{StorageOptions.Section}:{nameof(StorageOptions.Provider)} must be LiteDb or Postgres, not '{settings.Provider}'.");
            return CommandLineRunner.UsageError;
        }

        if (settings.Kind != StorageProvider.LiteDb)
        {
            await error.WriteLineAsync("storage backup copies a LiteDB file; back up PostgreSQL with pg_dump (docs/storage.md).");
            return CommandLineRunner.UsageError;
        }

        var source = Path.GetFullPath(settings.Path);
        if (!File.Exists(source))
        {
            await error.WriteLineAsync($"No database at {source} (Storage:Path).");
            return 1;
        }

        if (File.Exists(target) && !force)
        {
            await error.WriteLineAsync($"{target} exists; --force replaces it.");
            return 1;
        }

        // The copy lands under a name of its own and takes the target's name only once whole.
        var partial = $"{target}.partial-{Environment.ProcessId}";
        try
        {
            var from = await CopyAsync(source, partial, cancellationToken);
            File.Move(partial, target, overwrite: force);
            await output.WriteLineAsync($"Backed up {source} to {target} ({new FileInfo(target).Length} bytes, {from}).");
            return 0;
        }
        catch (Exception e) when (e is BackupRefusedException or IOException or HttpRequestException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"Backup failed: {e.Message}");
            return 1;
        }
        finally
        {
            File.Delete(partial);
        }
    }

    /// <summary>Copies <paramref name="source"/> to <paramref name="target"/>; says where the copy came from.</summary>
    private static async Task<string> CopyAsync(string source, string target, CancellationToken cancellationToken)
    {
        GameDatabase database;
        try
        {
            database = new GameDatabase(Options.Create(new StorageOptions { Path = source }), NullLogger<GameDatabase>.Instance);
        }
        catch (DatabaseInUseException)
        {
            var server = RunningServerFile.Read(source)
                ?? throw new BackupRefusedException($"{source} is in use by a process that has not said where it listens (still starting?); try again once it serves.");
            await RunningServerBackup.DownloadAsync(server, target, cancellationToken);
            return $"made by the server running at {server.Address}";
        }

        using (database)
        {
            database.BackupTo(target);
        }

        return "the server was not running";
    }
}

/// <summary>The backup could not be made; the message says why.</summary>
public sealed class BackupRefusedException(string message) : Exception(message);

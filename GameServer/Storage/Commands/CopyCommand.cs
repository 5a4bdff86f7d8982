using System.CommandLine;
using GameServer.CommandLine;
using GameServer.Storage.LiteDb;

namespace GameServer.Storage.Commands;

/// <summary>
/// <c>GameServer storage copy --from LOCATION --to LOCATION [--force]</c>: every record (users with
/// their password hashes and tokens, items, inventories, players, monsters, chat, scores...) from one
/// database to another, LiteDB to PostgreSQL or back, with the ids they have.
/// </summary>
public static class CopyCommand
{
    public const string Name = "copy";

    // Both sides are opened as the server would open them (its migrations bring the target's schema up
    // to date), but seed nothing: a new target must stay empty until the copy fills it.
    private static readonly string[] Opening = ["--Monsters:Count=0", "--Serilog:MinimumLevel:Default=Warning"];

    /// <summary>The command; <paramref name="open"/> builds the server's services from configuration keys, without starting it.</summary>
    public static Command Create(Func<string[], IHost> open)
    {
        ArgumentNullException.ThrowIfNull(open);
        var from = StorageLocation.Option("--from", mustExist: true, "the database to copy");
        var to = StorageLocation.Option("--to", mustExist: false, "the database to copy into (its schema is brought up to date first)");
        var force = new Option<bool>("--force") { Description = "empty the target first if it holds records" };
        var command = new Command(Name,
            "Copies every record from one database to another (LiteDB to PostgreSQL or back) with the ids they have, " +
            "with a progress bar on standard error and the counts at the end. A target that holds records is refused " +
            "unless --force, which empties it first. Stop the server using either side first. " +
            "Exit codes: 1 refused or failed, 2 a bad option.")
        {
            from,
            to,
            force,
        };
        command.SetAction(parseResult => Run(
            parseResult.GetValue(from)!, parseResult.GetValue(to)!, parseResult.GetValue(force), open,
            parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error));
        return command;
    }

    private static int Run(StorageLocation from, StorageLocation to, bool force, Func<string[], IHost> open, TextWriter output, TextWriter error)
    {
        if (from == to)
        {
            error.WriteLine("Options '--from' and '--to' name the same database.");
            return CommandLineRunner.UsageError;
        }

        IHost? source = null;
        IHost? target = null;
        try
        {
            source = Open(open, from, "--from");
            target = Open(open, to, "--to");
            var copier = RecordCopier.Pair(RecordSets(source), RecordSets(target));
            var present = copier.TargetRecords();
            if (present.Count > 0 && !force)
            {
                error.WriteLine($"The target {to} holds records ({Describe(present)}); --force empties it first.");
                return 1;
            }

            if (present.Count > 0)
            {
                copier.ClearTarget();
            }

            var copied = copier.Copy(total => new CopyProgress(error, CopyProgress.IsTerminal(error), total));
            output.WriteLine($"Copied {copied.Sum(c => c.Count)} records from {from} to {to}: {Describe(copied)}.");
            return 0;
        }
        catch (CopyRefusedException e)
        {
            error.WriteLine(e.Message);
            return 1;
        }
        catch (InvalidOperationException e)
        {
            error.WriteLine($"Copy failed: {e.Message}");
            return 1;
        }
        finally
        {
            target?.Dispose();
            source?.Dispose();
        }
    }

    private static IHost Open(Func<string[], IHost> open, StorageLocation location, string option)
    {
        try
        {
            return open([.. location.Settings, .. Opening]);
        }
        catch (DatabaseInUseException)
        {
            throw new CopyRefusedException($"{option} {location} is in use by a running server: stop it first (or copy a backup of it, see storage backup).");
        }
        catch (Exception e) when (e is StorageUnreachableException or StoredDataException)
        {
            throw new CopyRefusedException($"{option} {location}: {e.Message}");
        }
    }

    private static List<IRecordSet> RecordSets(IHost host) =>
        [.. host.Services.GetServices<IRecordSource>().SelectMany(s => s.RecordSets)];

    private static string Describe(IEnumerable<(string Table, long Count)> counts) =>
        string.Join(", ", counts.Select(c => $"{c.Table} {c.Count}"));

    private sealed class CopyRefusedException(string message) : Exception(message);
}

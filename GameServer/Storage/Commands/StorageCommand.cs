using System.CommandLine;
using GameServer.CommandLine;

namespace GameServer.Storage.Commands;

/// <summary><c>GameServer storage ...</c>: the commands that keep and move the game's data.</summary>
public static class StorageCommand
{
    public const string Name = "storage";

    /// <summary>The group; <paramref name="open"/> builds the server's services from configuration keys, without starting it.</summary>
    public static Command Create(Func<string[], IHost> open)
    {
        var command = new Command(Name, "Keeps and moves the game's data: backup (a consistent copy of the LiteDB file, the server running or not) and copy (every record from one provider to another).")
        {
            BackupCommand.Create(),
            CopyCommand.Create(open),
        };

        // Alone it does nothing, which is a usage error like any other: one line, exit code 2.
        command.SetAction(parseResult =>
        {
            parseResult.InvocationConfiguration.Error.WriteLine($"Command '{Name}' needs a subcommand: {BackupCommand.Name} or {CopyCommand.Name} (see --help).");
            return CommandLineRunner.UsageError;
        });
        return command;
    }
}

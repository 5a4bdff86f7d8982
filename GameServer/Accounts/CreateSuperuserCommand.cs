using System.Text;
using GameServer.Realtime.JsonRpc;
using GameServer.Storage;

namespace GameServer.Accounts;

/// <summary>
/// <c>GameServer createsuperuser --username U [--password P]</c>: creates an admin in the configured
/// database, asking for the password on the terminal when it is not given.
/// </summary>
public static class CreateSuperuserCommand
{
    public const string Name = "createsuperuser";

    /// <summary>Runs the command; <paramref name="args"/> are those after its name. Returns the exit code.</summary>
    public static int Run(string[] args, Func<string[], IServiceProvider> buildServices)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(buildServices);
        string? username = null, password = null;
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--username" when i + 1 < args.Length:
                    username = args[++i];
                    break;
                case "--password" when i + 1 < args.Length:
                    password = args[++i];
                    break;
                default:
                    rest.Add(args[i]);
                    break;
            }
        }

        if (username is null)
        {
            Console.Error.WriteLine("usage: GameServer createsuperuser --username NAME [--password PASSWORD] [configuration overrides]");
            return 2;
        }

        password ??= Prompt("Password: ");
        if (password is null)
        {
            Console.Error.WriteLine("no password given");
            return 2;
        }

        try
        {
            // Building the server brings the schema up to date, or refuses a file it cannot run with.
            var services = buildServices([.. rest]);
            var user = services.GetRequiredService<AccountService>().CreateSuperuserAsync(username, password).GetAwaiter().GetResult();
            Console.WriteLine($"Superuser {user.Username} created (id {user.Id}).");
            return 0;
        }
        catch (RpcException e)
        {
            Console.Error.WriteLine($"Error: {e.Message}");
            return 1;
        }
        catch (StoredDataException e)
        {
            Console.Error.WriteLine($"Storage error: {e.Message}");
            return 3;
        }
    }

    // Reads a line without echoing it when a terminal is attached; piped input is read as it is.
    private static string? Prompt(string label)
    {
        if (Console.IsInputRedirected)
        {
            return Console.ReadLine();
        }

        Console.Write(label);
        var password = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                Console.WriteLine();
                return password.ToString();
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                if (password.Length > 0)
                {
                    password.Length--;
                }
            }
            else if (!char.IsControl(key.KeyChar))
            {
                password.Append(key.KeyChar);
            }
        }
    }
}

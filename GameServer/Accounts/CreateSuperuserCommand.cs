using System.CommandLine;
using System.Text;
using GameServer.CommandLine;
using GameServer.Realtime.JsonRpc;
using GameServer.Storage;

namespace GameServer.Accounts;

/// <summary>
/// <c>GameServer createsuperuser --username U [--Section:Key=value ...]</c>: creates an admin in the
/// configured database. The password comes from standard input, never from the command line, where
/// <c>ps</c> would show it to every user of the machine.
/// </summary>
public static class CreateSuperuserCommand
{
    public const string Name = "createsuperuser";

    /// <summary>The command; <paramref name="buildServices"/> builds the server's services from its configuration keys.</summary>
    public static Command Create(Func<string[], IServiceProvider> buildServices)
    {
        ArgumentNullException.ThrowIfNull(buildServices);
        var username = new Option<string>("--username", "-u") { Description = "the admin's user name", Required = true };

        // Hidden: only here to say why the option that once was is refused, rather than pass it on as a configuration key.
        var password = new Option<string>("--password") { Hidden = true };
        password.Validators.Add(result => result.AddError(
            "Option '--password' is not accepted: ps would show it. Pipe the password on standard input (printf '%s\\n' \"$PASSWORD\" | GameServer createsuperuser --username NAME)."));

        var command = new Command(Name,
            "Creates an admin in the configured database. The password is read from standard input when it is " +
            "redirected (a pipe or a file: the first line), or asked for without echo on a terminal; it is never " +
            "an argument, so it stays out of ps. Configuration keys (--Storage:Path=...) choose the database. " +
            "Exit codes: 1 refused (the name is taken, the password too short), 2 no password, 3 a database the server must not run with.")
        {
            username,
            password,
        }.TakingConfiguration();
        command.SetAction(parseResult => Run(parseResult.GetRequiredValue(username), ConfigurationArguments.Of(parseResult), buildServices));
        return command;
    }

    private static int Run(string username, string[] configuration, Func<string[], IServiceProvider> buildServices)
    {
        var password = ReadPassword();
        if (string.IsNullOrEmpty(password))
        {
            Console.Error.WriteLine("no password given (pipe it on standard input, or type it at the prompt)");
            return 2;
        }

        try
        {
            // Building the server brings the schema up to date, or refuses a file it cannot run with.
            var services = buildServices(configuration);
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

    // Piped input is read as it is (its first line); a terminal is asked without echoing what is typed.
    private static string? ReadPassword()
    {
        if (Console.IsInputRedirected)
        {
            return Console.ReadLine();
        }

        Console.Write("Password: ");
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

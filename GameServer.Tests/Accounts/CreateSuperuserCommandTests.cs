using System.Net;
using GameServer.Accounts;
using GameServer.Tests.Support;
using GameServer.Tools.Benchmarks;
using Microsoft.Extensions.DependencyInjection;

namespace GameServer.Tests.Accounts;

/// <summary>
/// <c>GameServer createsuperuser</c> as an operator runs it, a child process of the built executable:
/// the password comes on standard input, so it never shows in <c>ps</c>.
/// </summary>
[Category("Integration")]
[CancelAfter(120_000)]
public sealed class CreateSuperuserCommandTests
{
    [Test]
    public async Task The_password_is_read_from_redirected_standard_input()
    {
        using var directory = new TempDirectory();
        var databasePath = directory.File("game.db");
        var name = Some.Username("admin");

        var exitCode = await RunAsync(databasePath, name, Some.Password + "\n");

        Assert.That(exitCode, Is.Zero);
        await using var app = Program.Build(["--urls", "http://127.0.0.1:0", $"--Storage:Path={databasePath}"]);
        Assert.That(app.Services.GetRequiredService<IAccountStore>().FindUserByName(name)?.IsAdmin, Is.True, "an admin in the database named by the configuration key");
        var signedIn = await app.Services.GetRequiredService<AccountService>().LoginAsync(name, Some.Password, IPAddress.Loopback);
        Assert.That(signedIn.User.Username, Is.EqualTo(name), "the password is the one piped in");
    }

    [Test]
    public async Task Empty_standard_input_is_refused_with_exit_code_2()
    {
        using var directory = new TempDirectory();

        var exitCode = await RunAsync(directory.File("game.db"), Some.Username("admin"), "");

        Assert.That(exitCode, Is.EqualTo(2));
    }

    private static async Task<int> RunAsync(string databasePath, string name, string standardInput)
    {
        using var command = ServerProcess.Start(CreateSuperuserCommand.Name,
            [CreateSuperuserCommand.Name, "--username", name, .. ServerProcess.MeasuredServerSettings(databasePath)], standardInput: standardInput);
        return await command.WaitForExitAsync(TimeSpan.FromSeconds(60));
    }
}

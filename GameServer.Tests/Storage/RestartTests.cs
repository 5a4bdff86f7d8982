using GameServer.Protocol.Accounts;
using GameServer.Tests.Support;

namespace GameServer.Tests.Storage;

[Category("Integration")]
[CancelAfter(30_000)]
public sealed class RestartTests
{
    [Test]
    public async Task A_restart_keeps_users_and_tokens()
    {
        var server = await InProcessServer.StartAsync();
        var name = Some.Username();
        var (_, registered) = await server.ConnectAsUserAsync(name);

        server = await server.RestartAsync();
        await using var _ = server;

        var resumed = await (await server.ConnectAsync()).ResumeAsync(registered.Token);
        var loggedIn = await (await server.ConnectAsync()).LoginAsync(name, Some.Password);
        Assert.That(resumed.User, Is.EqualTo(registered.User));
        Assert.That(loggedIn.User, Is.EqualTo(registered.User));
        var newcomer = await (await server.ConnectAsync()).RegisterAsync(Some.Username(), Some.Password);
        Assert.That(newcomer.User.Id, Is.GreaterThan(registered.User.Id), "ids keep counting up after a restart");
    }
}

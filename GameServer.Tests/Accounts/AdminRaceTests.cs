using GameServer.Accounts;
using GameServer.Protocol.Accounts;
using GameServer.Protocol.Client;
using GameServer.Protocol.JsonRpc;
using GameServer.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace GameServer.Tests.Accounts;

/// <summary>Issue 10, finding 8: two admins revoking each other at the same moment both succeeded, leaving no admin.</summary>
[Category("Integration")]
[CancelAfter(60_000)]
public sealed class AdminRaceTests
{
    private const int Rounds = 20;

    [Test]
    public async Task Two_admins_revoking_each_other_leave_one_admin()
    {
        await using var server = await InProcessServer.StartAsync(CheapPasswordHashing.Register);
        var store = server.Services.GetRequiredService<IAccountStore>();
        for (var round = 0; round < Rounds; round++)
        {
            var (first, firstAuth) = await server.ConnectAsAdminAsync();
            var (second, secondAuth) = await server.ConnectAsAdminAsync();

            var outcomes = await Task.WhenAll(
                OutcomeAsync(first.SetAdminAsync(secondAuth.User.Id, isAdmin: false)),
                OutcomeAsync(second.SetAdminAsync(firstAuth.User.Id, isAdmin: false)));

            Assert.That(outcomes.Count(code => code is null), Is.EqualTo(1), $"round {round}: exactly one revocation succeeds");
            Assert.That(outcomes.Single(code => code is not null), Is.EqualTo(ErrorCodes.Forbidden), $"round {round}: the other admin was no longer one");
            Assert.That(new[] { firstAuth, secondAuth }.Count(a => store.FindUser(a.User.Id)!.IsAdmin), Is.EqualTo(1), $"round {round}: one admin remains");
        }
    }

    private static async Task<int?> OutcomeAsync(Task<UserInfo> change)
    {
        try
        {
            await change;
            return null;
        }
        catch (GameRpcException e)
        {
            return e.Code;
        }
    }
}

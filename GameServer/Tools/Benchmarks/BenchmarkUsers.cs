using GameServer.Accounts;
using Microsoft.AspNetCore.Identity;

namespace GameServer.Tools.Benchmarks;

/// <summary>
/// Seeds many users straight into the server's own stores, for the gift benchmark. Registering through
/// the protocol would cost one PBKDF2 hash per user (minutes for 10,000); here every user shares one
/// hash, computed once. Otherwise each user is made as registration makes it: the user (seen now, so
/// the gift job counts it active), then every feature's records (inventory, player) through the same
/// provisioners, in batched transactions.
/// </summary>
internal static class BenchmarkUsers
{
    private const int BatchSize = 1000;

    /// <summary>The password of every seeded user.</summary>
    public const string Password = "benchmark password";

    public static string Username(int number) => $"bench{number:D6}";

    /// <summary>Adds users <c>bench000001</c> to <c>bench{count}</c>; returns the id of the last one.</summary>
    public static int Seed(IServiceProvider services, int count)
    {
        ArgumentNullException.ThrowIfNull(services);
        var accounts = services.GetRequiredService<IAccountStore>();
        var provisioners = services.GetServices<IAccountProvisioner>().ToList();
        var passwordHash = services.GetRequiredService<IPasswordHasher<User>>().HashPassword(new User(), Password);
        var createdAt = DateTime.UtcNow;
        var lastId = 0;
        foreach (var batch in Enumerable.Range(1, count).Chunk(BatchSize))
        {
            var users = batch.Select(number => new User
            {
                Username = Username(number),
                NormalizedUsername = User.Normalize(Username(number)),
                PasswordHash = passwordHash,
                CreatedAt = createdAt,
                LastSeenAt = createdAt,
            }).ToList();
            accounts.RegisterMany(users, provisioners);
            lastId = users[^1].Id;
        }

        return lastId;
    }
}

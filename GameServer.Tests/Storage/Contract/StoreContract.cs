using GameServer.Accounts;
using GameServer.Storage;
using GameServer.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace GameServer.Tests.Storage.Contract;

/// <summary>
/// The base of the store contract tests: the same test methods run once per provider (the fixtures
/// derive from this with <see cref="StoreProviders.All"/>), each test on fresh stores of its own.
/// </summary>
public abstract class StoreContract(StorageProvider provider)
{
    protected TestStores Stores { get; private set; } = null!;

    protected StorageProvider Provider => provider;

    [SetUp]
    public void OpenStores() => Stores = TestStores.Open(provider);

    [TearDown]
    public async Task CloseStores() => await Stores.DisposeAsync();

    /// <summary>Registers a user the way the service does: with its features' records and a first token.</summary>
    protected User Register(string username, bool isAdmin = false, DateTime? at = null)
    {
        var now = at ?? WholeMilliseconds(DateTime.UtcNow);
        var user = new User
        {
            Username = username,
            NormalizedUsername = User.Normalize(username),
            PasswordHash = $"hash of {username}",
            IsAdmin = isAdmin,
            CreatedAt = now,
            LastSeenAt = now,
        };
        Stores.Get<IAccountStore>().Register(user, Token(now), [.. Stores.Services.GetServices<IAccountProvisioner>()]);
        return user;
    }

    protected static AuthToken Token(DateTime now, TimeSpan? lifetime = null) => new()
    {
        TokenHash = Guid.NewGuid().ToString("N"),
        CreatedAt = now,
        ExpiresAt = now + (lifetime ?? TimeSpan.FromDays(30)),
    };

    /// <summary>Dates as both providers keep them: LiteDB to the millisecond.</summary>
    protected static DateTime WholeMilliseconds(DateTime value) =>
        new(value.Ticks - (value.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);
}

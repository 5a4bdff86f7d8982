using GameServer.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace GameServer.Tests.Support;

/// <summary>
/// The stores of one provider as the server wires them (<see cref="Program.Build"/>, migrated, never
/// started), on a database of their own: a temporary LiteDB file, or a fresh PostgreSQL database.
/// </summary>
public sealed class TestStores : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TempDirectory _directory;

    private TestStores(StorageProvider provider, WebApplication app, TempDirectory directory, string[] storage)
    {
        Provider = provider;
        _app = app;
        _directory = directory;
        StorageSettings = storage;
    }

    public StorageProvider Provider { get; }

    /// <summary>The <c>--Storage:...</c> settings that open this database again.</summary>
    public string[] StorageSettings { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Opens fresh stores of <paramref name="provider"/>; <paramref name="settings"/> as on the command line.</summary>
    public static TestStores Open(StorageProvider provider, params string[] settings)
    {
        var directory = new TempDirectory();
        string[] storage = provider == StorageProvider.Postgres
            ? ["--Storage:Provider=Postgres", $"--Storage:ConnectionString={TestPostgres.Shared.CreateDatabase()}"]
            : ["--Storage:Provider=LiteDb", $"--Storage:Path={directory.File("game.db")}"];
        var app = Program.Build([
            "--urls", "http://127.0.0.1:0",
            "--Serilog:MinimumLevel:Default=Warning",
            "--Monsters:Count=0",
            .. storage,
            .. settings]);
        return new TestStores(provider, app, directory, storage);
    }

    public T Get<T>()
        where T : notnull => _app.Services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        _directory.Dispose();
    }
}

/// <summary>The providers every store contract test runs against.</summary>
public static class StoreProviders
{
    public static IEnumerable<TestFixtureData> All { get; } =
    [
        new TestFixtureData(StorageProvider.LiteDb).SetArgDisplayNames("LiteDb"),
        new TestFixtureData(StorageProvider.Postgres).SetArgDisplayNames("Postgres"),
    ];
}

using System.CommandLine;
using GameServer.Accounts;
using GameServer.Analytics;
using GameServer.Chat;
using GameServer.Cluster;
using GameServer.CommandLine;
using GameServer.Gifts;
using GameServer.HttpApi;
using GameServer.Inventory;
using GameServer.Jobs;
using GameServer.Leaderboards;
using GameServer.Limits;
using GameServer.Metrics;
using GameServer.Monsters;
using GameServer.Players;
using GameServer.Realtime;
using GameServer.Realtime.JsonRpc;
using GameServer.ServerStatus;
using GameServer.Storage;
using GameServer.Storage.Backup;
using GameServer.Storage.Commands;
using GameServer.Storage.LiteDb;
using GameServer.Tools;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Serilog;

namespace GameServer;

/// <summary>Composes the server from its features; the only place that knows them all.</summary>
public static class Program
{
    public static Task<int> Main(string[] args) => CommandLineRunner.InvokeAsync(CreateCommandLine(), args);

    /// <summary>The command line: serving by default, createsuperuser, storage, and the tools (bots, bench) in one call.</summary>
    internal static RootCommand CreateCommandLine()
    {
        var root = ServeCommand.CreateRoot(ServeAsync);
        root.Add(CreateSuperuserCommand.Create(overrides => Build([.. overrides, "--Serilog:MinimumLevel:Default=Warning"]).Services));
        root.Add(StorageCommand.Create(overrides => Build(overrides)));
        root.AddTools();
        return root;
    }

    private static async Task<int> ServeAsync(string[] args, CancellationToken cancellationToken)
    {
        try
        {
            // Build is inside: a migration may read settings (the monsters' seeding reads World) before the host validates them.
            await using var app = Build(args);
            await app.RunAsync();
        }
        catch (OptionsValidationException e)
        {
            // A bad setting is the operator's to fix: say which key, without a stack trace.
            await Console.Error.WriteLineAsync($"Configuration error: {string.Join("; ", e.Failures)}");
            return 2;
        }
        catch (DatabaseInUseException e)
        {
            await Console.Error.WriteLineAsync($"Storage error: {e.Message}");
            return 3;
        }
        catch (StoredDataException e)
        {
            // The file holds data the server must not run with; the message says how to fix it.
            await Console.Error.WriteLineAsync($"Storage error: {e.Message}");
            return 3;
        }
        catch (StorageUnreachableException e)
        {
            // The database is down or misnamed: one line naming the setting (never its password), no stack trace.
            await Console.Error.WriteLineAsync($"Storage error: {e.Message}");
            return 4;
        }

        return 0;
    }

    /// <summary>
    /// Builds the whole server; the tests start exactly this, on a loopback port of their own, and may
    /// add or replace services last (a job of their own, a virtual-time scheduler).
    /// </summary>
    public static WebApplication Build(string[] args, Action<IServiceCollection>? testServices = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            // appsettings.json and the web client travel next to the executable, whatever the working directory.
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddEnvironmentVariables("GAMESERVER__");
        builder.Configuration.AddCommandLine(args);

        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .Enrich.FromLogContext()
            .WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj} {Properties:j}{NewLine}{Exception}"));

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services
            .AddLimits(builder.Configuration)
            .AddConnectionLimits()
            .AddStorage(builder.Configuration)
            .AddCluster(builder.Configuration)
            .AddAccounts(builder.Configuration)
            .AddInventory(builder.Configuration)
            .AddPlayers(builder.Configuration)
            .AddGifts(builder.Configuration)
            .AddChat(builder.Configuration)
            .AddMonsters(builder.Configuration)
            .AddLeaderboards(builder.Configuration)
            .AddAnalytics(builder.Configuration)
            // Last, so the schedule starts once every world is loaded and stops before they save.
            .AddJobs(builder.Configuration)
            .AddSingleton<SystemRpc>()
            // Npgsql's synchronous calls wait on the socket engine's thread, so with PostgreSQL (and so in cluster
            // mode) nothing may hold that thread, and every frame is read on the thread pool (docs/realtime.md).
            .AddRealtime(builder.Configuration, inlineReceive: StorageOptions.ProviderIn(builder.Configuration) != StorageProvider.Postgres, sp => new IRpcMethods[]
            {
                sp.GetRequiredService<SystemRpc>(),
                sp.GetRequiredService<AuthRpc>(),
                sp.GetRequiredService<UsersRpc>(),
                sp.GetRequiredService<InventoryRpc>(),
                sp.GetRequiredService<PlayersRpc>(),
                sp.GetRequiredService<ChatRpc>(),
                sp.GetRequiredService<MonstersRpc>(),
                sp.GetRequiredService<LeaderboardsRpc>(),
                sp.GetRequiredService<AnalyticsRpc>(),
            });
        builder.AddMetricsExport(AccountsFeature.AdminPolicy);
        testServices?.Invoke(builder.Services);

        var app = builder.Build();
        try
        {
            app.MigrateStorage();
        }
        catch
        {
            // Not started, so nobody else will close the database file.
            ((IDisposable)app).Dispose();
            throw;
        }

        // The order matters: the metrics port serves nothing else, the limits key on the client
        // address after forwarded headers, every answer (a refused handshake too) carries the
        // security headers, and /ws branches off before anything it does not need stays on its stack
        // for the connection's life (it logs in inside the connection, not through HTTP authentication).
        app.UseMetricsPort();
        app.UseClientAddress();
        app.UseSecurityHeaders(() => ClientUrlsHttp.ConnectSources(app.Services.GetRequiredService<IOptions<ClusterOptions>>().Value.ClientUrls));
        app.MapRealtime();
        var webClient = new PhysicalFileProvider(Path.Combine(AppContext.BaseDirectory, "web-client"));
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = webClient });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = webClient });
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapHealthChecks("/healthz");
        app.MapMetrics(app.Configuration);
        app.MapClientUrls();
        app.MapInventoryHttp();
        app.MapStorageBackup();
        return app;
    }
}

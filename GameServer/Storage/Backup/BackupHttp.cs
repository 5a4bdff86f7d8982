using GameServer.Accounts;
using GameServer.HttpApi;
using GameServer.Realtime.JsonRpc;
using GameServer.Storage.LiteDb;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Net.Http.Headers;

namespace GameServer.Storage.Backup;

/// <summary>
/// <c>POST /api/storage/backup</c>: a consistent copy of the running server's LiteDB file as the
/// answer's body, for <c>GameServer storage backup</c> (which sends the <see cref="BackupKey"/>) or an
/// admin with a bearer token. LiteDB keeps the file to the running process, so only it can make the copy.
/// </summary>
public static partial class BackupHttp
{
    public const string Route = "/api/storage/backup";

    private const string Scheme = "Bearer ";

    /// <summary>
    /// Maps the endpoint and publishes the server's address and key once it listens; on LiteDB only
    /// (PostgreSQL has pg_dump, and the server holds no file there).
    /// </summary>
    public static WebApplication MapStorageBackup(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Services.GetService<GameDatabase>() is not { } database)
        {
            return app;
        }

        app.MapPost(Route, BackupAsync);
        var key = app.Services.GetRequiredService<BackupKey>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(BackupHttp).FullName!);
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            if (RunningServerFile.LocalAddress(addresses) is { } address)
            {
                new RunningServerFile(address, key.Value).Write(database.FilePath);
            }
            else
            {
                LogNoAddress(logger);
            }
        });
        app.Lifetime.ApplicationStopping.Register(() => RunningServerFile.Delete(database.FilePath));
        return app;
    }

    private static async Task BackupAsync(HttpContext context, GameDatabase database, BackupKey key, BearerAuthentication auth)
    {
        string copy;
        try
        {
            if (!key.Matches(BearerOf(context.Request)))
            {
                auth.RequireAdmin(context.Request);
            }

            // Made beside the database (the same disk, the same owner-only directory) and sent from
            // there, so no lock is held while a slow client reads it.
            copy = $"{database.FilePath}.backup-{Guid.NewGuid():N}";
            await Task.Run(() => database.BackupTo(copy), context.RequestAborted);
        }
        catch (RpcException e)
        {
            await ApiResponse.WriteErrorAsync(context, e);
            return;
        }

        await using var stream = new FileStream(copy, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81_920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        context.Response.ContentType = "application/octet-stream";
        context.Response.ContentLength = stream.Length;
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{Path.GetFileName(database.FilePath)}\"";
        await stream.CopyToAsync(context.Response.Body, context.RequestAborted);
    }

    private static string? BearerOf(HttpRequest request)
    {
        var header = request.Headers[HeaderNames.Authorization].ToString();
        return header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) ? header[Scheme.Length..].Trim() : null;
    }

    [LoggerMessage(LogLevel.Warning, "No local address to publish for storage backup: it can only copy the file while the server is stopped")]
    private static partial void LogNoAddress(ILogger logger);
}

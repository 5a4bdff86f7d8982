using System.Net.Http.Headers;
using GameServer.Storage.Backup;

namespace GameServer.Storage.Commands;

/// <summary>Asks the server that holds the database for a copy (<see cref="BackupHttp"/>) and saves it.</summary>
public static class RunningServerBackup
{
    public static async Task DownloadAsync(RunningServerFile server, string target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        // A large file takes as long as it takes; Ctrl+C is the bound.
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.Address, BackupHttp.Route));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", server.Key);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new BackupRefusedException($"the server at {server.Address} answered {(int)response.StatusCode} {response.ReasonPhrase}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using (var file = new FileStream(target, options))
        {
            await response.Content.CopyToAsync(file, cancellationToken);
            file.Flush(flushToDisk: true);
        }

        var expected = response.Content.Headers.ContentLength;
        if (expected is { } length && new FileInfo(target).Length != length)
        {
            throw new BackupRefusedException($"the copy from {server.Address} was cut short ({new FileInfo(target).Length} of {length} bytes)");
        }
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace GameServer.Tools.Benchmarks;

/// <summary>
/// A server the benchmark started as a child process of this very GameServer.dll, on a loopback port:
/// it knows its PID, reads its CPU time, and kills exactly that PID when disposed.
/// </summary>
internal sealed class ServerProcess : IDisposable
{
    private readonly Process _process;

    private ServerProcess(string name, Process process, int port)
    {
        Name = name;
        _process = process;
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
    }

    public string Name { get; }

    public int Id => _process.Id;

    public Uri BaseAddress { get; }

    public Uri WebSocketAddress => new($"ws://127.0.0.1:{BaseAddress.Port}/ws");

    /// <summary>
    /// Starts <c>dotnet GameServer.dll ARGS --urls http://127.0.0.1:PORT</c> on a free loopback port;
    /// <paramref name="standardInput"/>, when given, is piped in and the pipe closed (a password, say, kept out of ARGS).
    /// </summary>
    public static ServerProcess Start(string name, IEnumerable<string> args, string? serverDll = null, string? standardInput = null)
    {
        var port = FreeLoopbackPort();
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = standardInput is not null,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(serverDll ?? Path.Combine(AppContext.BaseDirectory, "GameServer.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {name}");
        if (standardInput is not null)
        {
            process.StandardInput.Write(standardInput);
            process.StandardInput.Close();
        }

        // Drained so a chatty server never blocks on a full pipe; shown, since at Warning anything is news.
        process.OutputDataReceived += (_, e) => Forward(name, e.Data);
        process.ErrorDataReceived += (_, e) => Forward(name, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ServerProcess(name, process, port);
    }

    /// <summary>Starts GameServer itself on <paramref name="databasePath"/>, logging at Warning, with <paramref name="settings"/> added.</summary>
    public static ServerProcess StartGameServer(string name, string databasePath, params IEnumerable<string> settings) =>
        Start(name, [.. MeasuredServerSettings(databasePath), .. settings]);

    /// <summary>The settings every measured GameServer runs with: its own database file, and logs at Warning.</summary>
    public static string[] MeasuredServerSettings(string databasePath) =>
    [
        $"--Storage:Path={databasePath}",
        "--Serilog:MinimumLevel:Default=Warning",
        // Only to keep the start-up banner out of the tables; it changes nothing per message.
        "--Serilog:MinimumLevel:Override:Microsoft.Hosting.Lifetime=Warning",
    ];

    /// <summary>Polls <c>/healthz</c> until it answers, the process dies, or <paramref name="timeout"/> passes.</summary>
    public async Task WaitHealthyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode} before it was healthy");
            }

            try
            {
                if ((await http.GetStringAsync(new Uri("/healthz", UriKind.Relative), cancellationToken)) == "Healthy")
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // Not listening yet.
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new TimeoutException($"{Name} was not healthy within {timeout.TotalSeconds} s");
    }

    /// <summary>User plus system CPU time the server has used so far.</summary>
    public TimeSpan CpuTime() => ProcessCpu.Of(_process.Id);

    /// <summary>Waits for a command (not a server) to finish; returns its exit code, or kills it after <paramref name="timeout"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
            return _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"{Name} did not finish within {timeout.TotalSeconds} s");
        }
    }

    /// <summary>
    /// Kills the server at once (SIGKILL on Unix: no shutdown, no flush, no close, as a crash would) and
    /// waits until it is gone.
    /// </summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
            }

            _process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private static void Forward(string name, string? line)
    {
        if (!string.IsNullOrEmpty(line))
        {
            Console.Error.WriteLine($"[{name}] {line}");
        }
    }

    // Under `dotnet GameServer.dll` the process is the dotnet host; under the apphost, find dotnet on the PATH.
    internal static string DotnetHost() =>
        Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

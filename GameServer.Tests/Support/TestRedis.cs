using System.Diagnostics;
using StackExchange.Redis;

namespace GameServer.Tests.Support;

/// <summary>
/// A Redis server for the cluster tests: the one named by <c>GAMESERVER_TEST_REDIS</c> (a
/// StackExchange.Redis configuration string), or else Debian's <c>redis-server</c> started on first
/// use on a free loopback port, with nothing saved to disk, and stopped by its PID when the run ends.
/// Tests keep apart by a <c>Cluster:Name</c> of their own (<see cref="GameName"/>), not a server each;
/// a test that stops Redis starts its own with <see cref="StartOwn"/>.
/// </summary>
public sealed class TestRedis : IDisposable
{
    public const string ServerVariable = "GAMESERVER_TEST_REDIS";

    private static readonly Lock Gate = new();
    private static TestRedis? _shared;

    private readonly int _port;
    private Process? _process;

    private TestRedis(string configuration, int port)
    {
        Configuration = configuration;
        _port = port;
    }

    /// <summary>The configuration string the nodes are given as <c>Cluster:Redis</c>.</summary>
    public string Configuration { get; }

    /// <summary>The run's server, started on first use.</summary>
    public static TestRedis Shared
    {
        get
        {
            lock (Gate)
            {
                if (_shared is null)
                {
                    var given = Environment.GetEnvironmentVariable(ServerVariable);
                    _shared = string.IsNullOrWhiteSpace(given) ? StartOwn() : new TestRedis(given, port: 0);
                    AppDomain.CurrentDomain.ProcessExit += (_, _) => StopIfStarted();
                }

                return _shared;
            }
        }
    }

    /// <summary>A game name no other test uses, for <c>Cluster:Name</c>.</summary>
    public static string GameName() => $"test-{Guid.NewGuid():N}"[..21];

    /// <summary>A Redis of the caller's own, which it may stop and start again on the same port.</summary>
    public static TestRedis StartOwn()
    {
        var port = TestPostgres.FreePort();
        var own = new TestRedis($"127.0.0.1:{port}", port);
        own.Start();
        return own;
    }

    /// <summary>Starts the server (again, after <see cref="Stop"/>) and waits until it answers.</summary>
    public void Start()
    {
        if (_port == 0 || _process is { HasExited: false })
        {
            return;
        }

        var start = new ProcessStartInfo("redis-server") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath() };
        foreach (var argument in new[] { "--port", $"{_port}", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "yes" })
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            _process = Process.Start(start) ?? throw new InvalidOperationException("could not start redis-server");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"redis-server is not installed and {ServerVariable} is not set: install Debian's redis-server package, or name a server", e);
        }

        // It says when it listens; the rest of its output is read and dropped, so a full pipe never stalls it.
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is null)
            {
                ready.TrySetException(new InvalidOperationException($"redis-server on port {_port} exited before it was ready"));
            }
            else if (line.Data.Contains("Ready to accept connections", StringComparison.Ordinal))
            {
                ready.TrySetResult();
            }
        };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        if (!ready.Task.Wait(TimeSpan.FromSeconds(30)))
        {
            throw new TimeoutException($"redis-server on port {_port} was not ready within 30 s");
        }

        using var connection = ConnectionMultiplexer.Connect(Configuration + ",connectTimeout=1000");
        connection.GetDatabase().Ping();
    }

    /// <summary>Stops the server it started, by its PID (a given server is never stopped).</summary>
    public void Stop()
    {
        if (_process is not { } process)
        {
            return;
        }

        if (!process.HasExited)
        {
            process.Kill();
            process.WaitForExit(TimeSpan.FromSeconds(10));
        }

        process.Dispose();
        _process = null;
    }

    public void Dispose() => Stop();

    /// <summary>Stops the run's shared server, if one was started.</summary>
    public static void StopIfStarted()
    {
        TestRedis? shared;
        lock (Gate)
        {
            shared = _shared;
            _shared = null;
        }

        shared?.Stop();
    }
}

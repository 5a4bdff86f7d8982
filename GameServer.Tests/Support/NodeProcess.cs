using System.Diagnostics;
using System.Text;

namespace GameServer.Tests.Support;

/// <summary>
/// A script of <see cref="NodeScript"/> left running while the test acts: it reports by printing lines
/// (JSON, one per step), which the test reads as they come, each within a timeout. Killed by its PID on
/// dispose if it has not ended by then.
/// </summary>
internal sealed class NodeProcess : IAsyncDisposable
{
    private readonly TempDirectory _directory;
    private readonly Process _node;
    private readonly StringBuilder _errors = new();

    private NodeProcess(TempDirectory directory, Process node)
    {
        _directory = directory;
        _node = node;
    }

    /// <summary>Starts <paramref name="source"/> as an ES module with <paramref name="arguments"/>.</summary>
    public static async Task<NodeProcess> StartAsync(string source, params string[] arguments)
    {
        var directory = new TempDirectory();
        var script = directory.File("script.mjs");
        await File.WriteAllTextAsync(script, source);
        var start = new ProcessStartInfo("node", ["--experimental-websocket", script, .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var node = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var running = new NodeProcess(directory, node);
        node.ErrorDataReceived += (_, e) =>
        {
            lock (running._errors)
            {
                running._errors.AppendLine(e.Data);
            }
        };
        node.BeginErrorReadLine();
        return running;
    }

    /// <summary>The next line the script prints; the test fails with Node's standard error if it ends first.</summary>
    public async Task<string> ReadLineAsync(TimeSpan timeout)
    {
        var line = await _node.StandardOutput.ReadLineAsync().WaitAsync(timeout);
        if (line is null)
        {
            await _node.WaitForExitAsync().WaitAsync(timeout);
            lock (_errors)
            {
                Assert.Fail($"the script ended (exit code {_node.ExitCode}) without a line: {_errors}");
            }
        }

        return line!;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_node.HasExited)
            {
                _node.Kill();
                await _node.WaitForExitAsync();
            }
        }
        finally
        {
            _node.Dispose();
            _directory.Dispose();
        }
    }
}

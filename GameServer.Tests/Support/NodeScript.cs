using System.Diagnostics;

namespace GameServer.Tests.Support;

/// <summary>Runs a script in Node against the web client's own modules, as the pages load them.</summary>
internal static class NodeScript
{
    /// <summary>The <c>file:</c> URL of a module under <c>web-client/js</c> in the test output, for <c>import()</c>.</summary>
    public static string Module(string fileName) =>
        new Uri(Path.Combine(AppContext.BaseDirectory, "web-client", "js", fileName)).ToString();

    /// <summary>
    /// Runs <paramref name="source"/> as an ES module with <paramref name="arguments"/> and returns what it
    /// printed; the test fails with Node's standard error when the script does not exit with 0.
    /// </summary>
    public static async Task<string> RunAsync(string source, params string[] arguments)
    {
        using var directory = new TempDirectory();
        var script = directory.File("script.mjs");
        await File.WriteAllTextAsync(script, source);

        // Node 20 has WebSocket behind this flag; later versions have it on and accept the flag.
        var start = new ProcessStartInfo("node", ["--experimental-websocket", script, .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var node = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var output = node.StandardOutput.ReadToEndAsync();
        var errors = node.StandardError.ReadToEndAsync();
        await node.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.That(node.ExitCode, Is.Zero, await errors);
        return await output;
    }
}

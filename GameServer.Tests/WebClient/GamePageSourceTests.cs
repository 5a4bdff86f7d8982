using System.Reflection;
using System.Text.RegularExpressions;
using GameServer.Protocol;
using GameServer.Protocol.JsonRpc;

namespace GameServer.Tests.WebClient;

/// <summary>
/// The game page's scripts as the issue asks for them: split by panel, small files, and every method
/// name and error code taken from <c>protocol.js</c> rather than written out where it is used.
/// </summary>
[Category("Unit")]
public sealed partial class GamePageSourceTests
{
    private static readonly string Scripts = Path.Combine(AppContext.BaseDirectory, "web-client", "js");

    // The game page's modules; the admin dashboard's (admin*.js) are another page's.
    private static IEnumerable<string> GamePageScripts() =>
        Directory.EnumerateFiles(Scripts, "*.js", SearchOption.AllDirectories)
            .Where(path => !Path.GetFileName(path).StartsWith("admin", StringComparison.Ordinal) && Path.GetFileName(path) != "protocol.js")
            .Order();

    [Test]
    public void App_js_only_wires_panels_that_live_in_their_own_modules()
    {
        var panels = Directory.EnumerateFiles(Path.Combine(Scripts, "panels"), "*.js").Select(Path.GetFileNameWithoutExtension).ToList();
        var app = File.ReadAllText(Path.Combine(Scripts, "app.js"));

        Assert.That(panels, Is.SupersetOf(new[] { "login", "inventory", "chat", "combat", "movement", "boards", "connection" }));
        Assert.That(panels, Has.All.Matches<string>(panel => app.Contains($"./panels/{panel}.js", StringComparison.Ordinal)), "app.js wires every panel");
        Assert.That(File.ReadAllLines(Path.Combine(Scripts, "app.js")), Has.Length.LessThan(80), "app.js wires; it does not do the panels' work");
    }

    [Test]
    public void Every_game_page_script_is_well_under_300_lines([ValueSource(nameof(GamePageScripts))] string script) =>
        Assert.That(File.ReadAllLines(script), Has.Length.LessThan(250), Path.GetRelativePath(Scripts, script));

    [Test]
    public void No_game_page_script_writes_out_a_method_name_or_an_error_code([ValueSource(nameof(GamePageScripts))] string script)
    {
        var methods = typeof(Methods).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetRawConstantValue()!).ToHashSet();
        var codes = typeof(ErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => ((int)f.GetRawConstantValue()!).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
        // Comments may name a method, as documentation does; code may not.
        var text = string.Join('\n', File.ReadAllLines(script).Where(line => !CommentLine().IsMatch(line)));

        var names = StringLiteral().Matches(text).Select(m => m.Groups["text"].Value).Where(methods.Contains).ToList();
        var numbers = CodeLiteral().Matches(text).Select(m => m.Value).Where(codes.Contains).ToList();

        Assert.That(names.Concat(numbers), Is.Empty, $"{Path.GetRelativePath(Scripts, script)} uses Methods.X / ErrorCodes.X from protocol.js");
    }

    [GeneratedRegex("""["'`](?<text>[a-z_]+\.[a-z_]+)["'`]""")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"^\s*(//|/?\*)")]
    private static partial Regex CommentLine();

    [GeneratedRegex(@"-\d{5}\b")]
    private static partial Regex CodeLiteral();
}

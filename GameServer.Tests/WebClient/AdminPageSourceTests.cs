using System.Reflection;
using System.Text.RegularExpressions;
using GameServer.Protocol;
using GameServer.Protocol.JsonRpc;

namespace GameServer.Tests.WebClient;

/// <summary>
/// The dashboard's scripts stay small and take every method name and error code from
/// <c>protocol.js</c>, so a renamed method or code cannot leave the dashboard calling the old one.
/// </summary>
[Category("Unit")]
public sealed partial class AdminPageSourceTests
{
    private static readonly string Scripts = Path.Combine(AppContext.BaseDirectory, "web-client", "js");

    private static IEnumerable<string> AdminScripts() =>
        Directory.EnumerateFiles(Scripts, "admin*.js").Select(Path.GetFileName).OfType<string>().Order();

    [Test]
    public void Every_dashboard_script_is_well_under_300_lines([ValueSource(nameof(AdminScripts))] string script) =>
        Assert.That(File.ReadAllLines(Path.Combine(Scripts, script)), Has.Length.LessThan(200), script);

    [Test]
    public void No_dashboard_script_writes_out_a_method_name_or_an_error_code([ValueSource(nameof(AdminScripts))] string script)
    {
        var methods = typeof(Methods).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetRawConstantValue()!).ToHashSet();
        var codes = typeof(ErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => ((int)f.GetRawConstantValue()!).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
        var code = string.Join('\n', File.ReadAllLines(Path.Combine(Scripts, script)).Where(line => !Comment().IsMatch(line)));

        var written = Quoted().Matches(code).Select(m => m.Groups["text"].Value).Where(methods.Contains)
            .Concat(Code().Matches(code).Select(m => m.Value).Where(codes.Contains));

        Assert.That(written, Is.Empty, $"{script} should use Methods.X / ErrorCodes.X from protocol.js");
    }

    [GeneratedRegex("""["'`](?<text>[a-z_]+\.[a-z_]+)["'`]""")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"^\s*(//|/?\*)")]
    private static partial Regex Comment();

    [GeneratedRegex(@"-\d{5}\b")]
    private static partial Regex Code();
}

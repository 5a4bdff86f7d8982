using System.Reflection;
using GameServer.Protocol;
using GameServer.Protocol.JsonRpc;
using GameServer.Tests.Support;

namespace GameServer.Tests.Docs;

/// <summary>docs/protocol.md keeps step with the code: every method, notification and error code is in it.</summary>
[Category("Unit")]
public sealed class ProtocolDocumentationTests
{
    private static readonly Lazy<string> Protocol = new(() => File.ReadAllText(Path.Combine(Repository.Root, "docs", "protocol.md")));

    private static IEnumerable<string> MethodNames() =>
        typeof(Methods).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!);

    private static IEnumerable<int> ErrorCodeValues() =>
        typeof(ErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (int)f.GetValue(null)!);

    [TestCaseSource(nameof(MethodNames))]
    public void Every_method_and_notification_has_a_section(string method) =>
        Assert.That(Protocol.Value, Does.Contain($"`{method}"), $"docs/protocol.md has no section for {method}");

    [TestCaseSource(nameof(ErrorCodeValues))]
    public void Every_error_code_is_documented(int code) =>
        Assert.That(Protocol.Value, Does.Contain($"| {code} |"), $"docs/protocol.md's error table lacks {code}");
}

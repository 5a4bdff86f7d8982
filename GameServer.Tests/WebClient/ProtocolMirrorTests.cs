using System.Reflection;
using System.Text.Json;
using GameServer.Protocol;
using GameServer.Protocol.JsonRpc;
using GameServer.Tests.Support;

namespace GameServer.Tests.WebClient;

/// <summary>
/// <c>web-client/js/protocol.js</c> names the same methods and error codes as GameServer.Protocol: the
/// module is loaded in Node as the pages load it, and its two tables are compared with the C# constants.
/// </summary>
[Category("Integration")]
[CancelAfter(30_000)]
public sealed class ProtocolMirrorTests
{
    private const string Script = """
        const { Methods, ErrorCodes } = await import(process.argv[2]);
        console.log(JSON.stringify({ Methods, ErrorCodes }));
        """;

    [Test]
    public async Task Protocol_js_names_every_method_and_error_code_as_the_server_does()
    {
        var mirrored = await LoadProtocolJsAsync();

        Assert.Multiple(() =>
        {
            Assert.That(Table(mirrored, "Methods", e => e.GetString()!), Is.EquivalentTo(Constants<string>(typeof(Methods))));
            Assert.That(Table(mirrored, "ErrorCodes", e => e.GetInt32()), Is.EquivalentTo(Constants<int>(typeof(ErrorCodes))));
        });
    }

    private static Dictionary<string, T> Constants<T>(Type type) => type
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(field => field.IsLiteral && field.FieldType == typeof(T))
        .ToDictionary(field => field.Name, field => (T)field.GetRawConstantValue()!);

    private static Dictionary<string, T> Table<T>(JsonElement root, string name, Func<JsonElement, T> read) => root
        .GetProperty(name)
        .EnumerateObject()
        .ToDictionary(property => property.Name, property => read(property.Value));

    private static async Task<JsonElement> LoadProtocolJsAsync()
    {
        var output = await NodeScript.RunAsync(Script, NodeScript.Module("protocol.js"));
        return JsonDocument.Parse(output).RootElement.Clone();
    }
}

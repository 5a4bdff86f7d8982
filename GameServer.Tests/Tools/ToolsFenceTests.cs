using System.Reflection;
using GameServer.Tests.Tools.FenceSamples;

namespace GameServer.Tests.Tools;

/// <summary>
/// Nothing of the server references GameServer.Tools: only Program, which composes, registers the tools,
/// so the tools can change or go without touching a feature. Checked on the compiled IL, not the source.
/// </summary>
[Category("Unit")]
public sealed class ToolsFenceTests
{
    private const string ToolsNamespace = "GameServer.Tools";

    private static readonly Assembly Server = typeof(Program).Assembly;

    [Test]
    public void No_server_type_references_a_tool()
    {
        var references = Server.GetTypes()
            .Where(type => !IsTool(type) && Outermost(type) != typeof(Program))
            .SelectMany(type => TypeReferences.Into(type, IsTool))
            .ToList();

        Assert.That(references, Is.Empty);
    }

    [Test]
    public void Program_registers_the_tools_and_is_seen_doing_it()
    {
        var references = Server.GetTypes()
            .Where(type => Outermost(type) == typeof(Program))
            .SelectMany(type => TypeReferences.Into(type, IsTool))
            .ToList();

        Assert.That(references, Has.Some.Contains("GameServer.Tools.ToolCommands"), "the check finds the one reference there is");
    }

    [TestCase(typeof(CallsInABody))]
    [TestCase(typeof(CreatesInALambda))]
    [TestCase(typeof(ReadsAField))]
    [TestCase(typeof(TakesTypeOf))]
    [TestCase(typeof(HoldsAField))]
    [TestCase(typeof(ReturnsIt))]
    [TestCase(typeof(TakesItAsAParameter))]
    [TestCase(typeof(UsesItAsATypeArgument))]
    [TestCase(typeof(CastsToIt))]
    public void Each_kind_of_reference_is_found(Type sample)
    {
        var references = Nested(sample).SelectMany(type => TypeReferences.Into(type, IsSampleFenced)).ToList();

        Assert.That(references, Is.Not.Empty, $"{sample.Name} references FencedTool");
    }

    [Test]
    public void A_type_that_only_names_the_fence_in_a_string_is_clean()
    {
        var references = Nested(typeof(NamesItInAString)).SelectMany(type => TypeReferences.Into(type, IsSampleFenced)).ToList();

        Assert.That(references, Is.Empty);
    }

    private static bool IsTool(Type type) =>
        type.Assembly == Server && type.Namespace is { } ns && (ns == ToolsNamespace || ns.StartsWith(ToolsNamespace + ".", StringComparison.Ordinal));

    private static bool IsSampleFenced(Type type) => type.Namespace == typeof(FencedTool).Namespace;

    private static Type Outermost(Type type) => type.DeclaringType is { } outer ? Outermost(outer) : type;

    // A lambda's body lives in a compiler-made class nested in the type that wrote it.
    private static IEnumerable<Type> Nested(Type type) => [type, .. type.GetNestedTypes(BindingFlags.Public | BindingFlags.NonPublic).SelectMany(Nested)];

    private static class CallsInABody
    {
        public static void Go() => FencedTool.Run();
    }

    private static class CreatesInALambda
    {
        public static Func<object> Make() => () => new FencedTool();
    }

    private static class ReadsAField
    {
        public static int Read() => FencedTool.Count;
    }

    private static class TakesTypeOf
    {
        public static string Name() => typeof(FencedTool).Name;
    }

    private sealed class HoldsAField
    {
        public FencedTool? Tool { get; set; }
    }

    private static class ReturnsIt
    {
        public static FencedTool? Nothing() => null;
    }

    private static class TakesItAsAParameter
    {
        public static bool Given(FencedTool? tool) => tool is null;
    }

    private static class UsesItAsATypeArgument
    {
        public static int Count() => new List<FencedBox<int>>().Count;
    }

    private static class CastsToIt
    {
        public static bool Is(object value) => value is FencedTool;
    }

    private static class NamesItInAString
    {
        public static string Name() => "GameServer.Tests.Tools.FenceSamples.FencedTool";
    }
}

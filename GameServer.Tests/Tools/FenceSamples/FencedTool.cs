namespace GameServer.Tests.Tools.FenceSamples;

/// <summary>Stands for a type behind the fence in the tests that prove <see cref="TypeReferences"/> finds each kind of reference.</summary>
public sealed class FencedTool
{
    public static int Count;

    public static void Run()
    {
    }
}

/// <summary>A generic behind the fence.</summary>
public sealed class FencedBox<T>;

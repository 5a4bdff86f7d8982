namespace GameServer.Tests.Support;

/// <summary>Values for tests that only need to be valid and distinct.</summary>
public static class Some
{
    private static int _counter;

    public const string Password = "correct horse battery";

    public static string Username(string prefix = "user") => $"{prefix}{Interlocked.Increment(ref _counter)}_{Guid.NewGuid().ToString("N")[..6]}";
}

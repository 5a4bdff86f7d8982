namespace GameServer.Tests.Support;

/// <summary>The checkout the tests run from, for the tests that read or write its docs.</summary>
public static class Repository
{
    public static string Root
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "GameServer.sln")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new DirectoryNotFoundException("GameServer.sln not found above the test binaries");
        }
    }
}

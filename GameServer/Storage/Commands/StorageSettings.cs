namespace GameServer.Storage.Commands;

/// <summary>
/// The <c>Storage</c> settings as the server would read them, from the same sources in the same order
/// (appsettings.json beside the executable, the environment, the command line), without building the
/// server: a command that only needs to find the database must not open, migrate or seed it.
/// </summary>
public static class StorageSettings
{
    public static StorageOptions Read(string[] configurationArguments)
    {
        ArgumentNullException.ThrowIfNull(configurationArguments);
        var configuration = Build(configurationArguments);
        var options = new StorageOptions();
        configuration.GetSection(StorageOptions.Section).Bind(options);
        return options;
    }

    private static IConfiguration Build(string[] configurationArguments)
    {
        var environment = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT")
            ?? Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT")
            ?? "Production";
        return new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddJsonFile($"appsettings.{environment}.json", optional: true)
            .AddEnvironmentVariables()
            .AddEnvironmentVariables("GAMESERVER__")
            .AddCommandLine(configurationArguments)
            .Build();
    }
}

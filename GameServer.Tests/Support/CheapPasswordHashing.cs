using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace GameServer.Tests.Support;

/// <summary>
/// PBKDF2 with one iteration instead of 100,000: for tests that hash dozens of passwords to reach a
/// limit, where the hash's cost is not what is tested. The hashes go through the server's own path.
/// </summary>
public static class CheapPasswordHashing
{
    public static void Register(IServiceCollection services) =>
        services.Configure<PasswordHasherOptions>(options => options.IterationCount = 1);
}

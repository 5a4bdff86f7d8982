using GameServer.Configuration;
using GameServer.Jobs;
using GameServer.Storage;
using GameServer.Storage.LiteDb;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace GameServer.Accounts;

/// <summary>Registers accounts: the store, the service, the password hasher, the limits and the auth methods.</summary>
public static class AccountsFeature
{
    /// <summary>The authorization policy of HTTP routes for admins only: a bearer token of an admin.</summary>
    public const string AdminPolicy = "Admin";

    public static IServiceCollection AddAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<AccountsOptions>(configuration, AccountsOptions.Section);
        services.AddSingleton<IPasswordHasher<User>, PasswordHasher<User>>();
        services.AddSingleton<BoundedPasswordHasher>();
        services.AddSingleton<AuthLimits>();
        services.AddStore<IAccountStore, LiteDbAccountStore, PostgresAccountStore>(configuration);
        services.AddSingleton<AccountService>();
        services.AddSingleton<TokenSessions>();
        services.AddHostedService(sp => sp.GetRequiredService<TokenSessions>());
        services.AddSingleton<AuthRpc>();
        services.AddSingleton<UsersRpc>();
        services.AddJob<ExpiredTokenCleanupJob>();
        services.AddSingleton<BearerAuthentication>();
        // No default scheme (SuppressAutoDefaultScheme in the project file): the policies name theirs.
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, BearerTokenAuthenticationHandler>(BearerTokenAuthenticationHandler.SchemeName, configureOptions: null);
        services.AddAuthorizationBuilder()
            .AddPolicy(AdminPolicy, policy => policy
                .AddAuthenticationSchemes(BearerTokenAuthenticationHandler.SchemeName)
                .RequireRole(BearerTokenAuthenticationHandler.AdminRole));
        services.AddSingleton<IMigration, AccountIndexesMigration>();
        services.AddSingleton<IMigration, UsernameRuleMigration>();
        services.AddSingleton<IMigration, LastSeenMigration>();
        return services;
    }
}

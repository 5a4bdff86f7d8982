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

    // ASP.NET Core's own keys (WebApplicationBuilder's), not public constants.
    private const string AuthenticationMiddlewareSet = "__AuthenticationMiddlewareSet";
    private const string AuthorizationMiddlewareSet = "__AuthorizationMiddlewareSet";

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

    /// <summary>
    /// Adds HTTP authentication (the bearer scheme) and authorization for every request but those
    /// <paramref name="except"/> picks: requests that authenticate otherwise and last long, such as
    /// the WebSocket, which logs in inside the connection and would otherwise hold a handler, its
    /// logger and the middlewares' frames for as long as it is open.
    /// </summary>
    public static IApplicationBuilder UseHttpAuthentication(this IApplicationBuilder app, Func<HttpContext, bool> except)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(except);
        app.UseWhen(context => !except(context), http =>
        {
            http.UseAuthentication();
            http.UseAuthorization();
        });

        // WebApplication adds both middlewares again, for every request, unless the root builder bears
        // the marks UseAuthentication and UseAuthorization leave; inside UseWhen they land on a copy.
        app.Properties[AuthenticationMiddlewareSet] = true;
        app.Properties[AuthorizationMiddlewareSet] = true;
        return app;
    }
}

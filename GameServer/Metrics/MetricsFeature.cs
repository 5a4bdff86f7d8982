using System.Diagnostics.Metrics;
using GameServer.Configuration;
using GameServer.Realtime.Upgrade;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;


namespace GameServer.Metrics;

/// <summary>
/// <c>GET /metrics</c> in the Prometheus text format: every meter whose name starts with
/// <c>GameServer</c>, whatever feature made it, and the framework's own (Kestrel's connections,
/// ASP.NET Core's request durations, the runtime's GC and thread pool), exported by OpenTelemetry.
/// It knows no feature: features create their instruments through <see cref="System.Diagnostics.Metrics.IMeterFactory"/>.
/// </summary>
public static class MetricsFeature
{
    public const string Path = "/metrics";

    /// <summary>The authorization policy of <c>/metrics</c>: an admin's when <c>Metrics:RequireAdmin</c>, else anyone's.</summary>
    public const string Policy = "MetricsScrape";

    /// <summary>The framework's meters exported beside the server's own.</summary>
    public static readonly IReadOnlyList<string> FrameworkMeters =
    [
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "System.Runtime",
    ];

    private const string DefaultUrls = "http://localhost:5000";

    /// <summary>
    /// Adds the exporter and, when <c>Metrics:Port</c> is set, a listener of its own for <c>/metrics</c>.
    /// With <c>Metrics:RequireAdmin</c> a scrape must pass <paramref name="adminPolicy"/>.
    /// </summary>
    public static WebApplicationBuilder AddMetricsExport(this WebApplicationBuilder builder, string adminPolicy)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddValidatedOptions<MetricsOptions>(builder.Configuration, MetricsOptions.Section);

        // Built when the first request is authorised, after the settings are validated at start.
        builder.Services.AddOptions<AuthorizationOptions>().Configure<IOptions<MetricsOptions>>((authorization, metrics) =>
        {
            var policy = new AuthorizationPolicyBuilder();
            if (metrics.Value.RequireAdmin)
            {
                policy.Combine(authorization.GetPolicy(adminPolicy) ?? throw new InvalidOperationException($"no authorization policy {adminPolicy}"));
            }
            else
            {
                policy.RequireAssertion(static _ => true);
            }

            authorization.AddPolicy(Policy, policy.Build());
        });

        // Read before the settings are validated: the listener must be known before the host is built.
        var settings = builder.Configuration.GetSection(MetricsOptions.Section).Get<MetricsOptions>() ?? new MetricsOptions();
        if (!settings.Enabled)
        {
            return builder;
        }

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("GameServer", serviceVersion: typeof(MetricsFeature).Assembly.GetName().Version?.ToString(3)))
            .WithMetrics(metrics => metrics
            .AddMeter("GameServer", "GameServer.*")
            .AddMeter([.. FrameworkMeters])
            .AddPrometheusExporter());
        builder.Services.ConfigureOpenTelemetryMeterProvider((services, provider) => provider.AddView(OnlyThisHost(services.GetRequiredService<IMeterFactory>())));
        if (settings.ListenUrl is { } metricsUrl)
        {
            var urls = builder.Configuration[WebHostDefaults.ServerUrlsKey];
            builder.WebHost.UseUrls([.. (string.IsNullOrWhiteSpace(urls) ? DefaultUrls : urls).Split(';', StringSplitOptions.RemoveEmptyEntries), metricsUrl]);
            // That port serves /metrics alone: no WebSocket is taken there either.
            builder.Services.Configure<DirectUpgradeOptions>(direct => direct.ExcludedPorts.Add(settings.Port!.Value));
        }

        return builder;
    }

    /// <summary>
    /// Drops instruments of meters made by another host's <see cref="IMeterFactory"/>: the exporter
    /// listens by meter name, process-wide, so with two servers in one process (the tests start many)
    /// each would otherwise export the other's series too, as duplicates. The runtime's meter, made
    /// by no factory, is the process's and stays.
    /// </summary>
    private static Func<Instrument, MetricStreamConfiguration?> OnlyThisHost(IMeterFactory factory) =>
        instrument => instrument.Meter.Scope is IMeterFactory other && !ReferenceEquals(other, factory) ? MetricStreamConfiguration.Drop : null;

    /// <summary>
    /// Keeps the metrics port and the main port apart (call first in the pipeline): the metrics port
    /// serves <c>/metrics</c> and nothing else, and the main port answers 404 for it.
    /// </summary>
    public static IApplicationBuilder UseMetricsPort(this IApplicationBuilder app) => app.UseMiddleware<MetricsPortGate>();

    /// <summary>Maps <c>/metrics</c> unless <c>Metrics:Enabled</c> is false.</summary>
    public static IEndpointRouteBuilder MapMetrics(this IEndpointRouteBuilder app, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration.GetValue($"{MetricsOptions.Section}:{nameof(MetricsOptions.Enabled)}", defaultValue: true))
        {
            app.MapPrometheusScrapingEndpoint(Path).RequireAuthorization(Policy);
        }

        return app;
    }
}

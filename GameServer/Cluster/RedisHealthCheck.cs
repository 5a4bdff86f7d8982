using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace GameServer.Cluster;

/// <summary>
/// Redis, in cluster mode: Degraded (not Unhealthy) when it does not answer, since the node still
/// serves its own sessions then; only what crosses nodes stops.
/// </summary>
public sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    private static readonly TimeSpan PingTimeout = TimeSpan.FromSeconds(2);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!redis.IsConnected)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "Redis is not connected: no cross-node traffic");
        }

        try
        {
            var roundTrip = await redis.GetDatabase().PingAsync().WaitAsync(PingTimeout, cancellationToken);
            return HealthCheckResult.Healthy($"Redis answers in {roundTrip.TotalMilliseconds:0.0} ms");
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "Redis does not answer: no cross-node traffic", e);
        }
    }
}

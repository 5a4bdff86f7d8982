using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace GameServer.Storage;

/// <summary>Reports the database file as healthy while it answers queries.</summary>
public sealed class StorageHealthCheck(GameDatabase database) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(database.IsHealthy() ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("the database does not answer"));
}

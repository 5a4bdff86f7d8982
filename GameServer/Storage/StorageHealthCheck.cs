using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace GameServer.Storage;

/// <summary>Reports the database, LiteDB file or PostgreSQL server, as healthy while it answers queries.</summary>
public sealed class StorageHealthCheck(IDatabaseHealth database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await database.IsHealthyAsync(cancellationToken)
            ? HealthCheckResult.Healthy($"{database.Description} answers")
            : HealthCheckResult.Unhealthy($"{database.Description} does not answer");
}

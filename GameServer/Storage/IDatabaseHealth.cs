namespace GameServer.Storage;

/// <summary>The configured database, as <c>/healthz</c> sees it.</summary>
public interface IDatabaseHealth
{
    /// <summary>What the database is, for the health report (no secrets).</summary>
    string Description { get; }

    Task<bool> IsHealthyAsync(CancellationToken cancellationToken);
}

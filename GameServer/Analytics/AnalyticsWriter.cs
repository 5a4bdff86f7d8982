using Microsoft.Extensions.Options;

namespace GameServer.Analytics;

/// <summary>Writes the buffered events to the store in batches of <c>Analytics:WriteBatchSize</c>, one transaction each.</summary>
public sealed class AnalyticsWriter(AnalyticsBuffer buffer, IAnalyticsStore store, IOptions<AnalyticsOptions> options)
{
    // The job and the final write at shutdown may meet; one writer at a time keeps ids in recording order.
    private readonly Lock _writing = new();

    /// <summary>
    /// Writes what was waiting when called (not what keeps arriving meanwhile, so a flood cannot hold the
    /// job forever); returns how many were written.
    /// </summary>
    public int WritePending()
    {
        lock (_writing)
        {
            var pending = buffer.Count;
            var written = 0;
            var batch = new List<AnalyticsEvent>(Math.Min(pending, options.Value.WriteBatchSize));
            while (written < pending)
            {
                batch.Clear();
                if (buffer.Take(batch, Math.Min(options.Value.WriteBatchSize, pending - written)) == 0)
                {
                    break;
                }

                store.Append(batch);
                written += batch.Count;
            }

            return written;
        }
    }
}

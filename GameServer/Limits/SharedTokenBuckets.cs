using System.Threading.RateLimiting;

namespace GameServer.Limits;

/// <summary>
/// Token buckets by key as the framework's <see cref="PartitionedRateLimiter{TResource}"/>: acquiring one
/// permit takes a token, acquiring none asks whether one is left; a refusal carries
/// <see cref="MetadataName.RetryAfter"/>. In one process the buckets are <see cref="TokenBuckets{TKey}"/>;
/// in cluster mode they are in Redis (<see cref="RedisTokenBuckets"/>), so every node counts into one.
/// </summary>
public abstract class SharedTokenBuckets : PartitionedRateLimiter<string>
{
    /// <summary>Fills <paramref name="key"/>'s bucket again (a successful login clears its failures).</summary>
    public abstract ValueTask ResetAsync(string key, CancellationToken cancellationToken = default);

    public override RateLimiterStatistics? GetStatistics(string resource) => null;

    /// <summary>The answer of one bucket: acquired, or refused with the time until a token is back.</summary>
    protected sealed class BucketLease(bool acquired, TimeSpan retryAfter) : RateLimitLease
    {
        public static BucketLease Granted { get; } = new(true, TimeSpan.Zero);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => acquired ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = !acquired && metadataName == MetadataName.RetryAfter.Name ? retryAfter : null;
            return metadata is not null;
        }
    }
}

/// <summary>Creates the buckets of one limit: one process's, or the cluster's in Redis.</summary>
public interface ISharedTokenBucketsFactory
{
    /// <summary>Buckets named <paramref name="name"/> holding <paramref name="capacity"/> tokens, refilled at that many per <paramref name="period"/>.</summary>
    SharedTokenBuckets Create(string name, int capacity, TimeSpan period);
}

/// <summary>One process: the buckets in its memory, on its clock.</summary>
public sealed class LocalTokenBucketsFactory(TimeProvider time) : ISharedTokenBucketsFactory
{
    public SharedTokenBuckets Create(string name, int capacity, TimeSpan period) => new LocalTokenBuckets(new TokenBuckets<string>(capacity, period, time));

    private sealed class LocalTokenBuckets(TokenBuckets<string> buckets) : SharedTokenBuckets
    {
        public override ValueTask ResetAsync(string key, CancellationToken cancellationToken = default)
        {
            buckets.Reset(key);
            return ValueTask.CompletedTask;
        }

        protected override RateLimitLease AttemptAcquireCore(string resource, int permitCount)
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThan(permitCount, 1);
            var refused = permitCount == 0 ? buckets.IsEmpty(resource, out var retryAfter) : !buckets.TryTake(resource, out retryAfter);
            return refused ? new BucketLease(false, retryAfter) : BucketLease.Granted;
        }

        protected override ValueTask<RateLimitLease> AcquireAsyncCore(string resource, int permitCount, CancellationToken cancellationToken) =>
            ValueTask.FromResult(AttemptAcquireCore(resource, permitCount));
    }
}

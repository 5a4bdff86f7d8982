namespace GameServer.Cluster.Leases;

/// <summary>
/// One lease as this node sees it: every <c>Cluster:HeartbeatInterval</c> it tries to take the lease
/// when free, or renews it when held. It counts its right to act from the start of its last successful
/// take or renewal, by its own monotonic clock: the lease is held until that start plus
/// <c>Cluster:LeaseTimeout</c> less <see cref="SafetyMargin"/>. Redis counts the same timeout from when
/// it ran the command, later, so the holder stops acting before the key can expire and another node
/// take it; the margin covers a clock running a little fast and the moment between checking the token
/// and acting on it.
/// </summary>
public sealed partial class Lease : ILease, IAsyncDisposable
{
    private readonly ILeaseStore _store;
    private readonly string _holder;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly ITimer _heartbeat;
    private readonly ITimer _expiry;
    private Task _beat = Task.CompletedTask;
    private long? _token;
    private long _safeUntil;
    private bool _stopped;

    public Lease(string name, ILeaseStore store, string holder, TimeSpan timeout, TimeSpan heartbeat, TimeProvider time, ILogger logger)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(heartbeat, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(timeout, heartbeat * 3);
        Name = name;
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _holder = holder;
        _timeout = timeout;
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger;
        _expiry = time.CreateTimer(_ => Expire(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _heartbeat = time.CreateTimer(_ => Beat(), null, heartbeat, heartbeat);
        Beat();
    }

    public string Name { get; }

    /// <summary>How much sooner than Redis the holder gives up: a fifth of the timeout (1 s of the default 5 s).</summary>
    public TimeSpan SafetyMargin => _timeout / 5;

    public long? Token
    {
        get
        {
            lock (_gate)
            {
                return _token is { } token && _time.GetTimestamp() < _safeUntil ? token : null;
            }
        }
    }

    public event Action<ILease>? Changed;

    public bool IsCurrent(long token) => Token == token;

    public async ValueTask<bool> IsCurrentAsync(long token, CancellationToken cancellationToken = default) =>
        IsCurrent(token) && await _store.IsHeldAsync(Name, _holder, token).WaitAsync(cancellationToken);

    /// <summary>Completes when the heartbeat in progress, if any, has finished.</summary>
    public Task WhenIdleAsync()
    {
        lock (_gate)
        {
            return _beat;
        }
    }

    /// <summary>Stops competing and gives the lease up, so another node can take it at its next heartbeat.</summary>
    public async ValueTask DisposeAsync()
    {
        long? held;
        Task beat;
        lock (_gate)
        {
            _stopped = true;
            beat = _beat;
        }

        await _heartbeat.DisposeAsync();
        await _expiry.DisposeAsync();
        await beat;
        lock (_gate)
        {
            held = _token;
        }

        if (held is { } token)
        {
            Lose(token, why: null);
            try
            {
                await _store.ReleaseAsync(Name, _holder, token);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // It expires on its own within the timeout.
                LogReleaseFailed(e, Name);
            }
        }
    }

    // One heartbeat at a time: a slow Redis delays the next instead of stacking them.
    private void Beat()
    {
        lock (_gate)
        {
            if (_stopped || !_beat.IsCompleted)
            {
                return;
            }

            _beat = BeatAsync();
        }
    }

    private async Task BeatAsync()
    {
        var started = _time.GetTimestamp();
        long? held;
        lock (_gate)
        {
            held = _token;
        }

        try
        {
            if (held is { } token && started < SafeUntil())
            {
                if (await _store.RenewAsync(Name, _holder, token, _timeout))
                {
                    Hold(token, started);
                }
                else
                {
                    Lose(token, "taken by another node or expired in Redis");
                }
            }
            else
            {
                if (held is { } expired)
                {
                    Lose(expired, "not renewed in time");
                }

                if (await _store.TryAcquireAsync(Name, _holder, _timeout) is { } token2)
                {
                    Hold(token2, started);
                }
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Redis unreachable: keep what is held until the safe time runs out; the expiry timer drops it then.
            LogBeatFailed(e, Name);
        }
    }

    private long SafeUntil()
    {
        lock (_gate)
        {
            return _safeUntil;
        }
    }

    // Held from when the command was sent: Redis counts its timeout from later, when it ran it.
    private void Hold(long token, long sentAt)
    {
        var safeFor = _timeout - SafetyMargin;
        bool taken;

        // Even while stopping: what was taken must be known to be released.
        lock (_gate)
        {
            taken = _token != token;
            _token = token;
            _safeUntil = sentAt + (long)(safeFor.TotalSeconds * _time.TimestampFrequency);
            var left = _time.GetElapsedTime(_time.GetTimestamp(), _safeUntil);
            _expiry.Change(left > TimeSpan.Zero ? left : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }

        if (taken)
        {
            LogAcquired(Name, token);
            Changed?.Invoke(this);
        }
    }

    private void Expire()
    {
        long? held;
        lock (_gate)
        {
            held = _token is not null && _time.GetTimestamp() >= _safeUntil ? _token : null;
        }

        if (held is { } token)
        {
            Lose(token, "not renewed in time");
        }
    }

    // Why is null for a release at stop, which is no cause for a warning.
    private void Lose(long token, string? why)
    {
        lock (_gate)
        {
            if (_token != token)
            {
                return;
            }

            _token = null;
            _expiry.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        if (why is null)
        {
            LogReleased(Name, token);
        }
        else
        {
            LogLost(Name, token, why);
        }

        Changed?.Invoke(this);
    }

    [LoggerMessage(LogLevel.Information, "Lease {Lease} taken with fencing token {Token}")]
    private partial void LogAcquired(string lease, long token);

    [LoggerMessage(LogLevel.Information, "Lease {Lease} (token {Token}) released")]
    private partial void LogReleased(string lease, long token);

    [LoggerMessage(LogLevel.Warning, "Lease {Lease} (token {Token}) no longer held: {Why}")]
    private partial void LogLost(string lease, long token, string why);

    [LoggerMessage(LogLevel.Warning, "Lease {Lease}: Redis did not answer; holding on only until the lease's safe time runs out")]
    private partial void LogBeatFailed(Exception error, string lease);

    [LoggerMessage(LogLevel.Warning, "Lease {Lease} could not be released; it expires on its own")]
    private partial void LogReleaseFailed(Exception error, string lease);
}

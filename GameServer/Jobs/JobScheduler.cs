using System.Reactive.Concurrency;
using Microsoft.Extensions.Options;

namespace GameServer.Jobs;

/// <summary>
/// Runs every registered <see cref="IJob"/> on the injected <see cref="IScheduler"/>, one run at a time
/// per job, and keeps each job's <see cref="JobStatus"/>.
/// </summary>
public sealed partial class JobScheduler : IHostedService, IDisposable
{
    private readonly ScheduledJob[] _jobs;
    private readonly IScheduler _scheduler;
    private readonly IJobRunGate _runGate;
    private readonly JobMetrics _metrics;
    private readonly TimeSpan _stopTimeout;
    private readonly ILogger<JobScheduler> _logger;
    private readonly CancellationTokenSource _giveUp = new();
    private readonly Lock _gate = new();
    private bool _stopped;

    public JobScheduler(IEnumerable<IJob> jobs, IConfiguration configuration, IOptions<JobSchedulerOptions> options, IScheduler scheduler, IJobRunGate gate, JobMetrics metrics, ILogger<JobScheduler> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _jobs = [.. jobs.Select(job => new ScheduledJob(job, JobOptions.Read(configuration, job)))];
        var duplicate = _jobs.GroupBy(j => j.Job.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"two jobs are named {duplicate.Key}");
        }

        ArgumentNullException.ThrowIfNull(metrics);
        _scheduler = scheduler;
        _runGate = gate ?? throw new ArgumentNullException(nameof(gate));
        _metrics = metrics;
        metrics.ObserveFailures(() => Statuses);
        _stopTimeout = options.Value.StopTimeout;
        _logger = logger;
    }

    /// <summary>Every job's status, in registration order.</summary>
    public IReadOnlyList<JobStatus> Statuses
    {
        get
        {
            lock (_gate)
            {
                return [.. _jobs.Select(j => j.Status)];
            }
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var job in _jobs)
        {
            if (job.Options.Enabled)
            {
                LogScheduled(job.Job.Name, job.Options.Interval);
                _runGate.Prepare(job.Job);
                job.Job.Demand?.OnWake(() => Wake(job));
                Arm(job);
            }
            else
            {
                LogDisabled(job.Job.Name, job.Job.Section);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Stops the schedule, then waits for runs in progress: up to <see cref="JobSchedulerOptions.StopTimeout"/>, or until the host gives up.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _stopped = true;
            foreach (var job in _jobs)
            {
                job.Timer.Dispose();
                job.Status = job.Status with { NextDue = null };
            }
        }

        var idle = WhenIdleAsync();
        if (idle.IsCompleted)
        {
            return;
        }

        // The bound is on the scheduler's clock, so virtual-time tests can reach it without waiting.
        var timeUp = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var bound = _scheduler.Schedule(_stopTimeout, () => timeUp.TrySetResult());
        await using var hostGaveUp = cancellationToken.Register(() => timeUp.TrySetResult());
        if (await Task.WhenAny(idle, timeUp.Task) != idle)
        {
            LogStopTimedOut(string.Join(", ", RunningJobNames()), _stopTimeout);
            await _giveUp.CancelAsync();
        }
    }

    /// <summary>Completes when no run is in progress; by then each finished run has armed its successor.</summary>
    public Task WhenIdleAsync()
    {
        lock (_gate)
        {
            return Task.WhenAll(_jobs.Select(j => j.Running));
        }
    }

    public void Dispose()
    {
        foreach (var job in _jobs)
        {
            job.Timer.Dispose();
        }

        _giveUp.Dispose();
    }

    // A one-shot timer armed again only after each run has finished, not an Observable.Interval:
    // a slow run delays the next instead of runs piling up or overlapping.
    private void Arm(ScheduledJob job) => Arm(job, job.Options.Interval);

    private void Arm(ScheduledJob job, TimeSpan delay)
    {
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            job.Status = job.Status with { NextDue = _scheduler.Now + delay };
            job.Timer.Disposable = _scheduler.Schedule(delay, () => Start(job));
        }
    }

    /// <summary>A signal woke a sleeping job: it runs on the beat its timer would have kept, so a change waits as long as ever.</summary>
    private void Wake(ScheduledJob job)
    {
        lock (_gate)
        {
            var interval = job.Options.Interval;
            var intoBeat = (_scheduler.Now - job.AsleepSince).Ticks % interval.Ticks;
            Arm(job, interval - TimeSpan.FromTicks(intoBeat));
        }
    }

    private void Start(ScheduledJob job)
    {
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            job.Status = job.Status with { NextDue = null };
            if (job.Job.Demand is { } demand && !demand.TakeOrSleep())
            {
                // Nothing to do since the last run: no run and no timer until a signal wakes the job.
                job.AsleepSince = _scheduler.Now;
                return;
            }

            // Off the scheduler's thread: a job may do synchronous LiteDB work, and must hold up neither
            // the other jobs' timers nor request handling.
            job.Running = Task.Run(() => RunAsync(job));
        }
    }

    private async Task RunAsync(ScheduledJob job)
    {
        if (!await MayRunAsync(job))
        {
            // Not done: a sleeping job keeps it for the next beat, as one that never sleeps would.
            job.Job.Demand?.Signal();
            lock (_gate)
            {
                Arm(job);
            }

            return;
        }

        var startedAt = _scheduler.Now;
        lock (_gate)
        {
            job.Status = job.Status with { LastRun = startedAt };
        }

        string? error = null;
        try
        {
            await job.Job.RunAsync(_giveUp.Token);
        }
        catch (OperationCanceledException) when (_giveUp.IsCancellationRequested)
        {
            error = "cancelled: the server stopped before the run ended";
            LogCancelled(job.Job.Name);
        }
        catch (Exception e)
        {
            // The details stay in the log: system.info answers anyone, so it only gets the id to look for.
            var correlationId = Guid.NewGuid().ToString("N")[..12];
            error = $"failed; correlation id {correlationId}";
            LogRunFailed(e, job.Job.Name, correlationId);

            // Its work may be undone: a sleeping job tries again at the next beat, as one that never sleeps.
            job.Job.Demand?.Signal();
        }

        var duration = _scheduler.Now - startedAt;
        _metrics.Ran(job.Tag, duration);
        lock (_gate)
        {
            var status = job.Status;
            job.Status = status with
            {
                LastDuration = duration,
                LastError = error,
                Runs = status.Runs + 1,
                Failures = status.Failures + (error is null ? 0 : 1),
            };
            Arm(job);
        }
    }

    // A gate that fails (Redis down) skips the run: running it on every node could do it twice.
    private async ValueTask<bool> MayRunAsync(ScheduledJob job)
    {
        try
        {
            if (await _runGate.MayRunAsync(job.Job, job.Options.Interval, _giveUp.Token))
            {
                return true;
            }

            LogSkipped(job.Job.Name);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogGateFailed(e, job.Job.Name);
        }

        return false;
    }

    private IEnumerable<string> RunningJobNames()
    {
        lock (_gate)
        {
            return [.. _jobs.Where(j => !j.Running.IsCompleted).Select(j => j.Job.Name)];
        }
    }

    [LoggerMessage(LogLevel.Information, "Job {Job} runs every {Interval}")]
    private partial void LogScheduled(string job, TimeSpan interval);

    [LoggerMessage(LogLevel.Information, "Job {Job} is switched off ({Section}:Enabled=false)")]
    private partial void LogDisabled(string job, string section);

    [LoggerMessage(LogLevel.Error, "Job {Job} failed; correlation id {CorrelationId}; the schedule goes on")]
    private partial void LogRunFailed(Exception exception, string job, string correlationId);

    [LoggerMessage(LogLevel.Debug, "Job {Job} skipped: another node runs it this time")]
    private partial void LogSkipped(string job);

    [LoggerMessage(LogLevel.Warning, "Job {Job} skipped: could not tell whether another node runs it")]
    private partial void LogGateFailed(Exception exception, string job);

    [LoggerMessage(LogLevel.Warning, "Job {Job} was cancelled by the server stopping")]
    private partial void LogCancelled(string job);

    [LoggerMessage(LogLevel.Warning, "Stopping: jobs {Jobs} still running after {Timeout}; cancelling them")]
    private partial void LogStopTimedOut(string jobs, TimeSpan timeout);
}

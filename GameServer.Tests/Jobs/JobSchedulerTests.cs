using Microsoft.Extensions.Time.Testing;
using GameServer.Jobs;
using GameServer.Tests.Support;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GameServer.Tests.Jobs;

/// <summary>The scheduler alone, in virtual time: every tick is one the test chose.</summary>
[Category("Unit")]
[CancelAfter(10_000)]
public sealed partial class JobSchedulerTests
{
    private static readonly DateTimeOffset Start = VirtualClock.Start;
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);

    private FakeTimeProvider _clock = null!;
    private CollectingLoggerProvider _logs = null!;
    private ILoggerFactory _loggers = null!;
    private ServiceProvider _meterServices = null!;

    private static CancellationToken Token => TestContext.CurrentContext.CancellationToken;

    [SetUp]
    public void SetUp()
    {
        _clock = new FakeTimeProvider(Start);
        _logs = new CollectingLoggerProvider();
        _loggers = LoggerFactory.Create(logging => logging.AddProvider(_logs));
        _meterServices = new ServiceCollection().AddMetrics().BuildServiceProvider();
    }

    [TearDown]
    public void TearDown()
    {
        _loggers.Dispose();
        _logs.Dispose();
        _meterServices.Dispose();
    }

    [Test]
    public async Task A_job_runs_once_per_interval()
    {
        var job = new ScriptedJob();
        using var jobs = await StartAsync(job, "Scripted:Interval=00:00:10");

        await AdvanceAsync(jobs, TimeSpan.FromSeconds(9));
        Assert.That(job.Runs, Is.Zero);
        await AdvanceAsync(jobs, TimeSpan.FromSeconds(21));

        var status = jobs.Statuses.Single();
        Assert.That(job.Runs, Is.EqualTo(3));
        Assert.That(status.Runs, Is.EqualTo(3));
        Assert.That(status.Interval, Is.EqualTo(TimeSpan.FromSeconds(10)));
        Assert.That(status.LastRun, Is.EqualTo(Start.AddSeconds(30)));
        Assert.That(status.LastDuration, Is.EqualTo(TimeSpan.Zero));
        Assert.That(status.NextDue, Is.EqualTo(Start.AddSeconds(40)));
        Assert.That(status.LastError, Is.Null);
    }

    [Test]
    public async Task A_failing_run_is_logged_and_recorded_and_the_schedule_goes_on()
    {
        var job = new ScriptedJob((run, _) => run == 1 ? throw new InvalidOperationException("boom") : Task.CompletedTask);
        using var jobs = await StartAsync(job, "Scripted:Interval=00:00:10");

        await AdvanceAsync(jobs, TimeSpan.FromSeconds(10));

        var failed = jobs.Statuses.Single();
        Assert.That(failed.LastError, Does.StartWith("failed; correlation id "));
        Assert.That(failed.Failures, Is.EqualTo(1));
        Assert.That(failed.NextDue, Is.EqualTo(Start.AddSeconds(20)));
        var correlationId = failed.LastError!.Split(' ')[^1];
        Assert.That(_logs.Lines, Has.Some.StartsWith("Error:").And.Contains("scripted").And.Contains(correlationId).And.Contains("InvalidOperationException: boom"));

        await AdvanceAsync(jobs, TimeSpan.FromSeconds(10));

        var recovered = jobs.Statuses.Single();
        Assert.That(job.Runs, Is.EqualTo(2));
        Assert.That(recovered.LastError, Is.Null, "the last run succeeded");
        Assert.That(recovered.Runs, Is.EqualTo(2));
        Assert.That(recovered.Failures, Is.EqualTo(1), "the failure stays counted");
    }

    [Test]
    public async Task Runs_and_failures_reach_the_instruments_on_the_scheduler_clock()
    {
        var meters = _meterServices.GetRequiredService<IMeterFactory>();
        using var durations = new MetricCollector<double>(meters, JobMetrics.MeterName, "gameserver.jobs.run.duration");
        using var failures = new MetricCollector<long>(meters, JobMetrics.MeterName, "gameserver.jobs.failures");
        var job = new ScriptedJob((run, _) => run == 1 ? throw new InvalidOperationException("boom") : Task.CompletedTask);
        using var jobs = await StartAsync(job, "Scripted:Interval=00:00:10");

        await AdvanceAsync(jobs, TimeSpan.FromSeconds(20));
        failures.RecordObservableInstruments();

        // Zero seconds: the duration is read on the scheduler's (virtual) clock, as system.info's is.
        Assert.That(durations.GetMeasurementSnapshot().Select(m => (m.Value, m.Tags["job"])), Is.EqualTo(new[] { (0.0, (object?)"scripted"), (0.0, (object?)"scripted") }));
        Assert.That(failures.LastMeasurement?.Value, Is.EqualTo(1));
        Assert.That(failures.LastMeasurement?.Tags["job"], Is.EqualTo("scripted"));
    }

    [Test]
    public async Task A_run_longer_than_the_interval_is_not_overlapped_and_delays_the_next()
    {
        var started = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var job = ScriptedJob.Blocking(started, release.Task);
        using var jobs = await StartAsync(job, "Scripted:Interval=00:00:10");

        _clock.Advance(TimeSpan.FromSeconds(10));
        await started.Task.WaitAsync(Token);
        _clock.Advance(TimeSpan.FromSeconds(30));

        Assert.That(job.Runs, Is.EqualTo(1), "three intervals passed during the run, and no second run started");
        Assert.That(jobs.Statuses.Single().NextDue, Is.Null);

        release.SetResult();
        await jobs.WhenIdleAsync().WaitAsync(Token);

        var status = jobs.Statuses.Single();
        Assert.That(status.LastDuration, Is.EqualTo(TimeSpan.FromSeconds(30)));
        Assert.That(status.NextDue, Is.EqualTo(Start.AddSeconds(50)), "one interval after the slow run ended");
        await AdvanceAsync(jobs, TimeSpan.FromSeconds(9));
        Assert.That(job.Runs, Is.EqualTo(1));
        await AdvanceAsync(jobs, TimeSpan.FromSeconds(1));
        Assert.That(job.Runs, Is.EqualTo(2));
    }

    [Test]
    public async Task A_job_switched_off_in_configuration_never_runs()
    {
        var job = new ScriptedJob();
        using var jobs = await StartAsync(job, "Scripted:Enabled=false", "Scripted:Interval=00:00:10");

        await AdvanceAsync(jobs, TimeSpan.FromSeconds(60));

        var status = jobs.Statuses.Single();
        Assert.That(job.Runs, Is.Zero);
        Assert.That(status.Enabled, Is.False);
        Assert.That(status.NextDue, Is.Null);
        Assert.That(_logs.Lines, Has.Some.Contains("scripted is switched off"));
    }

    [Test]
    public async Task A_job_may_name_its_own_interval_key()
    {
        var job = new ScriptedJob(intervalKey: "TickInterval");
        using var jobs = await StartAsync(job, "Scripted:TickInterval=00:00:05", "Scripted:Interval=00:00:30");

        Assert.That(jobs.Statuses.Single().NextDue, Is.EqualTo(Start.AddSeconds(5)));
        await AdvanceAsync(jobs, TimeSpan.FromSeconds(10));
        Assert.That(job.Runs, Is.EqualTo(2));
    }

    [Test]
    public async Task Stopping_waits_for_the_running_job_and_ends_the_schedule()
    {
        var started = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var job = ScriptedJob.Blocking(started, release.Task);
        using var jobs = await StartAsync(job, "Scripted:Interval=00:00:10");
        _clock.Advance(TimeSpan.FromSeconds(10));
        await started.Task.WaitAsync(Token);

        var stopping = jobs.StopAsync(CancellationToken.None);

        Assert.That(stopping.IsCompleted, Is.False, "the run is still in progress");
        release.SetResult();
        await stopping.WaitAsync(Token);
        var status = jobs.Statuses.Single();
        Assert.That(status.Runs, Is.EqualTo(1));
        Assert.That(status.LastError, Is.Null, "the run was let finish, not cancelled");
        Assert.That(status.NextDue, Is.Null);
        await AdvanceAsync(jobs, TimeSpan.FromSeconds(60));
        Assert.That(job.Runs, Is.EqualTo(1), "no run after stop");
    }

    [Test]
    public async Task Stopping_cancels_a_job_still_running_after_the_stop_timeout()
    {
        var started = new TaskCompletionSource();
        var job = ScriptedJob.Blocking(started, Task.Delay(Timeout.Infinite, Token));
        using var jobs = await StartAsync(job, "Scripted:Interval=00:00:10");
        _clock.Advance(TimeSpan.FromSeconds(10));
        await started.Task.WaitAsync(Token);

        var stopping = jobs.StopAsync(CancellationToken.None);
        _clock.Advance(StopTimeout - TimeSpan.FromSeconds(1));
        Assert.That(stopping.IsCompleted, Is.False, "still within the bound");
        _clock.Advance(TimeSpan.FromSeconds(1));
        await stopping.WaitAsync(Token);
        await jobs.WhenIdleAsync().WaitAsync(Token);

        Assert.That(jobs.Statuses.Single().LastError, Does.StartWith("cancelled"));
        Assert.That(_logs.Lines, Has.Some.StartsWith("Warning:").And.Contains("scripted still running after"));
    }

    private Task<JobScheduler> StartAsync(IJob job, params string[] settings) => StartAsync(job, new EveryRunGate(), settings);

    [Test]
    public async Task A_run_the_gate_refuses_is_skipped_uncounted_and_the_next_is_armed()
    {
        var job = new ScriptedJob();
        var gate = new AlternatingGate();
        using var jobs = await StartAsync(job, gate, "Scripted:Interval=00:00:10");

        await AdvanceAsync(jobs, TimeSpan.FromSeconds(40));

        var status = jobs.Statuses.Single();
        Assert.That(gate.Asked, Is.EqualTo(4));
        Assert.That(job.Runs, Is.EqualTo(2));
        Assert.That(status.Runs, Is.EqualTo(2));
        Assert.That(status.LastRun, Is.EqualTo(Start.AddSeconds(40)));
        Assert.That(status.NextDue, Is.EqualTo(Start.AddSeconds(50)));
    }

    [Test]
    public async Task A_gate_that_fails_skips_the_run_and_says_so()
    {
        var job = new ScriptedJob();
        using var jobs = await StartAsync(job, new FailingGate(), "Scripted:Interval=00:00:10");

        await AdvanceAsync(jobs, TimeSpan.FromSeconds(10));

        Assert.That(job.Runs, Is.Zero);
        Assert.That(_logs.Lines, Has.Some.StartsWith("Warning:").And.Contains("scripted skipped: could not tell"));
    }

    private async Task<JobScheduler> StartAsync(IJob job, IJobRunGate gate, params string[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => s.Split('=', 2)).Select(kv => KeyValuePair.Create(kv[0], (string?)kv[1])))
            .Build();
        var options = Options.Create(new JobSchedulerOptions { StopTimeout = StopTimeout });
        var jobs = new JobScheduler([job], configuration, options, new TimeProviderScheduler(_clock), gate, new JobMetrics(_meterServices.GetRequiredService<IMeterFactory>()), _loggers.CreateLogger<JobScheduler>());
        await jobs.StartAsync(Token);
        return jobs;
    }

    /// <summary>Moves virtual time a second at a time, letting each run that falls due finish (and arm the next) before going on.</summary>
    private async Task AdvanceAsync(JobScheduler jobs, TimeSpan by)
    {
        for (var second = 0; second < by.TotalSeconds; second++)
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
            await jobs.WhenIdleAsync().WaitAsync(Token);
        }
    }

    /// <summary>Refuses the first run, allows the second, and so on.</summary>
    private sealed class AlternatingGate : IJobRunGate
    {
        public int Asked { get; private set; }

        public ValueTask<bool> MayRunAsync(IJob job, TimeSpan interval, CancellationToken cancellationToken) => ValueTask.FromResult(++Asked % 2 == 0);
    }

    private sealed class FailingGate : IJobRunGate
    {
        public ValueTask<bool> MayRunAsync(IJob job, TimeSpan interval, CancellationToken cancellationToken) => throw new InvalidOperationException("Redis is down");
    }
}

using GameServer.Jobs;

namespace GameServer.Tests.Jobs;

/// <summary>Jobs with a <see cref="JobDemand"/>: asleep while nothing signals them, woken on their beat.</summary>
public sealed partial class JobSchedulerTests
{
    [Test]
    public async Task A_job_with_a_demand_runs_once_then_sleeps_through_intervals_without_a_signal()
    {
        var demand = new JobDemand();
        var job = new ScriptedJob(demand: demand);
        using var jobs = await StartAsync(job, "Scripted:Interval=00:00:10");

        await AdvanceAsync(jobs, TimeSpan.FromSeconds(10));
        Assert.That(job.Runs, Is.EqualTo(1), "the first run is never skipped");
        Assert.That(demand.IsAsleep, Is.False);

        await AdvanceAsync(jobs, TimeSpan.FromSeconds(60));

        var status = jobs.Statuses.Single();
        Assert.That(job.Runs, Is.EqualTo(1));
        Assert.That(status.Runs, Is.EqualTo(1), "a skipped run is not a run");
        Assert.That(demand.IsAsleep, Is.True);
        Assert.That(status.NextDue, Is.Null, "asleep: no run is due");
    }

    [Test]
    public async Task A_signal_wakes_a_sleeping_job_on_the_beat_it_kept()
    {
        var demand = new JobDemand();
        var job = new ScriptedJob(demand: demand);
        using var jobs = await StartAsync(job, "Scripted:Interval=00:00:10");

        // Runs at 10 s, falls due at 20 s with nothing signalled and sleeps: its beat is 30 s, 40 s, ...
        await AdvanceAsync(jobs, TimeSpan.FromSeconds(37));
        demand.Signal();

        Assert.That(demand.IsAsleep, Is.False);
        Assert.That(jobs.Statuses.Single().NextDue, Is.EqualTo(Start.AddSeconds(40)), "a change waits for the beat, as if the timer had never slept");
        await AdvanceAsync(jobs, TimeSpan.FromSeconds(2));
        Assert.That(job.Runs, Is.EqualTo(1));
        await AdvanceAsync(jobs, TimeSpan.FromSeconds(1));
        Assert.That(job.Runs, Is.EqualTo(2));
        Assert.That(jobs.Statuses.Single().LastRun, Is.EqualTo(Start.AddSeconds(40)));

        demand.Signal();
        demand.Signal();
        await AdvanceAsync(jobs, TimeSpan.FromSeconds(40));
        Assert.That(job.Runs, Is.EqualTo(3), "signals between two runs make one run");
        Assert.That(demand.IsAsleep, Is.True);
    }

    [Test]
    public async Task A_signal_during_a_run_counts_for_the_next_run()
    {
        var demand = new JobDemand();
        var job = new ScriptedJob((run, _) =>
        {
            if (run == 1)
            {
                demand.Signal();
            }

            return Task.CompletedTask;
        }, demand: demand);
        using var jobs = await StartAsync(job, "Scripted:Interval=00:00:10");

        await AdvanceAsync(jobs, TimeSpan.FromSeconds(50));

        Assert.That(job.Runs, Is.EqualTo(2), "the run began before the signal: its work may not be done");
        Assert.That(demand.IsAsleep, Is.True);
    }

    [Test]
    public async Task A_failed_or_refused_run_of_a_job_with_a_demand_is_tried_again_at_the_next_beat()
    {
        var demand = new JobDemand();
        var failing = new ScriptedJob((run, _) => run == 1 ? throw new InvalidOperationException("boom") : Task.CompletedTask, demand: demand);
        using (var jobs = await StartAsync(failing, "Scripted:Interval=00:00:10"))
        {
            await AdvanceAsync(jobs, TimeSpan.FromSeconds(50));
            Assert.That(failing.Runs, Is.EqualTo(2), "failed at 10 s, tried again at 20 s, asleep since 30 s");
        }

        var refusedDemand = new JobDemand();
        var refused = new ScriptedJob(demand: refusedDemand);
        var gate = new AlternatingGate();
        var second = _clock.GetUtcNow();
        using (var jobs = await StartAsync(refused, gate, "Scripted:Interval=00:00:10"))
        {
            await AdvanceAsync(jobs, TimeSpan.FromSeconds(50));
            Assert.That(refused.Runs, Is.EqualTo(1), "refused at 10 s, run at 20 s, asleep since 30 s");
            Assert.That(jobs.Statuses.Single().LastRun, Is.EqualTo(second.AddSeconds(20)));
        }
    }
}

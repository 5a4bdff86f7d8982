using GameServer.Jobs;
using GameServer.Protocol.System;
using GameServer.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace GameServer.Tests.Jobs;

/// <summary>A job registered in the real server, seen through <c>system.info</c>.</summary>
[Category("Integration")]
[CancelAfter(30_000)]
public sealed class JobsInSystemInfoTests
{
    private static readonly DateTimeOffset Start = VirtualClock.Start;

    [Test]
    public async Task System_info_lists_a_registered_job_with_its_schedule_and_last_run()
    {
        var clock = new VirtualClock();
        await using var server = await InProcessServer.StartAsync(
            services => clock.Register(services.AddJob<TidyJob>()),
            "--Tidy:Interval=00:00:30");
        var (client, _) = await server.ConnectAsUserAsync();
        var jobs = server.Services.GetRequiredService<JobScheduler>();

        var before = (await client.InfoAsync()).Jobs.Single(j => j.Name == "tidy");
        clock.Time.Advance(TimeSpan.FromSeconds(30));
        await jobs.WhenIdleAsync().WaitAsync(TestContext.CurrentContext.CancellationToken);
        var after = (await client.InfoAsync()).Jobs.Single(j => j.Name == "tidy");

        Assert.That(before, Is.EqualTo(new JobInfo("tidy", true, 30, null, null, null, Start.AddSeconds(30), 0, 0)));
        Assert.That(after, Is.EqualTo(new JobInfo("tidy", true, 30, Start.AddSeconds(30), 0, null, Start.AddSeconds(60), 1, 0)));
    }

    private sealed class TidyJob : IJob
    {
        public string Name => "tidy";

        public string Section => "Tidy";

        public TimeSpan DefaultInterval => TimeSpan.FromMinutes(5);

        public ValueTask RunAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}

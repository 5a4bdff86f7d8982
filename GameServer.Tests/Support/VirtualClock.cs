using System.Reactive.Concurrency;
using GameServer.Jobs;
using Microsoft.Extensions.DependencyInjection;

namespace GameServer.Tests.Support;

/// <summary>A HistoricalScheduler for the server's jobs, advanced by the test, with the runs it starts awaited.</summary>
public sealed class VirtualClock
{
    public HistoricalScheduler Scheduler { get; } = new(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public void Register(IServiceCollection services) => services.AddSingleton<IScheduler>(Scheduler);

    /// <summary>Advances in steps of <paramref name="step"/>, letting each step's job runs finish before the next.</summary>
    public async Task AdvanceAsync(InProcessServer server, TimeSpan time, TimeSpan step)
    {
        ArgumentNullException.ThrowIfNull(server);
        var jobs = server.Services.GetRequiredService<JobScheduler>();
        var target = Scheduler.Now + time;
        while (Scheduler.Now < target)
        {
            Scheduler.AdvanceBy(target - Scheduler.Now < step ? target - Scheduler.Now : step);
            await jobs.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
    }
}

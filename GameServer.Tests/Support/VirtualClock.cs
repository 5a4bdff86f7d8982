using GameServer.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace GameServer.Tests.Support;

/// <summary>
/// The tests' one clock: a <see cref="FakeTimeProvider"/> that stands still until the test advances it.
/// Registered as the server's <see cref="TimeProvider"/>, it drives the job scheduler too (its
/// <see cref="TimeProviderScheduler"/> reads and times on it), so jobs, limits, expiries and stamps
/// all move together, and only when told.
/// </summary>
public sealed class VirtualClock
{
    /// <summary>The instant every virtual clock starts at, unless the test says otherwise.</summary>
    public static readonly DateTimeOffset Start = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public VirtualClock()
        : this(Start)
    {
    }

    public VirtualClock(DateTimeOffset start) => Time = new FakeTimeProvider(start);

    public FakeTimeProvider Time { get; }

    public DateTimeOffset Now => Time.GetUtcNow();

    public void Register(IServiceCollection services) => services.AddSingleton<TimeProvider>(Time);

    /// <summary>Advances in steps of <paramref name="step"/>, letting each step's job runs finish before the next.</summary>
    public async Task AdvanceAsync(InProcessServer server, TimeSpan time, TimeSpan step)
    {
        ArgumentNullException.ThrowIfNull(server);
        var jobs = server.Services.GetRequiredService<JobScheduler>();
        var target = Now + time;
        while (Now < target)
        {
            Time.Advance(target - Now < step ? target - Now : step);
            await jobs.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(10), TestContext.CurrentContext.CancellationToken);
        }
    }
}

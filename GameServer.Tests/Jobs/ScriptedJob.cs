using GameServer.Jobs;

namespace GameServer.Tests.Jobs;

/// <summary>A job in section <c>Scripted</c> that counts its runs and does, on each, whatever the test scripted.</summary>
public sealed class ScriptedJob(Func<int, CancellationToken, Task>? script = null, string intervalKey = "Interval", JobDemand? demand = null) : IJob
{
    private int _runs;

    public string Name => "scripted";

    public string Section => "Scripted";

    public string IntervalKey => intervalKey;

    public TimeSpan DefaultInterval => TimeSpan.FromMinutes(1);

    public JobDemand? Demand => demand;

    /// <summary>Runs started so far, the one in progress included.</summary>
    public int Runs => Volatile.Read(ref _runs);

    public async ValueTask RunAsync(CancellationToken cancellationToken)
    {
        var run = Interlocked.Increment(ref _runs);
        if (script is not null)
        {
            await script(run, cancellationToken);
        }
    }

    /// <summary>A job whose first run signals <paramref name="started"/> and then waits for <paramref name="release"/>.</summary>
    public static ScriptedJob Blocking(TaskCompletionSource started, Task release) =>
        new((run, ct) =>
        {
            if (run != 1)
            {
                return Task.CompletedTask;
            }

            started.TrySetResult();
            return release.WaitAsync(ct);
        });
}

using System.Reactive.Concurrency;
using System.Reactive.Disposables;

namespace GameServer.Jobs;

/// <summary>
/// An Rx <see cref="IScheduler"/> whose clock and timers are the server's <see cref="TimeProvider"/>:
/// one clock for the jobs and for everything else that reads the time. Production passes
/// <see cref="TimeProvider.System"/>; tests pass one FakeTimeProvider and advance both at once.
/// </summary>
public sealed class TimeProviderScheduler(TimeProvider time) : IScheduler
{
    private readonly TimeProvider _time = time ?? throw new ArgumentNullException(nameof(time));

    public DateTimeOffset Now => _time.GetUtcNow();

    public IDisposable Schedule<TState>(TState state, Func<IScheduler, TState, IDisposable> action) =>
        Schedule(state, TimeSpan.Zero, action);

    public IDisposable Schedule<TState>(TState state, DateTimeOffset dueTime, Func<IScheduler, TState, IDisposable> action) =>
        Schedule(state, dueTime - Now, action);

    public IDisposable Schedule<TState>(TState state, TimeSpan dueTime, Func<IScheduler, TState, IDisposable> action)
    {
        ArgumentNullException.ThrowIfNull(action);

        // Holds what the action returns; disposing it first keeps an action that has not run from running.
        var work = new SingleAssignmentDisposable();
        var timer = _time.CreateTimer(
            _ =>
            {
                if (!work.IsDisposed)
                {
                    work.Disposable = action(this, state);
                }
            },
            null,
            dueTime < TimeSpan.Zero ? TimeSpan.Zero : dueTime,
            Timeout.InfiniteTimeSpan);
        return StableCompositeDisposable.Create(work, timer);
    }
}

namespace GameServer.Jobs;

/// <summary>
/// Lets a job sleep while it has nothing to do (<see cref="IJob.Demand"/>): when a run falls due and
/// nothing has <see cref="Signal"/>led since the previous run began, the scheduler skips it and arms no
/// timer; the next signal arms the job again, on the beat it would have kept. A world where nothing
/// moves then costs no timer twenty times a second, and a change still waits no longer than it did.
/// </summary>
public sealed class JobDemand
{
    private const int Quiet = 0;
    private const int Signalled = 1;
    private const int Asleep = 2;

    // Signalled at first: a job runs at least once before it may sleep.
    private int _state = Signalled;
    private Action? _wake;

    /// <summary>
    /// There is work for the job: it runs at its next beat, woken if asleep. Cheap enough for every
    /// change (after the first in an interval, one read), and safe under the caller's locks: waking only
    /// arms a timer.
    /// </summary>
    public void Signal()
    {
        if (Volatile.Read(ref _state) == Signalled)
        {
            return;
        }

        if (Interlocked.Exchange(ref _state, Signalled) == Asleep)
        {
            _wake?.Invoke();
        }
    }

    /// <summary>Whether the job is asleep now, waiting for a signal.</summary>
    public bool IsAsleep => Volatile.Read(ref _state) == Asleep;

    /// <summary>Called once by the scheduler with what wakes the job.</summary>
    internal void OnWake(Action wake) => _wake = wake;

    /// <summary>
    /// Called by the scheduler when a run falls due: true to run it (and signals from now on count for
    /// the next run); false when nothing was signalled since the last run began, and the job sleeps.
    /// </summary>
    internal bool TakeOrSleep()
    {
        if (Interlocked.CompareExchange(ref _state, Asleep, Quiet) == Quiet)
        {
            return false;
        }

        // A signal between the two steps finds Signalled and returns: the run starting now sees its work.
        Volatile.Write(ref _state, Quiet);
        return true;
    }
}

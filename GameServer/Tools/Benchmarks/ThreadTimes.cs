using System.Globalization;

namespace GameServer.Tools.Benchmarks;

/// <summary>
/// The calling OS thread's time on a CPU and time spent runnable but waiting for one, from
/// <c>/proc/thread-self/schedstat</c> (nanoseconds). What is left of a span of wall time was spent blocked.
/// </summary>
internal readonly record struct ThreadTimes(TimeSpan OnCpu, TimeSpan WaitingForCpu)
{
    public static ThreadTimes Current()
    {
        var fields = File.ReadAllText("/proc/thread-self/schedstat").Split(' ');
        return new ThreadTimes(Nanoseconds(fields[0]), Nanoseconds(fields[1]));
    }

    public static ThreadTimes operator -(ThreadTimes after, ThreadTimes before) =>
        new(after.OnCpu - before.OnCpu, after.WaitingForCpu - before.WaitingForCpu);

    private static TimeSpan Nanoseconds(string text) => TimeSpan.FromTicks(long.Parse(text, CultureInfo.InvariantCulture) / 100);
}

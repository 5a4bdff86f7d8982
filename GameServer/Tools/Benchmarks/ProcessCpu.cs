using System.Globalization;

namespace GameServer.Tools.Benchmarks;

/// <summary>Reads a process's CPU time from <c>/proc/PID/stat</c>.</summary>
internal static class ProcessCpu
{
    // USER_HZ: /proc reports CPU time in 1/100 s on every Linux architecture .NET runs on.
    private const double TicksPerSecond = 100;

    public static TimeSpan Of(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");

        // The command name in parentheses may contain spaces; the fields after it start with the state (field 3).
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var utime = long.Parse(fields[14 - 3], CultureInfo.InvariantCulture);
        var stime = long.Parse(fields[15 - 3], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds((utime + stime) / TicksPerSecond);
    }
}

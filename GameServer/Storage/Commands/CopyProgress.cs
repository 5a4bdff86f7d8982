using System.Diagnostics;

namespace GameServer.Storage.Commands;

/// <summary>
/// How far <c>storage copy</c> has got, on standard error: a bar redrawn in place on a terminal (at
/// most ten times a second), a plain line per table otherwise (a log file, CI).
/// </summary>
public sealed class CopyProgress(TextWriter error, bool isTerminal, long total)
{
    private const int BarWidth = 30;
    private readonly Stopwatch _sinceDrawn = Stopwatch.StartNew();
    private long _done;

    /// <summary>Standard error is a terminal only when it is the console's and not redirected.</summary>
    public static bool IsTerminal(TextWriter error) => ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected;

    public void Advance(string table, long tableDone, long tableTotal, int records)
    {
        _done += records;
        if (isTerminal && (_sinceDrawn.ElapsedMilliseconds >= 100 || tableDone == tableTotal))
        {
            Draw(table, tableDone, tableTotal);
            _sinceDrawn.Restart();
        }
    }

    public void TableDone(string table, long copied)
    {
        if (isTerminal)
        {
            Draw(table, copied, copied);
        }
        else
        {
            error.WriteLine($"{table}: {copied} records ({_done}/{total})");
        }
    }

    /// <summary>Ends the bar's line, so what follows starts on a line of its own.</summary>
    public void Finish()
    {
        if (isTerminal)
        {
            error.WriteLine();
        }
    }

    private void Draw(string table, long tableDone, long tableTotal)
    {
        var fraction = total == 0 ? 1.0 : (double)_done / total;
        var filled = (int)Math.Round(fraction * BarWidth);
        error.Write($"\r[{new string('#', filled)}{new string('-', BarWidth - filled)}] {fraction,4:P0} {table} {tableDone}/{tableTotal}\u001b[K");
        error.Flush();
    }
}

using System.Collections.Concurrent;

namespace GameServer.Tools.Benchmarks.Attacks;

/// <summary>What one attack got back: answers by code, bytes received, connections refused or closed.</summary>
internal sealed class AttackTally
{
    private readonly ConcurrentDictionary<string, long> _counts = new();
    private long _bytes;
    private long _largestAnswer;

    public void Count(string outcome, long n = 1) => _counts.AddOrUpdate(outcome, n, (_, c) => c + n);

    public void Answer(AttackAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        Interlocked.Add(ref _bytes, answer.Bytes);
        var largest = Interlocked.Read(ref _largestAnswer);
        while (answer.Bytes > largest && Interlocked.CompareExchange(ref _largestAnswer, answer.Bytes, largest) != largest)
        {
            largest = Interlocked.Read(ref _largestAnswer);
        }

        foreach (var code in answer.Codes)
        {
            Count(code == 0 ? "ok" : code == int.MinValue ? "invalid json" : code.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    public override string ToString()
    {
        var parts = _counts.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}: {p.Value}").ToList();
        if (_bytes > 0)
        {
            parts.Add($"{_bytes / 1024.0 / 1024.0:0.0} MiB in, largest answer {_largestAnswer / 1024.0:0.0} KiB");
        }

        return string.Join(", ", parts);
    }
}

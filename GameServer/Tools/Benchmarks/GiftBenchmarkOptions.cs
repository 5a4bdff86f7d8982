namespace GameServer.Tools.Benchmarks;

/// <summary>
/// What <c>bench gifts</c> measures: users seeded, gift runs, ping clients, the seconds of warm-up, of
/// idle baseline before the first run and of pause after each run, and the milliseconds from one ping
/// of a client to its next (0: the next goes as soon as the reply is in, a closed loop at full speed).
/// </summary>
internal sealed record GiftBenchmarkOptions(int Users, int Runs, int Clients, int Warmup, int Idle, int Pause, int PaceMs)
{
    public const string Usage =
        "usage: GameServer bench gifts [--users 10000] [--runs 5] [--clients 50] [--warmup 2] [--idle 5] [--pause 2] [--pace-ms 0]";

    public static bool TryParse(string[] args, out GiftBenchmarkOptions options, out string error)
    {
        options = new GiftBenchmarkOptions(Users: 10_000, Runs: 5, Clients: 50, Warmup: 2, Idle: 5, Pause: 2, PaceMs: 0);
        return CommandArguments.TryParse(args, ref options, (name, value, o) => (name, value) switch
        {
            ("--users", not null) when CommandArguments.TryParseInt(value, 1, 1_000_000, out var n) => o with { Users = n },
            ("--runs", not null) when CommandArguments.TryParseInt(value, 1, 1000, out var n) => o with { Runs = n },
            ("--clients", not null) when CommandArguments.TryParseInt(value, 1, 5000, out var n) => o with { Clients = n },
            ("--warmup", not null) when CommandArguments.TryParseInt(value, 0, 120, out var n) => o with { Warmup = n },
            ("--idle", not null) when CommandArguments.TryParseInt(value, 1, 600, out var n) => o with { Idle = n },
            ("--pause", not null) when CommandArguments.TryParseInt(value, 0, 600, out var n) => o with { Pause = n },
            ("--pace-ms", not null) when CommandArguments.TryParseInt(value, 0, 1000, out var n) => o with { PaceMs = n },
            _ => null,
        }, out error);
    }
}

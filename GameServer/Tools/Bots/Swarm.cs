using System.Collections.Frozen;

namespace GameServer.Tools.Bots;

/// <summary>
/// What the bots of one run share: who moves which player, and the measured window. Published once,
/// after every bot has subscribed and before any walks; until then receivers measure nothing.
/// </summary>
internal sealed class Swarm
{
    private FrozenDictionary<int, Bot>? _byPlayer;

    /// <summary>Stopwatch timestamp at which the measured window opens.</summary>
    public long MeasureFrom { get; private set; }

    /// <summary>Stopwatch timestamp at which it closes; bots send no move from then on.</summary>
    public long MeasureUntil { get; private set; }

    public void Start(IEnumerable<Bot> bots, long measureFrom, long measureUntil)
    {
        MeasureFrom = measureFrom;
        MeasureUntil = measureUntil;

        // Written last and read first, so a receiver that sees the bots also sees the window.
        Volatile.Write(ref _byPlayer, bots.ToFrozenDictionary(b => b.PlayerId));
    }

    /// <summary>The bot that moves <paramref name="playerId"/>, or null for another player or before the start.</summary>
    public Bot? Mover(int playerId)
    {
        var byPlayer = Volatile.Read(ref _byPlayer);
        return byPlayer is not null && byPlayer.TryGetValue(playerId, out var bot) ? bot : null;
    }

    public bool InWindow(long timestamp) => timestamp >= MeasureFrom && timestamp < MeasureUntil;
}

using System.Reactive.Linq;
using System.Reactive.Subjects;

namespace GameServer.Gifts;

/// <summary>The users who received a gift in one batch of a gift run.</summary>
/// <param name="Users">Their user ids, each once.</param>
/// <param name="Items">The name of the gift each received, in the order of <paramref name="Users"/>.</param>
public sealed record GiftsGiven(IReadOnlyList<int> Users, IReadOnlyList<string> Items);

/// <summary>
/// The gift job's batches as a stream, published once each batch's transaction has committed: for
/// features that follow the game (the leaderboards) without Gifts knowing them.
/// </summary>
public sealed class GiftFeed
{
    private readonly Subject<GiftsGiven> _given = new();

    public IObservable<GiftsGiven> Given => _given.AsObservable();

    internal void Publish(GiftsGiven given) => _given.OnNext(given);
}

using GameServer.Jobs;

namespace GameServer.World;

/// <summary>
/// Sends every feed's coalesced changes to its subscribers every <c>World:PatchInterval</c> (50 ms):
/// the patch rate, apart from any simulation's own (the monsters tick every <c>Monsters:TickInterval</c>),
/// as Colyseus separates <c>setPatchRate</c> from <c>setSimulationInterval</c>.
/// </summary>
/// <remarks>In cluster mode it first relays the owner's changes to the other nodes (<see cref="IChangeRelay"/>).</remarks>
public sealed class WorldPatchJob(IEnumerable<IWorldFeed> feeds, IEnumerable<IChangeRelay> relays, WorldPatches patches) : IJob
{
    private readonly IWorldFeed[] _feeds = [.. feeds];
    private readonly IChangeRelay[] _relays = [.. relays];

    public string Name => "world-patches";

    public string Section => "World";

    public string IntervalKey => "PatchInterval";

    public string EnabledKey => "PatchesEnabled";

    public TimeSpan DefaultInterval => TimeSpan.FromMilliseconds(50);

    public JobDemand Demand => patches.Due;

    public ValueTask RunAsync(CancellationToken cancellationToken)
    {
        patches.Run(() =>
        {
            foreach (var relay in _relays)
            {
                relay.Relay();
            }

            foreach (var feed in _feeds)
            {
                patches.Publish(feed);
            }
        });
        return ValueTask.CompletedTask;
    }
}

using GameServer.Limits;
using GameServer.Protocol.Monsters;
using GameServer.Realtime.JsonRpc;

namespace GameServer.Monsters;

public sealed partial class MonsterService
{
    // The same continuous bucket as moves, on the server's clock: at most HitsPerSecond on average, that many at once.
    private readonly TokenBuckets<int> _hits = new(options.Value.HitsPerSecond, TimeSpan.FromSeconds(1), time);

    /// <summary>
    /// A player strikes a monster within <c>Monsters:HitReach</c>. The strike takes health and is a
    /// save, so the machine answers it: an attacking monster evades, a wandering one is provoked into
    /// attacking, an evading one with health 5 or less looks for aid (the post-save rule). At health 0
    /// the monster is defeated: it leaves the world until <c>Monsters:RespawnDelay</c> has passed, the
    /// defeat counts for the player, and the player's devices are told.
    /// </summary>
    public Monster Hit(int userId, int monsterId)
    {
        if (!_hits.TryTake(userId, out var retryAfter))
        {
            throw RpcException.RateLimited(retryAfter);
        }

        var striker = players.PositionOf(userId) ?? throw RpcException.NotFound("player of user", userId);
        Monster struck;
        bool defeated;
        lock (monsters.Lock)
        {
            var monster = monsters.Find(monsterId);
            if (monster is null || monster.RespawnAt is not null)
            {
                throw RpcException.NotFound("monster", monsterId);
            }

            var distance = Math.Sqrt(Math.Pow(monster.PositionX - striker.X, 2) + Math.Pow(monster.PositionY - striker.Y, 2));
            if (distance > options.Value.HitReach)
            {
                throw RpcException.Forbidden($"out of reach: the monster is {distance:0.0} away and the reach is {options.Value.HitReach}");
            }

            monster.HealthPoints = Math.Max(0, monster.HealthPoints - options.Value.HitDamage);
            defeated = monster.HealthPoints == 0;
            if (defeated)
            {
                monster.RespawnAt = clock.Now.UtcDateTime + options.Value.RespawnDelay;
                monsters.Vanished(monster);
            }
            else
            {
                if (MonsterStateMachine.CanProceed(monster, MonsterTransition.Evade))
                {
                    MonsterStateMachine.Apply(monster, MonsterTransition.Evade);
                }
                else if (MonsterStateMachine.CanProceed(monster, MonsterTransition.Attack))
                {
                    MonsterStateMachine.Apply(monster, MonsterTransition.Attack, userId);
                }

                MonsterStateMachine.AfterSave(monster);
                monsters.Changed(monster);
            }

            struck = ToContract(monster);
        }

        feed.Struck(new MonsterStruck(userId, monsterId, struck.HealthPoints));
        if (defeated)
        {
            feed.Defeated(new MonsterDefeated(monsterId, userId, players.AddDefeat(userId)));
        }

        return struck;
    }

    /// <summary>How many monsters the user's player has defeated; 0 for a user without a player.</summary>
    public int DefeatsOf(int userId) => players.DefeatsOf(userId);
}

using GameServer.Players;
using Microsoft.Extensions.Options;

namespace GameServer.Monsters;

/// <summary>
/// What monsters do on their own, once per tick. Every change of state goes through the state
/// machine's transitions (and the post-save rule), never around them:
/// a wandering monster roams, and attacks the nearest online player within <c>Monsters:AggroRadius</c>;
/// an attacking monster follows its target to its own place round it (<see cref="AttackRing"/>), and wanders when the target leaves the radius or goes offline;
/// an evading monster flees from the player it attacked;
/// a monster looking for aid regains health, and wanders when healed;
/// a defeated monster comes back, somewhere else and healed, after <c>Monsters:RespawnDelay</c>.
/// </summary>
public sealed class MonsterBehaviour(MonsterWorld world, PlayerWorld players, IOptions<MonstersOptions> options, IOptions<WorldOptions> worldSize)
{
    private const double TurnChance = 0.2;
    private const double CloseEnough = 1;

    private readonly Dictionary<int, double> _headings = [];
    private readonly Random _random = options.Value.RandomSeed is { } seed ? new Random(seed) : new Random();

    /// <summary>One tick for every monster; <paramref name="now"/> is the scheduler's clock.</summary>
    public void Tick(DateTimeOffset now)
    {
        var settings = options.Value;
        lock (world.Lock)
        {
            var places = AttackRing.Places(world.All);
            foreach (var monster in world.All)
            {
                if (monster.RespawnAt is { } due)
                {
                    if (now.UtcDateTime >= due.ToUniversalTime())
                    {
                        Respawn(monster);
                        world.Changed(monster);
                    }

                    continue;
                }

                var before = (monster.State, monster.HealthPoints, monster.UserBeingAttacked, monster.PositionX, monster.PositionY);
                Act(monster, settings, places);
                MonsterStateMachine.AfterSave(monster);
                if (before != (monster.State, monster.HealthPoints, monster.UserBeingAttacked, monster.PositionX, monster.PositionY))
                {
                    world.Changed(monster);
                }
            }
        }
    }

    private void Act(MonsterRecord monster, MonstersOptions settings, Dictionary<int, (int Slot, int Of)> places)
    {
        switch (monster.State)
        {
            case MonsterState.Wandering:
                if (players.NearestOnline(monster.PositionX, monster.PositionY, settings.AggroRadius) is { } prey)
                {
                    MonsterStateMachine.Apply(monster, MonsterTransition.Attack, prey.User);
                }
                else
                {
                    Roam(monster, settings.WanderStep);
                }

                break;

            case MonsterState.Attacking:
                var target = players.PositionOf(monster.UserBeingAttacked ?? 0);
                if (target is not { Online: true } t || Distance(monster, t.X, t.Y) > settings.AggroRadius)
                {
                    MonsterStateMachine.Apply(monster, MonsterTransition.Wander);
                }
                else if (places.TryGetValue(monster.Id, out var place))
                {
                    // Each attacker goes to its own place round the target, so attackers never stack.
                    var (x, y) = AttackRing.Spot(t.X, t.Y, place.Slot, place.Of, AttackRing.RadiusFor(settings.HitReach));
                    if (Distance(monster, x, y) > 1e-9)
                    {
                        StepToward(monster, x, y, settings.ChaseStep, stopShort: 0);
                    }
                }
                else if (Distance(monster, t.X, t.Y) > CloseEnough)
                {
                    StepToward(monster, t.X, t.Y, settings.ChaseStep);
                }

                break;

            case MonsterState.Evading:
                if (players.PositionOf(monster.UserBeingAttacked ?? 0) is { } attacker)
                {
                    StepToward(monster, attacker.X, attacker.Y, -settings.ChaseStep);
                }
                else
                {
                    Roam(monster, settings.ChaseStep);
                }

                break;

            case MonsterState.LookingForAid:
                monster.HealthPoints = Math.Min(MonsterRecord.NewHealthPoints, monster.HealthPoints + settings.HealPerTick);
                if (monster.HealthPoints >= MonsterRecord.NewHealthPoints)
                {
                    MonsterStateMachine.Apply(monster, MonsterTransition.Wander);
                }

                break;
        }
    }

    private void Respawn(MonsterRecord monster)
    {
        var fresh = MonsterRecord.AtRandom(worldSize.Value, _random);
        monster.PositionX = fresh.PositionX;
        monster.PositionY = fresh.PositionY;
        monster.HealthPoints = MonsterRecord.NewHealthPoints;
        monster.State = MonsterState.Wandering;
        monster.UserBeingAttacked = null;
        monster.RespawnAt = null;
    }

    private void Roam(MonsterRecord monster, double step)
    {
        if (!_headings.TryGetValue(monster.Id, out var heading) || _random.NextDouble() < TurnChance)
        {
            heading = _random.NextDouble() * Math.Tau;
        }

        var size = worldSize.Value;
        var x = monster.PositionX + (Math.Cos(heading) * step);
        var y = monster.PositionY + (Math.Sin(heading) * step);

        // Turn back at the edge of the world rather than sticking to it.
        if (x < 0 || x > size.Width || y < 0 || y > size.Height)
        {
            heading += Math.PI;
        }

        _headings[monster.Id] = heading;
        Place(monster, x, y);
    }

    /// <summary>Moves <paramref name="step"/> toward a point, stopping <paramref name="stopShort"/> before it; a negative step moves away from it.</summary>
    private void StepToward(MonsterRecord monster, double x, double y, double step, double stopShort = CloseEnough)
    {
        var distance = Distance(monster, x, y);
        if (distance < 1e-9)
        {
            Roam(monster, Math.Abs(step));
            return;
        }

        var length = step > 0 ? Math.Min(step, distance - stopShort) : step;
        Place(monster, monster.PositionX + ((x - monster.PositionX) / distance * length), monster.PositionY + ((y - monster.PositionY) / distance * length));
    }

    private void Place(MonsterRecord monster, double x, double y)
    {
        var size = worldSize.Value;
        monster.PositionX = Math.Round(Math.Clamp(x, 0, size.Width), 2);
        monster.PositionY = Math.Round(Math.Clamp(y, 0, size.Height), 2);
    }

    private static double Distance(MonsterRecord monster, double x, double y) =>
        Math.Sqrt(Math.Pow(monster.PositionX - x, 2) + Math.Pow(monster.PositionY - y, 2));
}

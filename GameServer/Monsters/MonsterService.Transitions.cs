using GameServer.Protocol.Monsters;
using GameServer.Realtime.JsonRpc;

namespace GameServer.Monsters;

public sealed partial class MonsterService
{
    /// <summary>Whether <paramref name="transition"/> may be taken now; a tick asks before it acts.</summary>
    public bool CanProceed(int id, MonsterTransition transition)
    {
        lock (monsters.Lock)
        {
            return MonsterStateMachine.CanProceed(Find(id), transition);
        }
    }

    /// <summary>wandering → attacking, remembering <paramref name="user"/>.</summary>
    public Monster Attack(int id, int user) => Transition(id, MonsterTransition.Attack, user);

    /// <summary>attacking or looking_for_aid → wandering, forgetting the user.</summary>
    public Monster Wander(int id) => Transition(id, MonsterTransition.Wander);

    /// <summary>attacking → evading.</summary>
    public Monster Evade(int id) => Transition(id, MonsterTransition.Evade);

    /// <summary>evading → looking_for_aid, while health is at most 5.</summary>
    public Monster LookForAid(int id) => Transition(id, MonsterTransition.LookForAid);

    /// <summary>
    /// Takes a transition and saves, so the post-save rule follows (an evading monster with health 5 or
    /// less goes on to look for aid). A refused transition leaves the stored monster unchanged.
    /// </summary>
    /// <exception cref="RpcException">-32004 for an unknown monster; -32602 for a bad <paramref name="user"/>; -32010 when the transition is not allowed now.</exception>
    public Monster Transition(int id, MonsterTransition transition, int? user = null)
    {
        // A user that does not exist is a bad argument (-32602 on user), as an unknown item in a list is;
        // -32004 stays the answer for the monster the request names.
        if (user is { } userId && MonsterStateMachine.Rule(transition).TakesUser && accounts.FindUser(userId) is null)
        {
            throw RpcException.InvalidParams("user", $"user {userId} does not exist");
        }

        lock (monsters.Lock)
        {
            var monster = Find(id);
            var from = monster.State;
            MonsterStateMachine.Apply(monster, transition, user);
            var to = monster.State;
            Save(monster);
            LogTransition(monster.Id, transition.Name(), from.Name(), to.Name());
            return ToContract(monster);
        }
    }

    [LoggerMessage(LogLevel.Debug, "Monster {MonsterId} took {Transition}: {From} to {To}")]
    private partial void LogTransition(int monsterId, string transition, string from, string to);
}

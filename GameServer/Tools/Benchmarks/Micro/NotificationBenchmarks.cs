using BenchmarkDotNet.Attributes;
using GameServer.Monsters;
using GameServer.Protocol;
using GameServer.Protocol.Chat;
using GameServer.Protocol.Monsters;
using GameServer.Protocol.Players;
using GameServer.Realtime;

namespace GameServer.Tools.Benchmarks.Micro;

/// <summary>
/// A notification serialised by <see cref="Notification.Create"/>, once for all its recipients, as
/// chat and monsters do it; the player patch has its own path (<see cref="PatchBenchmarks"/>).
/// </summary>
[MemoryDiagnoser]
public class NotificationBenchmarks
{
    private ChatMessage _chat = null!;
    private MonsterList _monsters = null!;
    private PlayersLeftView _left = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _chat = new ChatMessage(4711, 1_000_001, "micro1000001", "anyone seen the troll near the river? it took half my health", DateTimeOffset.UnixEpoch.AddDays(20_000));

        // A tick's changes at 2 Hz: roaming monsters with positions of every digit, as they are after a step.
        _monsters = new MonsterList([.. Enumerable.Range(1, 100).Select(id => MonsterService.ToContract(new MonsterRecord
        {
            Id = id,
            State = id % 10 == 0 ? MonsterState.Attacking : MonsterState.Wandering,
            UserBeingAttacked = id % 10 == 0 ? 1_000_000 + id : null,
            PositionX = random.NextDouble() * 100,
            PositionY = random.NextDouble() * 100,
        }))]);
        _left = new PlayersLeftView([.. Enumerable.Range(1, 5).Select(i => i * 37)]);
    }

    /// <summary><c>chat.message</c>: one message to every chat subscriber.</summary>
    [Benchmark]
    public OutboundMessage ChatMessage() => Notification.Create(Methods.ChatMessage, _chat, GameJsonContext.Default.ChatMessage);

    /// <summary><c>monsters.updated</c> with 100 changed monsters: one monster tick's broadcast.</summary>
    [Benchmark]
    public OutboundMessage MonstersUpdated100() => Notification.Create(Methods.MonstersUpdated, _monsters, GameJsonContext.Default.MonsterList);

    /// <summary><c>players.left_view</c> with 5 ids: sent per radius subscriber when players walk out of view.</summary>
    [Benchmark]
    public OutboundMessage PlayersLeftView() => Notification.Create(Methods.PlayersLeftView, _left, GameJsonContext.Default.PlayersLeftView);
}

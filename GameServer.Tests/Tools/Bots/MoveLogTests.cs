using GameServer.Tools.Bots;

namespace GameServer.Tests.Tools.Bots;

[Category("Unit")]
public sealed class MoveLogTests
{
    [Test]
    public void A_position_gives_back_when_its_move_was_sent()
    {
        var log = new MoveLog();
        log.Add(1.25, 2.5, sentAt: 100);
        log.Add(1.75, 2.0, sentAt: 200);

        Assert.That(log.TryFind(1.25, 2.5, out var first), Is.True);
        Assert.That(first, Is.EqualTo(100));
        Assert.That(log.TryFind(1.75, 2.0, out var second), Is.True);
        Assert.That(second, Is.EqualTo(200));
        Assert.That(log.TryFind(1.25, 2.0, out _), Is.False);
    }

    [Test]
    public void A_position_reached_twice_gives_the_latest_send()
    {
        var log = new MoveLog();
        log.Add(3, 4, sentAt: 100);
        log.Add(5, 6, sentAt: 200);
        log.Add(3, 4, sentAt: 300);

        Assert.That(log.TryFind(3, 4, out var sentAt), Is.True);
        Assert.That(sentAt, Is.EqualTo(300));
    }

    [Test]
    public void When_full_the_oldest_move_is_forgotten()
    {
        var log = new MoveLog();
        for (var i = 0; i <= MoveLog.Capacity; i++)
        {
            log.Add(i, i, sentAt: i);
        }

        Assert.That(log.TryFind(0, 0, out _), Is.False);
        Assert.That(log.TryFind(1, 1, out var oldest), Is.True);
        Assert.That(oldest, Is.EqualTo(1));
        Assert.That(log.TryFind(MoveLog.Capacity, MoveLog.Capacity, out var newest), Is.True);
        Assert.That(newest, Is.EqualTo(MoveLog.Capacity));
    }
}

using System.Buffers;
using System.Text;
using GameServer.Realtime.Upgrade;

namespace GameServer.Tests.Realtime;

/// <summary>The direct upgrade's reader of a handshake's head: strict, total, and the same over any split of the bytes.</summary>
public sealed class UpgradeRequestTests
{
    private const string Key = "dGhlIHNhbXBsZSBub25jZQ==";

    private static readonly string Plain =
        $"GET /ws HTTP/1.1\r\nHost: game.example:5000\r\nUpgrade: websocket\r\nConnection: keep-alive, Upgrade\r\n" +
        $"Sec-WebSocket-Key: {Key}\r\nSec-WebSocket-Version: 13\r\nOrigin: https://game.example\r\n" +
        "Sec-WebSocket-Extensions: permessage-deflate\r\nX-Forwarded-For: 198.51.100.1, 203.0.113.7\r\nX-Forwarded-Proto: https\r\n\r\n";

    [Test]
    public void A_plain_head_is_read_with_the_headers_the_upgrade_needs()
    {
        var verdict = UpgradeRequest.Read(new ReadOnlySequence<byte>(Encoding.ASCII.GetBytes(Plain + "\x81")), out var request, out var end);

        Assert.That(verdict, Is.EqualTo(UpgradeVerdict.Ours));
        Assert.That(request, Is.EqualTo(new UpgradeRequest(Key, "game.example:5000", "https://game.example", "198.51.100.1, 203.0.113.7", "https")));
        Assert.That(end.GetInteger(), Is.EqualTo(Plain.Length), "the first frame's byte after the head is left for the WebSocket");
    }

    [Test]
    public void Every_prefix_of_a_plain_head_needs_more_and_every_prefix_of_another_request_is_not_ours()
    {
        var plain = Encoding.ASCII.GetBytes(Plain);
        var other = Encoding.ASCII.GetBytes("GET /wsx HTTP/1.1\r\nHost: a\r\n\r\n");
        for (var length = 1; length < plain.Length; length++)
        {
            Assert.That(UpgradeRequest.Read(new ReadOnlySequence<byte>(plain, 0, length), out _, out _), Is.EqualTo(UpgradeVerdict.NeedMore), $"{length} bytes");
        }

        Assert.That(UpgradeRequest.Read(new ReadOnlySequence<byte>(other, 0, 3), out _, out _), Is.EqualTo(UpgradeVerdict.NeedMore));
        Assert.That(UpgradeRequest.Read(new ReadOnlySequence<byte>(other), out _, out _), Is.EqualTo(UpgradeVerdict.NotOurs));
        Assert.That(UpgradeRequest.Read(new ReadOnlySequence<byte>("POST"u8.ToArray()), out _, out _), Is.EqualTo(UpgradeVerdict.NotOurs));
    }

    [Test]
    public void A_head_split_over_many_segments_reads_as_one()
    {
        var plain = Encoding.ASCII.GetBytes(Plain);
        var random = new Random(16);
        for (var trial = 0; trial < 200; trial++)
        {
            var sequence = Split(plain, random);
            Assert.That(UpgradeRequest.Read(sequence, out var request, out var end), Is.EqualTo(UpgradeVerdict.Ours));
            Assert.That(request!.Key, Is.EqualTo(Key));
            Assert.That(sequence.Slice(0, end).Length, Is.EqualTo(plain.Length));
        }
    }

    [Test]
    public void Mutated_heads_never_throw_and_are_taken_only_when_still_plain()
    {
        var plain = Encoding.ASCII.GetBytes(Plain);
        var random = new Random(6455);
        for (var trial = 0; trial < 20_000; trial++)
        {
            var bytes = (byte[])plain.Clone();
            for (var flips = random.Next(1, 4); flips > 0; flips--)
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }

            var verdict = UpgradeRequest.Read(new ReadOnlySequence<byte>(bytes), out var request, out _);
            if (verdict == UpgradeVerdict.Ours)
            {
                Assert.That(request!.Key, Has.Length.EqualTo(24));
                Assert.That(request.Host, Is.Not.Empty);
                Assert.That(request.Host, Does.Match(@"^([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(:[0-9]{1,5})?$"), Encoding.Latin1.GetString(bytes));
            }
        }
    }

    [TestCase("GET /ws HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: AAAAAAAAAAAAAAAAAAAAAA==\r\nSec-WebSocket-Version: 13", true)]
    [TestCase("GET /ws/ HTTP/1.1\r\nhost: a\r\nupgrade: WebSocket\r\nconnection: upgrade\r\nsec-websocket-key: AAAAAAAAAAAAAAAAAAAAAA==\r\nsec-websocket-version: 13", true)]
    [TestCase("GET /ws HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: AAAAAAAAAAAAAAAAAAAAAA==\r\nSec-WebSocket-Version: 13\r\nHost: b", false)]
    [TestCase("GET /ws HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: AAAAAAAAAAAAAAAAAAAAAAAA\r\nSec-WebSocket-Version: 13", false)]
    [TestCase("GET /ws HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgraded\r\nSec-WebSocket-Key: AAAAAAAAAAAAAAAAAAAAAA==\r\nSec-WebSocket-Version: 13", false)]
    [TestCase("GET /ws HTTP/1.1\r\nHost:\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: AAAAAAAAAAAAAAAAAAAAAA==\r\nSec-WebSocket-Version: 13", false)]
    [TestCase("GET /ws HTTP/1.1\r\nHost: [::1]:80\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: AAAAAAAAAAAAAAAAAAAAAA==\r\nSec-WebSocket-Version: 13", true)]
    [TestCase("GET /ws HTTP/1.1\r\nHost: a b\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: AAAAAAAAAAAAAAAAAAAAAA==\r\nSec-WebSocket-Version: 13", false)]
    [TestCase("GET /ws HTTP/1.1\r\nHost: a:123456\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: AAAAAAAAAAAAAAAAAAAAAA==\r\nSec-WebSocket-Version: 13", false)]
    [TestCase("GET /ws HTTP/1.1\r\n: a\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: AAAAAAAAAAAAAAAAAAAAAA==\r\nSec-WebSocket-Version: 13", false)]
    public void The_reader_takes_only_plain_handshakes(string head, bool taken)
    {
        Assert.That(UpgradeRequest.Parse(Encoding.ASCII.GetBytes(head)) is not null, Is.EqualTo(taken));
    }

    private static ReadOnlySequence<byte> Split(byte[] bytes, Random random)
    {
        Segment? first = null, last = null;
        for (var at = 0; at < bytes.Length;)
        {
            var length = Math.Min(bytes.Length - at, random.Next(1, 40));
            var segment = new Segment(bytes.AsMemory(at, length), last);
            first ??= segment;
            last = segment;
            at += length;
        }

        return new ReadOnlySequence<byte>(first!, 0, last!, last!.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, Segment? previous)
        {
            Memory = memory;
            if (previous is not null)
            {
                RunningIndex = previous.RunningIndex + previous.Memory.Length;
                previous.Next = this;
            }
        }
    }
}

using System.Text;
using System.Text.Json;
using GameServer.Protocol.JsonRpc;
using GameServer.Realtime;
using GameServer.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace GameServer.Tests.Realtime;

/// <summary>
/// Finding 3: one 29 KiB frame of 400 calls made a 465 MiB reply. A batch is now bounded in members
/// and in reply bytes.
/// </summary>
[Category("Integration")]
[CancelAfter(30_000)]
public sealed class BatchLimitTests
{
    [Test]
    public async Task A_batch_of_21_calls_is_refused_whole()
    {
        await using var server = await InProcessServer.StartAsync();
        await using var socket = await RawSocket.ConnectAsync(server.WebSocketUri);

        var refused = await socket.CallAsync(Batch(21, i => $$"""{"jsonrpc":"2.0","id":{{i}},"method":"system.ping"}"""));
        var allowed = await socket.CallAsync(Batch(20, i => $$"""{"jsonrpc":"2.0","id":{{i}},"method":"system.ping"}"""));

        Assert.That(refused.ValueKind, Is.EqualTo(JsonValueKind.Object), "one error for the whole batch, not an array");
        JsonAssert.IsError(refused, ErrorCodes.InvalidRequest, id: null);
        Assert.That(refused.GetProperty("error").GetProperty("message").GetString(), Does.Contain("20"));
        Assert.That(allowed.GetArrayLength(), Is.EqualTo(20));
    }

    [Test]
    public async Task A_batch_whose_replies_exceed_the_cap_is_cut_short()
    {
        const int cap = 4096;
        await using var server = await InProcessServer.StartAsync($"--Realtime:MaxReplyBytes={cap}");
        await using var socket = await RawSocket.ConnectAsync(server.WebSocketUri);
        var longId = new string('x', 500);

        var reply = await socket.CallAsync(Batch(20, i => $$"""{"jsonrpc":"2.0","id":"{{i}}{{longId}}","method":"no.such_method"}"""));

        var answers = reply.EnumerateArray().ToList();
        var ran = answers.TakeWhile(a => a.GetProperty("error").GetProperty("code").GetInt32() == ErrorCodes.MethodNotFound).Count();
        Assert.That(answers, Has.Count.EqualTo(20), "every member with an id is answered");
        Assert.That(ran, Is.InRange(1, 19), "the first members ran, the rest did not");
        for (var i = 0; i < answers.Count; i++)
        {
            JsonAssert.IsError(answers[i], i < ran ? ErrorCodes.MethodNotFound : ErrorCodes.InvalidRequest, id: $"{i}{longId}");
        }

        Assert.That(answers[ran].GetProperty("error").GetProperty("message").GetString(), Does.Contain("not run"));
        var ranBytes = Encoding.UTF8.GetByteCount(string.Join(",", answers.Take(ran - 1).Select(a => a.GetRawText())));
        Assert.That(ranBytes, Is.LessThan(cap), "members run only while the replies are under the cap");
        var next = await socket.CallAsync("""{"jsonrpc":"2.0","id":1,"method":"system.ping"}""");
        Assert.That(next.GetProperty("id").GetInt32(), Is.EqualTo(1), "the session goes on");
    }

    [Test]
    public async Task A_large_reply_does_not_leave_a_large_buffer_behind()
    {
        await using var server = await InProcessServer.StartAsync("--Realtime:MaxMessageSize=262144");
        Session? session = null;
        server.Services.GetRequiredService<SessionRegistry>().Opened += opened => session = opened;
        await using var socket = await RawSocket.ConnectAsync(server.WebSocketUri);
        var longId = new string('x', 6000);

        var reply = await socket.CallAsync(Batch(20, i => $$"""{"jsonrpc":"2.0","id":"{{i}}{{longId}}","method":"no.such_method"}"""));
        await socket.CallAsync("""{"jsonrpc":"2.0","id":1,"method":"system.ping"}""");

        Assert.That(reply.GetRawText().Length, Is.GreaterThan(120_000), "the reply was large");
        Assert.That(session!.RetainedResponseBytes, Is.Zero, "between frames the session holds no reply buffer");
    }

    private static string Batch(int count, Func<int, string> member) =>
        "[" + string.Join(",", Enumerable.Range(0, count).Select(member)) + "]";
}

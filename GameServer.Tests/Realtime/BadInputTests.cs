using System.Net.WebSockets;
using System.Text;
using GameServer.Protocol.JsonRpc;
using GameServer.Protocol.System;
using GameServer.Tests.Support;

namespace GameServer.Tests.Realtime;

/// <summary>Every kind of bad frame gets the answer the spec asks for, and the server keeps serving.</summary>
[Category("Integration")]
[CancelAfter(30_000)]
public sealed class BadInputTests
{
    private InProcessServer _server = null!;
    private RawSocket _socket = null!;

    [SetUp]
    public async Task Connect()
    {
        _server = await InProcessServer.StartAsync("--Realtime:MaxMessageSize=4096");
        _socket = await RawSocket.ConnectAsync(_server.WebSocketUri);
    }

    [TearDown]
    public async Task Disconnect()
    {
        await _socket.DisposeAsync();
        await _server.DisposeAsync();
    }

    [TestCase("{", TestName = "truncated object")]
    [TestCase("not json at all", TestName = "plain text")]
    [TestCase("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"system.ping\",}", TestName = "trailing comma")]
    public async Task Invalid_json_is_a_parse_error_with_a_null_id(string frame)
    {
        var response = await _socket.CallAsync(frame);

        JsonAssert.IsError(response, ErrorCodes.ParseError, id: null);
        await AssertStillServing();
    }

    [TestCase("42", null, TestName = "a number")]
    [TestCase("\"system.ping\"", null, TestName = "a string")]
    [TestCase("{\"foo\":1}", null, TestName = "an object without jsonrpc")]
    [TestCase("{\"jsonrpc\":\"1.0\",\"id\":7,\"method\":\"system.ping\"}", 7, TestName = "the wrong version")]
    [TestCase("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":5}", 7, TestName = "a method that is not a string")]
    [TestCase("{\"jsonrpc\":\"2.0\",\"id\":7}", 7, TestName = "no method")]
    [TestCase("{\"jsonrpc\":\"2.0\",\"id\":{\"a\":1},\"method\":\"system.ping\"}", null, TestName = "an object id")]
    [TestCase("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"system.ping\",\"params\":\"x\"}", 7, TestName = "params that are a string")]
    public async Task Valid_json_that_is_not_a_request_is_an_invalid_request(string frame, int? id)
    {
        var response = await _socket.CallAsync(frame);

        JsonAssert.IsError(response, ErrorCodes.InvalidRequest, id);
        await AssertStillServing();
    }

    [Test]
    public async Task An_unknown_method_is_method_not_found_echoing_a_string_id()
    {
        var response = await _socket.CallAsync("{\"jsonrpc\":\"2.0\",\"id\":\"abc\",\"method\":\"no.such_method\"}");

        JsonAssert.IsError(response, ErrorCodes.MethodNotFound, id: "abc");
    }

    [TestCase("{\"username\":\"valid_name\"}", "password", TestName = "a missing field")]
    [TestCase("{\"username\":42,\"password\":\"long enough\"}", "username", TestName = "a number for a string")]
    [TestCase("{\"username\":null,\"password\":\"long enough\"}", "username", TestName = "null for a string")]
    [TestCase("{\"username\":\"valid_name\",\"password\":\"short\"}", "password", TestName = "an out-of-range value")]
    [TestCase("{}", "username", TestName = "no fields at all")]
    public async Task Bad_params_are_invalid_params_naming_the_field(string parameters, string field)
    {
        var response = await _socket.CallAsync($"{{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"auth.register\",\"params\":{parameters}}}");

        JsonAssert.IsError(response, ErrorCodes.InvalidParams, id: 3);
        Assert.That(JsonAssert.ErrorField(response), Is.EqualTo(field));
        await AssertStillServing();
    }

    [Test]
    public async Task Params_by_position_are_invalid_params()
    {
        var response = await _socket.CallAsync("{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"auth.login\",\"params\":[\"a\",\"b\"]}");

        JsonAssert.IsError(response, ErrorCodes.InvalidParams, id: 4);
    }

    [Test]
    public async Task An_empty_batch_is_one_invalid_request()
    {
        var response = await _socket.CallAsync("[]");

        JsonAssert.IsError(response, ErrorCodes.InvalidRequest, id: null);
    }

    [Test]
    public async Task A_batch_answers_each_request_in_one_array_and_skips_notifications()
    {
        var response = await _socket.CallAsync("""
            [
              {"jsonrpc":"2.0","id":1,"method":"system.ping"},
              {"jsonrpc":"2.0","method":"system.ping"},
              {"jsonrpc":"2.0","id":2,"method":"no.such_method"},
              1,
              {"jsonrpc":"2.0","id":3,"method":"system.ping"}
            ]
            """);

        var answers = response.EnumerateArray().ToList();
        Assert.That(answers, Has.Count.EqualTo(4));
        Assert.That(answers[0].GetProperty("id").GetInt32(), Is.EqualTo(1));
        Assert.That(answers[0].GetProperty("result").TryGetProperty("time", out _), Is.True);
        JsonAssert.IsError(answers[1], ErrorCodes.MethodNotFound, id: 2);
        JsonAssert.IsError(answers[2], ErrorCodes.InvalidRequest, id: null);
        Assert.That(answers[3].GetProperty("id").GetInt32(), Is.EqualTo(3));
        Assert.That(answers[3].GetProperty("result").TryGetProperty("time", out _), Is.True);
    }

    [Test]
    public async Task A_batch_of_notifications_gets_no_answer()
    {
        await _socket.SendTextAsync("[{\"jsonrpc\":\"2.0\",\"method\":\"system.ping\"},{\"jsonrpc\":\"2.0\",\"method\":\"no.such\"}]");

        var next = await _socket.CallAsync("{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"system.ping\"}");

        Assert.That(next.GetProperty("id").GetInt32(), Is.EqualTo(9), "the first frame to come back answers the ping");
    }

    [Test]
    public async Task A_binary_frame_closes_with_1003()
    {
        await _socket.SendAsync([1, 2, 3], WebSocketMessageType.Binary);

        Assert.That(await _socket.WaitForCloseAsync(), Is.EqualTo(WebSocketCloseStatus.InvalidMessageType));
        await AssertOthersStillServed();
    }

    [Test]
    public async Task A_frame_over_the_size_limit_closes_with_1009()
    {
        var padding = new string('x', 5000);
        await _socket.SendTextAsync($"{{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"system.ping\",\"params\":{{\"pad\":\"{padding}\"}}}}");

        Assert.That(await _socket.WaitForCloseAsync(), Is.EqualTo(WebSocketCloseStatus.MessageTooBig));
        await AssertOthersStillServed();
    }

    [Test]
    public async Task A_frame_just_under_the_size_limit_is_served()
    {
        var frame = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"system.ping\",\"params\":{\"pad\":\"\"}}";
        var padding = new string('x', 4096 - Encoding.UTF8.GetByteCount(frame));

        var response = await _socket.CallAsync(frame.Replace("\"pad\":\"\"", $"\"pad\":\"{padding}\"", StringComparison.Ordinal));

        Assert.That(response.GetProperty("result").TryGetProperty("time", out _), Is.True);
    }

    private async Task AssertStillServing()
    {
        var response = await _socket.CallAsync("{\"jsonrpc\":\"2.0\",\"id\":99,\"method\":\"system.ping\"}");
        Assert.That(response.GetProperty("id").GetInt32(), Is.EqualTo(99));
    }

    private async Task AssertOthersStillServed()
    {
        var other = await _server.ConnectAsync();
        Assert.That(await other.PingAsync(), Is.Not.Null);
    }
}

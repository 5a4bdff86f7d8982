using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace GameServer.Tests.Realtime.Fuzz;

/// <summary>
/// One fuzzing WebSocket. After each frame it sends a sentinel <c>system.ping</c> and reads up to the
/// sentinel's answer: everything before it answers the frame, since the server answers in order.
/// </summary>
public sealed class FuzzConnection : IAsyncDisposable
{
    private const int MaxAnswerBytes = 32 * 1024 * 1024;
    private readonly ClientWebSocket _socket = new();
    private readonly TimeSpan _timeout;
    private int _sentinels;

    private FuzzConnection(TimeSpan timeout) => _timeout = timeout;

    public bool IsOpen => _socket.State == WebSocketState.Open;

    /// <summary>Connects; with <paramref name="login"/>, logs in by token, or by password when the token was revoked.</summary>
    public static async Task<FuzzConnection> ConnectAsync(Uri uri, FuzzLogin? login, TimeSpan timeout)
    {
        var connection = new FuzzConnection(timeout);
        using (var deadline = new CancellationTokenSource(timeout))
        {
            await connection._socket.ConnectAsync(uri, deadline.Token);
        }

        if (login is not null && (login.Token is null || await connection.CallAsync("auth.resume", $$"""{"token":"{{login.Token}}"}""") is null))
        {
            // A fuzzed auth.logout revoked the token: log in again, as a real client would.
            login.Token = await connection.CallAsync("auth.login", $$"""{"username":"{{login.Username}}","password":"{{login.Password}}"}""");
        }

        return connection;
    }

    /// <summary>Calls an auth method and returns the token it answered with, or null when it was refused.</summary>
    private async Task<string?> CallAsync(string method, string parameters)
    {
        var exchange = await ExchangeAsync(Encoding.UTF8.GetBytes($$"""{"jsonrpc":"2.0","id":"login","method":"{{method}}","params":{{parameters}}}"""), WebSocketMessageType.Text);
        foreach (var answer in exchange.Answers)
        {
            using var document = JsonDocument.Parse(answer);
            if (document.RootElement.TryGetProperty("result", out var result) && result.TryGetProperty("token", out var token))
            {
                return token.GetString();
            }
        }

        return null;
    }

    public Task<Exchange> SendAsync(FuzzFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return ExchangeAsync(frame.Payload, frame.Type, withSentinel: !frame.MustClose);
    }

    private async Task<Exchange> ExchangeAsync(byte[] payload, WebSocketMessageType type, bool withSentinel = true)
    {
        using var deadline = new CancellationTokenSource(_timeout);
        var sentinel = $"sentinel-{++_sentinels}";
        var answers = new List<byte[]>();
        try
        {
            await _socket.SendAsync(payload, type, endOfMessage: true, deadline.Token);
            if (withSentinel)
            {
                // Not after a frame that must close the connection: data the server never reads turns its close into a reset.
                await _socket.SendAsync(Encoding.UTF8.GetBytes($$"""{"jsonrpc":"2.0","id":"{{sentinel}}","method":"system.ping"}"""), WebSocketMessageType.Text, true, deadline.Token);
            }
        }
        catch (Exception e) when (e is WebSocketException or IOException)
        {
            // The server closed while the frame was going out (a frame over the limit); its close says why.
        }

        while (true)
        {
            byte[]? answer;
            try
            {
                answer = await ReceiveAsync(deadline.Token);
            }
            catch (Exception e) when (e is WebSocketException or IOException)
            {
                return new Exchange(answers, _socket.CloseStatus, Closed: true);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                throw new TimeoutException($"no answer within {_timeout.TotalSeconds} s: the server stopped answering");
            }

            if (answer is null)
            {
                return new Exchange(answers, _socket.CloseStatus, Closed: true);
            }

            if (IsSentinelAnswer(answer, sentinel))
            {
                return new Exchange(answers, null, Closed: false);
            }

            answers.Add(answer);
        }
    }

    private async Task<byte[]?> ReceiveAsync(CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        while (true)
        {
            var result = await _socket.ReceiveAsync(chunk, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            buffer.Write(chunk, 0, result.Count);
            if (buffer.Length > MaxAnswerBytes)
            {
                throw new InvalidDataException($"an answer over {MaxAnswerBytes} bytes: one frame amplified into a huge reply");
            }

            if (result.EndOfMessage)
            {
                return buffer.ToArray();
            }
        }
    }

    private static bool IsSentinelAnswer(byte[] answer, string sentinel)
    {
        if (answer.AsSpan().IndexOf(Encoding.UTF8.GetBytes(sentinel)) < 0)
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(answer);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String && id.ValueEquals(sentinel);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "", deadline.Token);
            }
            catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException)
            {
                // The server went first.
            }
        }

        _socket.Dispose();
    }
}

/// <summary>Who a fuzzing connection logs in as; the token is renewed when a fuzzed logout revoked it.</summary>
public sealed class FuzzLogin(string username, string password)
{
    public string Username => username;

    public string Password => password;

    public string? Token { get; set; }
}

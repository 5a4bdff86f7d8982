using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace GameServer.Tools.Benchmarks.Attacks;

/// <summary>
/// A bare WebSocket an attacker drives: it sends any frame and reads one answer, keeping only what
/// the tally needs (the error codes in it and its size), however large the answer is.
/// </summary>
internal sealed class AttackSocket : IAsyncDisposable
{
    private const int KeptBytes = 64 * 1024;
    private readonly ClientWebSocket _socket = new();
    private readonly byte[] _chunk = new byte[16 * 1024];
    private readonly MemoryStream _kept = new();

    public static async Task<AttackSocket> ConnectAsync(Uri address, CancellationToken cancellationToken) =>
        await TryConnectAsync(address, cancellationToken) is { Socket: { } socket } ? socket : throw new WebSocketException("the upgrade was refused");

    /// <summary>Connects; when the server refuses the upgrade, answers its HTTP status instead of a socket.</summary>
    public static async Task<(AttackSocket? Socket, int Status)> TryConnectAsync(Uri address, CancellationToken cancellationToken)
    {
        var socket = new AttackSocket();
        socket._socket.Options.CollectHttpResponseDetails = true;
        try
        {
            await socket._socket.ConnectAsync(address, cancellationToken);
            return (socket, 101);
        }
        catch (WebSocketException)
        {
            var status = (int)socket._socket.HttpStatusCode;
            await socket.DisposeAsync();
            return (null, status);
        }
        catch
        {
            await socket.DisposeAsync();
            throw;
        }
    }

    public bool IsOpen => _socket.State == WebSocketState.Open;

    /// <summary>Sends <paramref name="frame"/> and reads the answer; null when the server closed instead.</summary>
    public async Task<AttackAnswer?> CallAsync(string frame, CancellationToken cancellationToken)
    {
        await _socket.SendAsync(Encoding.UTF8.GetBytes(frame), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        return await ReceiveAsync(cancellationToken);
    }

    public async Task<AttackAnswer?> ReceiveAsync(CancellationToken cancellationToken)
    {
        _kept.SetLength(0);
        long size = 0;
        while (true)
        {
            var result = await _socket.ReceiveAsync(_chunk, cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            size += result.Count;
            if (_kept.Length < KeptBytes)
            {
                _kept.Write(_chunk, 0, result.Count);
            }

            if (result.EndOfMessage)
            {
                return new AttackAnswer(size, size <= KeptBytes ? ErrorCodesOf(_kept.ToArray()) : []);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _socket.Abort();
        _socket.Dispose();
        await _kept.DisposeAsync();
    }

    private static List<int> ErrorCodesOf(byte[] json)
    {
        var codes = new List<int>();
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            foreach (var answer in root.ValueKind == JsonValueKind.Array ? root.EnumerateArray() : Enumerable.Repeat(root, 1))
            {
                codes.Add(answer.TryGetProperty("error", out var error) && error.TryGetProperty("code", out var code) ? code.GetInt32() : 0);
            }
        }
        catch (JsonException)
        {
            codes.Add(int.MinValue);
        }

        return codes;
    }
}

/// <summary>One answer: its size in bytes and, per call it answers, 0 for a result or the error code.</summary>
internal sealed record AttackAnswer(long Bytes, IReadOnlyList<int> Codes);

using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;

namespace GameServer.Protocol.Client;

/// <summary>
/// A JSON-RPC 2.0 client for GameServer over one WebSocket: requests are awaited by id, server
/// notifications are raised as events. Used by the bots, the tests and any .NET game client. The
/// calls and notifications it sends are in <c>GameClient.Calls.cs</c>.
/// </summary>
public sealed partial class GameClient : IAsyncDisposable
{
    private const int InitialReceiveBufferSize = 4096;

    private readonly ClientWebSocket _socket;
    private readonly ConcurrentDictionary<long, PendingCall> _pending = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly ArrayBufferWriter<byte> _sendBuffer = new(512);
    private readonly Utf8JsonWriter _sendWriter;
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource<WebSocketCloseStatus?> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly object _waitersLock = new();
    private readonly List<(string Method, Func<GameNotification, bool> Match, TaskCompletionSource<GameNotification> Completion)> _waiters = [];
    private readonly CancellationToken _callCancellation;
    private long _nextId;
    private int _disposed;
    private Task? _receiveLoop;

    private GameClient(ClientWebSocket socket, GameClientOptions options)
    {
        _socket = socket;
        _callCancellation = options.CallCancellation;
        _sendWriter = new Utf8JsonWriter(_sendBuffer);
    }

    /// <summary>Raised on the receive loop for every notification; handlers must be quick.</summary>
    public event Action<GameNotification>? NotificationReceived;

    /// <summary>Completes when the connection has closed, with the close status the server sent.</summary>
    public Task<WebSocketCloseStatus?> Closed => _closed.Task;

    /// <summary>The state of the underlying WebSocket.</summary>
    public WebSocketState State => _socket.State;

    /// <summary>Opens a connection to a GameServer <c>/ws</c> endpoint.</summary>
    public static Task<GameClient> ConnectAsync(Uri endpoint, CancellationToken cancellationToken = default) =>
        ConnectAsync(endpoint, new GameClientOptions(), cancellationToken);

    /// <summary>Opens a connection to a GameServer <c>/ws</c> endpoint with <paramref name="options"/>.</summary>
    public static async Task<GameClient> ConnectAsync(Uri endpoint, GameClientOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(options);
        var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = TimeSpan.Zero;
        using (var connecting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, options.CallCancellation))
        {
            await socket.ConnectAsync(endpoint, connecting.Token);
        }

        var client = new GameClient(socket, options);
        client._receiveLoop = Task.Run(client.ReceiveLoopAsync);
        return client;
    }

    /// <summary>Sends one text frame exactly as given: for raw protocol tests and custom clients.</summary>
    public Task SendRawAsync(ReadOnlyMemory<byte> utf8Json, CancellationToken cancellationToken = default) =>
        SendFrameAsync(utf8Json, cancellationToken);

    /// <summary>
    /// Waits for the next notification of <paramref name="method"/> that <paramref name="match"/> accepts.
    /// Call it before the action that causes the notification.
    /// </summary>
    public async Task<GameNotification> WaitForNotificationAsync(
        string method,
        Func<GameNotification, bool>? match = null,
        CancellationToken cancellationToken = default)
    {
        using var linked = Link(cancellationToken, out var token);
        var completion = new TaskCompletionSource<GameNotification>(TaskCreationOptions.RunContinuationsAsynchronously);
        var waiter = (method, match ?? (_ => true), completion);
        lock (_waitersLock)
        {
            _waiters.Add(waiter);
        }

        using var registration = token.Register(() =>
        {
            lock (_waitersLock)
            {
                _waiters.Remove(waiter);
            }

            completion.TrySetCanceled(token);
        });
        return await completion.Task;
    }

    /// <summary>Closes the connection politely and waits for the receive loop to end; a second call does nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", timeout.Token);
                await Task.WhenAny(_closed.Task, Task.Delay(TimeSpan.FromSeconds(2), CancellationToken.None));
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The server is gone already; there is nothing left to close politely.
        }

        await _stopping.CancelAsync();
        _socket.Abort();
        if (_receiveLoop is not null)
        {
            await _receiveLoop;
        }

        _socket.Dispose();
        _sendLock.Dispose();
        _sendWriter.Dispose();
        _stopping.Dispose();
    }

    // The token a call observes: its own and the connection's, linked only when both can cancel.
    private CancellationTokenSource? Link(CancellationToken callToken, out CancellationToken token)
    {
        if (!_callCancellation.CanBeCanceled || !callToken.CanBeCanceled)
        {
            token = callToken.CanBeCanceled ? callToken : _callCancellation;
            return null;
        }

        var linked = CancellationTokenSource.CreateLinkedTokenSource(callToken, _callCancellation);
        token = linked.Token;
        return linked;
    }

    private async Task SendAsync(Action<Utf8JsonWriter> write, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            _sendBuffer.ResetWrittenCount();
            _sendWriter.Reset();
            write(_sendWriter);
            _sendWriter.Flush();
            await _socket.SendAsync(_sendBuffer.WrittenMemory, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async Task SendFrameAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            await _socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = ArrayPool<byte>.Shared.Rent(InitialReceiveBufferSize);
        WebSocketCloseStatus? closeStatus = null;
        try
        {
            while (true)
            {
                var length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    if (length == buffer.Length)
                    {
                        var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                        buffer.AsSpan(0, length).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }

                    result = await _socket.ReceiveAsync(buffer.AsMemory(length), _stopping.Token);
                    length += result.Count;
                }
                while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    closeStatus = _socket.CloseStatus;
                    break;
                }

                Dispatch(buffer.AsMemory(0, length));
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            closeStatus = _socket.CloseStatus;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
            var gone = new WebSocketException(WebSocketError.ConnectionClosedPrematurely, $"connection closed ({closeStatus})");
            foreach (var call in _pending.Values)
            {
                call.Fail(gone);
            }

            _closed.TrySetResult(closeStatus);
        }
    }

    private void Dispatch(ReadOnlyMemory<byte> frame)
    {
        using var document = JsonDocument.Parse(frame);
        var root = document.RootElement;
        if (root.ValueKind == JsonValueKind.Array)
        {
            foreach (var element in root.EnumerateArray())
            {
                DispatchMessage(element);
            }
        }
        else
        {
            DispatchMessage(root);
        }
    }

    private void DispatchMessage(JsonElement message)
    {
        if (message.TryGetProperty("method"u8, out var method))
        {
            var notification = new GameNotification(
                method.GetString()!,
                message.TryGetProperty("params"u8, out var parameters) ? parameters.Clone() : default);
            NotificationReceived?.Invoke(notification);
            CompleteWaiters(notification);
            return;
        }

        if (!message.TryGetProperty("id"u8, out var idElement) || !idElement.TryGetInt64(out var id)
            || !_pending.TryRemove(id, out var call))
        {
            return;
        }

        if (message.TryGetProperty("error"u8, out var error))
        {
            call.Fail(new GameRpcException(
                error.GetProperty("code"u8).GetInt32(),
                error.GetProperty("message"u8).GetString() ?? "",
                error.TryGetProperty("data"u8, out var data) ? data.Clone() : null));
        }
        else
        {
            call.Complete(message.GetProperty("result"u8));
        }
    }

    private void CompleteWaiters(GameNotification notification)
    {
        lock (_waitersLock)
        {
            for (var i = 0; i < _waiters.Count; i++)
            {
                var (method, match, completion) = _waiters[i];
                if (method == notification.Method && match(notification))
                {
                    _waiters.RemoveAt(i);
                    completion.TrySetResult(notification);
                    return;
                }
            }
        }
    }
}

using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using GameServer.Protocol.JsonRpc;
using GameServer.Realtime.JsonRpc;
using StackExchange.Redis;

namespace GameServer.Cluster.Authority;

/// <summary>
/// Forwarding: a node that is not the authority publishes the request, with a correlation id and its own
/// reply channel, on <c>{game}:authority:{name}:requests</c>, which only the authority subscribes to. Redis
/// says how many received it: none means no node is the authority now (one died and no other has taken
/// its lease yet), and the request waits for the next owner's arrival on <c>...:owner</c>, then goes again.
/// The whole is bounded by <c>Cluster:ForwardTimeout</c>; past it the caller gets -32050.
/// </summary>
public sealed partial class RedisAuthority
{
    private readonly ConcurrentDictionary<long, TaskCompletionSource<AuthorityReply>> _pending = new();
    private readonly TimeSpan _forwardTimeout;
    private readonly TimeProvider _time;
    private readonly string _replies;
    private TaskCompletionSource _ownerArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _nextRequest;

    private string RequestsChannel => $"{_prefix}:requests";

    private string OwnerChannel => $"{_prefix}:owner";

    public void Answer<TRequest, TResult>(string operation, JsonTypeInfo<TRequest> request, JsonTypeInfo<TResult> result, Func<TRequest, TResult> handler) =>
        _operations.Add(operation, request, result, handler);

    public async ValueTask<TResult> AskAsync<TRequest, TResult>(string operation, TRequest request, CancellationToken cancellationToken)
    {
        var handler = _operations.Get<TRequest, TResult>(operation);
        if (IsHere)
        {
            try
            {
                return handler.Handler(request);
            }
            catch (AuthorityLostException e)
            {
                // Lost between the check and a fenced write: nothing was written, and the caller may try again.
                throw Unavailable(e.Message);
            }
        }

        var id = Interlocked.Increment(ref _nextRequest);
        var body = JsonSerializer.SerializeToUtf8Bytes(new AuthorityRequest(_replies, id, operation, handler.Serialize(request)), AuthorityJsonContext.Default.AuthorityRequest);
        var answered = new TaskCompletionSource<AuthorityReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = answered;
        using var timeout = new CancellationTokenSource(_forwardTimeout, _time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            await SendAsync(body, either.Token);
            var reply = await answered.Task.WaitAsync(either.Token);
            if (reply.ErrorCode is { } code)
            {
                throw new RpcException(code, reply.ErrorMessage ?? "error", reply.ErrorData);
            }

            return handler.Deserialize(reply.Result ?? default);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw Unavailable($"no answer within {_forwardTimeout.TotalSeconds:0.###} s");
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            throw Unavailable("Redis cannot be reached");
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    private async Task SendAsync(byte[] request, CancellationToken cancellationToken)
    {
        // The reply channel (and, for a catch-up, the change streams) are subscribed before the request goes.
        await SubscribeMissingAsync(cancellationToken);
        while (true)
        {
            // Taken before publishing: an owner arriving between the two is not missed.
            var arrived = Volatile.Read(ref _ownerArrived).Task;
            if (await _redis.GetSubscriber().PublishAsync(RedisChannel.Literal(RequestsChannel), request) > 0)
            {
                return;
            }

            await arrived.WaitAsync(cancellationToken);
        }
    }

    private void OwnerArrived() => Interlocked.Exchange(ref _ownerArrived, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    private void OnReply(ChannelMessage message)
    {
        var reply = JsonSerializer.Deserialize((byte[])message.Message!, AuthorityJsonContext.Default.AuthorityReply);
        if (reply is not null && _pending.TryGetValue(reply.Id, out var answered))
        {
            answered.TrySetResult(reply);
        }
    }

    private void OnRequest(ChannelMessage message)
    {
        // A node that lost the lease but not yet its subscription stays silent: the new owner answers.
        if (!IsHere || JsonSerializer.Deserialize((byte[])message.Message!, AuthorityJsonContext.Default.AuthorityRequest) is not { } request)
        {
            return;
        }

        AuthorityReply reply;
        try
        {
            var operation = _operations.Find(request.Operation) ?? throw new RpcException(ErrorCodes.InternalError, $"no handler for {request.Operation}");
            reply = new AuthorityReply(request.Id, operation.Run(request.Body));
        }
        catch (RpcException e)
        {
            reply = new AuthorityReply(request.Id, null, e.Code, e.Message, e.Details);
        }
        catch (AuthorityLostException e)
        {
            var unavailable = Unavailable(e.Message);
            reply = new AuthorityReply(request.Id, null, unavailable.Code, unavailable.Message, unavailable.Details);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogRequestFailed(e, Name, request.Operation);
            reply = new AuthorityReply(request.Id, null, ErrorCodes.InternalError, "internal error");
        }

        try
        {
            _redis.GetSubscriber().Publish(RedisChannel.Literal(request.ReplyTo), JsonSerializer.SerializeToUtf8Bytes(reply, AuthorityJsonContext.Default.AuthorityReply), CommandFlags.FireAndForget);
        }
        catch (Exception e) when (e is RedisException or TimeoutException or ObjectDisposedException)
        {
            LogReplyFailed(Name, request.Operation, e.Message);
        }
    }

    private RpcException Unavailable(string why) =>
        new(ErrorCodes.OwnerUnavailable, $"the owner of {Name} is unavailable: {why}; try again", new System.Text.Json.Nodes.JsonObject { ["authority"] = Name });

    [LoggerMessage(LogLevel.Error, "{Authority} failed to answer {Operation}")]
    private partial void LogRequestFailed(Exception exception, string authority, string operation);

    [LoggerMessage(LogLevel.Warning, "{Authority}'s answer to {Operation} not sent: {Reason}")]
    private partial void LogReplyFailed(string authority, string operation, string reason);
}

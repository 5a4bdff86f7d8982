using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace GameServer.Protocol.Client;

/// <summary>A request awaiting its answer; reads the result while the receive buffer is still valid.</summary>
internal abstract class PendingCall
{
    public abstract void Complete(JsonElement result);

    public abstract void Fail(Exception error);

    public abstract void Cancel(CancellationToken cancellationToken);
}

/// <summary>
/// A request whose result is read as <typeparamref name="T"/>. <paramref name="onArrival"/> sees the
/// result on the receive loop, before any message that came after it.
/// </summary>
internal sealed class PendingCall<T>(JsonTypeInfo<T> resultInfo, Action<T>? onArrival = null) : PendingCall
{
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<T> Task => _completion.Task;

    public override void Complete(JsonElement result)
    {
        try
        {
            var value = result.Deserialize(resultInfo)!;
            onArrival?.Invoke(value);
            _completion.TrySetResult(value);
        }
        catch (JsonException e)
        {
            _completion.TrySetException(e);
        }
    }

    public override void Fail(Exception error) => _completion.TrySetException(error);

    public override void Cancel(CancellationToken cancellationToken) => _completion.TrySetCanceled(cancellationToken);
}

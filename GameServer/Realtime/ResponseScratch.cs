using System.Buffers;
using System.Text.Json;
using Microsoft.Extensions.ObjectPool;

namespace GameServer.Realtime;

/// <summary>
/// A reply buffer and its writer, lent to a session while one frame is being answered and given
/// back after: an idle connection holds none. The pool keeps a few for reuse, never a large one.
/// </summary>
internal sealed class ResponseScratch
{
    private const int InitialSize = 1024;

    // Buffers above this are dropped after use: one big answer must not stay in memory.
    private const int MaxRetainedSize = 64 * 1024;

    public static readonly ObjectPool<ResponseScratch> Pool = new DefaultObjectPool<ResponseScratch>(new Policy());

    private ResponseScratch()
    {
        Writer = new Utf8JsonWriter(Buffer);
    }

    public ArrayBufferWriter<byte> Buffer { get; } = new(InitialSize);

    public Utf8JsonWriter Writer { get; }

    /// <summary>Empties the buffer for the next reply.</summary>
    public Utf8JsonWriter Reset()
    {
        Buffer.ResetWrittenCount();
        Writer.Reset(Buffer);
        return Writer;
    }

    private sealed class Policy : IPooledObjectPolicy<ResponseScratch>
    {
        public ResponseScratch Create() => new();

        public bool Return(ResponseScratch obj)
        {
            if (obj.Buffer.Capacity > MaxRetainedSize)
            {
                obj.Writer.Dispose();
                return false;
            }

            obj.Reset();
            return true;
        }
    }
}

using System.Buffers;

namespace GameServer.Realtime;

/// <summary>
/// Byte arrays for frames. Small ones come from the shared pool; large ones are allocated and left
/// to the collector, because the pool keeps whatever it is given back: a few huge replies would
/// otherwise stay in memory for the life of the process.
/// </summary>
internal static class FrameBuffers
{
    /// <summary>The largest array that is rented from, and returned to, the shared pool.</summary>
    public const int MaxPooledSize = 64 * 1024;

    public static byte[] Rent(int minimumLength) =>
        minimumLength <= MaxPooledSize ? ArrayPool<byte>.Shared.Rent(minimumLength) : new byte[minimumLength];

    public static void Return(byte[] array)
    {
        ArgumentNullException.ThrowIfNull(array);
        if (array.Length <= MaxPooledSize)
        {
            ArrayPool<byte>.Shared.Return(array);
        }
    }
}

using System.Buffers;
using System.Text.Json;
using GameServer.Protocol.Players;

namespace GameServer.Players;

/// <summary>
/// The entries of one patch, each written once however many subscribers receive it: a player's
/// whole entry (for subscribers new to it), its partial entry (id and the fields changed since the
/// last patch) and its compact entry (<c>[id, x, y]</c>). A subscriber's frame is these bytes copied
/// together. Used under the world's lock by one patch at a time.
/// </summary>
internal sealed class PlayerPatchEntries
{
    private readonly ArrayBufferWriter<byte> _bytes = new(16 * 1024);
    private readonly Utf8JsonWriter _writer;
    private readonly Dictionary<int, (int Start, int Length)> _whole = [];
    private readonly Dictionary<int, (int Start, int Length)> _partial = [];
    private readonly Dictionary<int, (int Start, int Length)> _compact = [];

    public PlayerPatchEntries()
    {
        _writer = new Utf8JsonWriter(_bytes);
    }

    /// <summary>Forgets the last patch's entries.</summary>
    public void Clear()
    {
        _bytes.ResetWrittenCount();
        _whole.Clear();
        _partial.Clear();
        _compact.Clear();
    }

    /// <summary>Every field of the player: for a subscriber that does not have it.</summary>
    public ReadOnlySpan<byte> Whole(PlayerState player) => Entry(_whole, player, PlayerFields.All, compact: false);

    /// <summary>
    /// The entry for a subscriber that had the player at the last patch: <c>[id, x, y]</c> when the
    /// subscriber is compact and only the position changed, otherwise the id and the changed fields.
    /// </summary>
    public ReadOnlySpan<byte> Changed(PlayerState player, PlayerFields fields, bool compact) =>
        compact && (fields & ~(PlayerFields.PositionX | PlayerFields.PositionY)) == PlayerFields.None
            ? Entry(_compact, player, fields, compact: true)
            : Entry(_partial, player, fields, compact: false);

    private ReadOnlySpan<byte> Entry(Dictionary<int, (int Start, int Length)> cache, PlayerState player, PlayerFields fields, bool compact)
    {
        if (!cache.TryGetValue(player.Id, out var entry))
        {
            var start = _bytes.WrittenCount;
            _writer.Reset(_bytes);
            if (compact)
            {
                WriteCompact(_writer, player);
            }
            else
            {
                Write(_writer, player, fields);
            }

            _writer.Flush();
            entry = (start, _bytes.WrittenCount - start);
            cache[player.Id] = entry;
        }

        return _bytes.WrittenSpan.Slice(entry.Start, entry.Length);
    }

    /// <summary>
    /// The player as an object holding <paramref name="fields"/>; with every field it is exactly what
    /// the snapshot's <c>PlayerInfo</c> is. Doubles are written in their shortest round-trip form.
    /// </summary>
    internal static void Write(Utf8JsonWriter writer, PlayerState player, PlayerFields fields)
    {
        writer.WriteStartObject();
        writer.WriteNumber("id"u8, player.Id);
        if (fields.HasFlag(PlayerFields.Identity))
        {
            writer.WriteNumber("user"u8, player.User);
            writer.WriteString("username"u8, player.Username);
        }

        if (fields.HasFlag(PlayerFields.PositionX))
        {
            writer.WriteNumber("position_x"u8, player.X);
        }

        if (fields.HasFlag(PlayerFields.PositionY))
        {
            writer.WriteNumber("position_y"u8, player.Y);
        }

        if (fields.HasFlag(PlayerFields.Online))
        {
            writer.WriteBoolean("online"u8, player.Online);
        }

        writer.WriteEndObject();
    }

    internal static void WriteCompact(Utf8JsonWriter writer, PlayerState player)
    {
        writer.WriteStartArray();
        writer.WriteNumberValue(player.Id);
        writer.WriteNumberValue(PlayerEntries.Compact(player.X));
        writer.WriteNumberValue(PlayerEntries.Compact(player.Y));
        writer.WriteEndArray();
    }
}

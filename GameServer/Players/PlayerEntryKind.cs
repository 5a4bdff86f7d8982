using System.Text.Json;
using GameServer.Protocol;
using GameServer.Protocol.Players;
using GameServer.World;

namespace GameServer.Players;

/// <summary>
/// Players on the wire: <c>players.updated</c> entries as <see cref="PlayerEntries"/> describes them,
/// objects holding the id and the changed fields, or for a compact subscriber a move as <c>[id, x, y]</c>.
/// </summary>
internal sealed class PlayerEntryKind : IEntityKind<PlayerInfo>
{
    private const uint Position = (uint)(PlayerFields.PositionX | PlayerFields.PositionY);

    public string UpdatedMethod => Methods.PlayersUpdated;

    public string ListProperty => "players";

    public string LeftViewMethod => Methods.PlayersLeftView;

    /// <summary>Players never leave the world: they go offline.</summary>
    public string? RemovedMethod => null;

    public uint AllFields => (uint)PlayerFields.All;

    public int IdOf(PlayerInfo entity) => entity.Id;

    public (double X, double Y) PositionOf(PlayerInfo entity) => (entity.PositionX, entity.PositionY);

    public uint Differences(PlayerInfo before, PlayerInfo after)
    {
        var fields = PlayerFields.None;
        fields |= before.PositionX != after.PositionX ? PlayerFields.PositionX : 0;
        fields |= before.PositionY != after.PositionY ? PlayerFields.PositionY : 0;
        fields |= before.Online != after.Online ? PlayerFields.Online : 0;
        fields |= before.User != after.User || before.Username != after.Username ? PlayerFields.Identity : 0;
        return (uint)fields;
    }

    /// <summary>
    /// The player as an object holding <paramref name="fields"/>; with every field it is exactly what
    /// the snapshot's <c>PlayerInfo</c> is. Doubles are written in their shortest round-trip form.
    /// </summary>
    public void Write(Utf8JsonWriter writer, PlayerInfo entity, uint fields)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(entity);
        var has = (PlayerFields)fields;
        writer.WriteStartObject();
        writer.WriteNumber("id"u8, entity.Id);
        if (has.HasFlag(PlayerFields.Identity))
        {
            writer.WriteNumber("user"u8, entity.User);
            writer.WriteString("username"u8, entity.Username);
        }

        if (has.HasFlag(PlayerFields.PositionX))
        {
            writer.WriteNumber("position_x"u8, entity.PositionX);
        }

        if (has.HasFlag(PlayerFields.PositionY))
        {
            writer.WriteNumber("position_y"u8, entity.PositionY);
        }

        if (has.HasFlag(PlayerFields.Online))
        {
            writer.WriteBoolean("online"u8, entity.Online);
        }

        writer.WriteEndObject();
    }

    /// <summary>A move alone is <c>[id, x, y]</c>, positions rounded to <see cref="PlayerEntries.CompactPrecision"/> decimals.</summary>
    public bool TryWriteCompact(Utf8JsonWriter writer, PlayerInfo entity, uint fields)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(entity);
        if ((fields & ~Position) != 0)
        {
            return false;
        }

        writer.WriteStartArray();
        writer.WriteNumberValue(entity.Id);
        writer.WriteNumberValue(PlayerEntries.Compact(entity.PositionX));
        writer.WriteNumberValue(PlayerEntries.Compact(entity.PositionY));
        writer.WriteEndArray();
        return true;
    }
}

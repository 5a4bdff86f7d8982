using System.Text.Json;
using GameServer.Protocol;
using GameServer.Protocol.Monsters;
using GameServer.World;

namespace GameServer.Monsters;

/// <summary>
/// Monsters on the wire: <c>monsters.updated</c> entries, whole (every field of <see cref="Monster"/>)
/// or, for a subscriber that asked for partial entries, the id and the fields that changed.
/// </summary>
internal sealed class MonsterEntryKind : IEntityKind<Monster>
{
    public string UpdatedMethod => Methods.MonstersUpdated;

    public string ListProperty => "monsters";

    public string LeftViewMethod => Methods.MonstersLeftView;

    public string? RemovedMethod => Methods.MonstersRemoved;

    public uint AllFields => (uint)MonsterFields.All;

    public int IdOf(Monster entity) => entity.Id;

    public (double X, double Y) PositionOf(Monster entity) => (entity.PositionX, entity.PositionY);

    public uint Differences(Monster before, Monster after)
    {
        var fields = MonsterFields.None;
        fields |= before.PositionX != after.PositionX ? MonsterFields.PositionX : 0;
        fields |= before.PositionY != after.PositionY ? MonsterFields.PositionY : 0;
        fields |= before.HealthPoints != after.HealthPoints ? MonsterFields.Health : 0;
        fields |= before.StateCode != after.StateCode ? MonsterFields.State : 0;
        fields |= before.UserBeingAttacked != after.UserBeingAttacked ? MonsterFields.Target : 0;
        return (uint)fields;
    }

    /// <summary>The monster as an object holding <paramref name="fields"/>; with every field, exactly the <see cref="Monster"/> contract.</summary>
    public void Write(Utf8JsonWriter writer, Monster entity, uint fields)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(entity);
        var has = (MonsterFields)fields;
        writer.WriteStartObject();
        writer.WriteNumber("id"u8, entity.Id);
        if (has.HasFlag(MonsterFields.State))
        {
            writer.WriteString("state"u8, entity.State);
            writer.WriteNumber("state_code"u8, entity.StateCode);
            writer.WriteString("state_display"u8, entity.StateDisplay);
        }

        if (has.HasFlag(MonsterFields.Health))
        {
            writer.WriteNumber("health_points"u8, entity.HealthPoints);
        }

        if (has.HasFlag(MonsterFields.Target))
        {
            if (entity.UserBeingAttacked is { } user)
            {
                writer.WriteNumber("user_being_attacked"u8, user);
            }
            else
            {
                writer.WriteNull("user_being_attacked"u8);
            }
        }

        if (has.HasFlag(MonsterFields.PositionX))
        {
            writer.WriteNumber("position_x"u8, entity.PositionX);
        }

        if (has.HasFlag(MonsterFields.PositionY))
        {
            writer.WriteNumber("position_y"u8, entity.PositionY);
        }

        writer.WriteEndObject();
    }

    /// <summary>Monsters have no compact form.</summary>
    public bool TryWriteCompact(Utf8JsonWriter writer, Monster entity, uint fields) => false;
}

/// <summary>The fields of a monster that can change apart: what a partial entry carries besides the id.</summary>
[Flags]
internal enum MonsterFields : uint
{
    None = 0,
    PositionX = 1,
    PositionY = 2,
    Health = 4,

    /// <summary>The state, its code and its display text, which change together.</summary>
    State = 8,

    /// <summary>The user being attacked.</summary>
    Target = 16,
    All = PositionX | PositionY | Health | State | Target,
}

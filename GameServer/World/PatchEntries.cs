using System.Buffers;
using System.Text.Json;

namespace GameServer.World;

/// <summary>
/// The entries of one patch, each written once however many subscribers receive it: an entity's
/// whole entry, its partial entry (id and the fields changed since the last patch) and its compact
/// entry. A subscriber's frame is these bytes copied together. Used by one patch at a time.
/// </summary>
internal sealed class PatchEntries<TEntity>
{
    private readonly IEntityKind<TEntity> _kind;
    private readonly ArrayBufferWriter<byte> _bytes = new(16 * 1024);
    private readonly Utf8JsonWriter _writer;
    private readonly Dictionary<int, (int Start, int Length)> _whole = [];
    private readonly Dictionary<int, (int Start, int Length)> _partial = [];
    private readonly Dictionary<int, (int Start, int Length)> _compact = [];

    public PatchEntries(IEntityKind<TEntity> kind)
    {
        _kind = kind;
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

    /// <summary>Every field of the entity: for a subscriber that does not have it.</summary>
    public ReadOnlySpan<byte> Whole(int id, TEntity entity) => Entry(_whole, id, entity, _kind.AllFields, compact: false);

    /// <summary>The entry in <paramref name="form"/> of an entity the subscriber had at the last patch.</summary>
    public ReadOnlySpan<byte> Changed(int id, TEntity entity, uint fields, EntryForm form) => form switch
    {
        EntryForm.Whole => Whole(id, entity),
        EntryForm.Compact => Entry(_compact, id, entity, fields, compact: true),
        _ => Entry(_partial, id, entity, fields, compact: false),
    };

    private ReadOnlySpan<byte> Entry(Dictionary<int, (int Start, int Length)> cache, int id, TEntity entity, uint fields, bool compact)
    {
        if (!cache.TryGetValue(id, out var entry))
        {
            var start = _bytes.WrittenCount;
            _writer.Reset(_bytes);
            if (!compact || !_kind.TryWriteCompact(_writer, entity, fields))
            {
                _kind.Write(_writer, entity, fields);
            }

            _writer.Flush();
            entry = (start, _bytes.WrittenCount - start);
            cache[id] = entry;
        }

        return _bytes.WrittenSpan.Slice(entry.Start, entry.Length);
    }
}

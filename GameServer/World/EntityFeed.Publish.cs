using System.Buffers;
using System.Diagnostics;
using System.Text.Json;
using GameServer.Realtime;

namespace GameServer.World;

public sealed partial class EntityFeed<TEntity>
{
    private static readonly byte[] UpdatedSuffix = "]}}"u8.ToArray();

    private readonly byte[] _updatedPrefix;

    // Each entity as the last patch published it, and where: what the next patch's partial entries are
    // differences from, and where radius subscribers look.
    private readonly Dictionary<int, TEntity> _last = [];
    private readonly SpatialGrid _grid;

    // This patch: the entities in the world that changed and which fields, and those that left it.
    private readonly Dictionary<int, uint> _changed = [];
    private readonly List<int> _removed = [];

    private readonly PatchEntries<TEntity> _entries;
    private readonly List<(int Id, bool Whole)> _shown = [];
    private readonly List<int> _left = [];
    private readonly List<int> _gone = [];
    private readonly ArrayBufferWriter<byte> _frame = new(4 * 1024);
    private readonly Utf8JsonWriter _idsWriter = new(Stream.Null);
    private HashSet<int> _spareVisible = [];
    private int _frames;
    private long _bytes;

    /// <summary>Sends one patch to every subscriber; called by <see cref="WorldPatchJob"/>. Not re-entrant.</summary>
    public PatchReport Publish()
    {
        lock (_gate)
        {
            var started = Stopwatch.GetTimestamp();
            (_frames, _bytes) = (0, 0);
            Capture();
            _entries.Clear();
            if (_changed.Count > 0 || _removed.Count > 0)
            {
                PublishToWholeWorld();
            }

            foreach (var subscription in _subscriptions.Values)
            {
                if (subscription.Radius is { } radius)
                {
                    PublishToArea(subscription, radius);
                }
            }

            return new PatchReport(_changed.Count + _removed.Count, _frames, _bytes, Stopwatch.GetElapsedTime(started));
        }
    }

    /// <summary>Takes the changes from the source, under its lock and only for as long as that takes.</summary>
    private void Capture()
    {
        _changed.Clear();
        _removed.Clear();
        lock (_source.Lock)
        {
            foreach (var id in _source.Changes.TakeChanged())
            {
                var now = _source.Capture(id);
                var known = _last.TryGetValue(id, out var before);
                if (now is null)
                {
                    // Told even when no patch showed it: a snapshot taken since the last patch may have.
                    if (known)
                    {
                        _last.Remove(id);
                        _grid.Remove(id);
                    }

                    _removed.Add(id);
                    continue;
                }

                // Changed and changed back between two patches is no change: nothing is sent.
                var fields = known ? _kind.Differences(before!, now) : _kind.AllFields;
                _last[id] = now;
                if (fields != 0)
                {
                    _changed[id] = fields;
                    var (x, y) = _kind.PositionOf(now);
                    _grid.Set(id, x, y);
                }
            }

            foreach (var subscription in _subscriptions.Values)
            {
                if (subscription.Radius is not null)
                {
                    subscription.Center = _source.CenterOf(subscription.UserId);
                }
            }
        }
    }

    private void PublishToWholeWorld()
    {
        // Every whole-world subscriber had every entity at the last patch: the same entries suit all
        // of them, so there is one frame per form however many subscribe.
        OutboundMessage? partial = null;
        OutboundMessage? compact = null;
        OutboundMessage? whole = null;
        OutboundMessage? removed = null;
        foreach (var subscription in _subscriptions.Values)
        {
            if (subscription.Radius is not null)
            {
                continue;
            }

            if (_changed.Count > 0)
            {
                ref var shared = ref partial;
                if (subscription.Form == EntryForm.Compact)
                {
                    shared = ref compact;
                }
                else if (subscription.Form == EntryForm.Whole)
                {
                    shared = ref whole;
                }

                if (shared is null)
                {
                    _shown.Clear();
                    foreach (var id in _changed.Keys)
                    {
                        _shown.Add((id, false));
                    }

                    shared = OutboundMessage.Shared(BuildUpdate(subscription.Form).ToArray());
                }

                Deliver(subscription, shared.Value);
            }

            if (_removed.Count > 0)
            {
                removed ??= OutboundMessage.Shared(BuildIds(_kind.RemovedMethod ?? _kind.LeftViewMethod, _removed).ToArray());
                Deliver(subscription, removed.Value);
            }
        }
    }

    private void PublishToArea(EntitySubscription subscription, double radius)
    {
        if (subscription.Center is not { } center)
        {
            // Seen nothing this patch: whoever is in view next time is new to it and arrives whole.
            subscription.Visible.Clear();
            subscription.VisibleAround = null;
            return;
        }

        // Nothing changed and the subscriber has not moved: its view is the same, so an idle subscriber
        // costs a patch no grid query and no set comparison.
        if (_changed.Count == 0 && _removed.Count == 0 && subscription.VisibleAround == center)
        {
            return;
        }

        var visible = _spareVisible;
        visible.Clear();
        _grid.Within(center.X, center.Y, radius, visible);

        // Entities new in view arrive whole, those in view before that changed as their changed entry:
        // a walk over the few in view, not over every entity that changed.
        _shown.Clear();
        foreach (var id in visible)
        {
            if (!subscription.Visible.Contains(id))
            {
                _shown.Add((id, true));
            }
            else if (_changed.ContainsKey(id))
            {
                _shown.Add((id, false));
            }
        }

        _left.Clear();
        _gone.Clear();
        foreach (var id in subscription.Visible)
        {
            if (!visible.Contains(id))
            {
                (_last.ContainsKey(id) || _kind.RemovedMethod is null ? _left : _gone).Add(id);
            }
        }

        // The two sets swap, so a patch allocates no set per subscriber.
        (_spareVisible, subscription.Visible) = (subscription.Visible, visible);
        subscription.VisibleAround = center;
        if (_shown.Count > 0)
        {
            Deliver(subscription, OutboundMessage.CopyOf(BuildUpdate(subscription.Form)));
        }

        if (_gone.Count > 0)
        {
            Deliver(subscription, OutboundMessage.CopyOf(BuildIds(_kind.RemovedMethod!, _gone)));
        }

        if (_left.Count > 0)
        {
            Deliver(subscription, OutboundMessage.CopyOf(BuildIds(_kind.LeftViewMethod, _left)));
        }
    }

    private void Deliver(EntitySubscription subscription, OutboundMessage message)
    {
        _frames++;
        // Each recipient counted: a shared frame costs its bytes once per socket it is written to.
        _bytes += message.Payload.Length;
        subscription.Deliver(message);
    }

    /// <summary>Copies the cached entries of <see cref="_shown"/> into one update frame.</summary>
    private ReadOnlySpan<byte> BuildUpdate(EntryForm form)
    {
        _frame.ResetWrittenCount();
        _frame.Write(_updatedPrefix);
        var first = true;
        foreach (var (id, whole) in _shown)
        {
            if (!first)
            {
                _frame.Write(","u8);
            }

            first = false;
            var entity = _last[id];
            _frame.Write(whole ? _entries.Whole(id, entity) : _entries.Changed(id, entity, _changed[id], form));
        }

        _frame.Write(UpdatedSuffix);
        return _frame.WrittenSpan;
    }

    /// <summary>Writes <c>{"jsonrpc":"2.0","method":...,"params":{"ids":[...]}}</c>.</summary>
    private ReadOnlySpan<byte> BuildIds(string method, List<int> ids)
    {
        _frame.ResetWrittenCount();
        _idsWriter.Reset(_frame);
        _idsWriter.WriteStartObject();
        _idsWriter.WriteString("jsonrpc"u8, "2.0"u8);
        _idsWriter.WriteString("method"u8, method);
        _idsWriter.WriteStartObject("params"u8);
        _idsWriter.WriteStartArray("ids"u8);
        foreach (var id in ids)
        {
            _idsWriter.WriteNumberValue(id);
        }

        _idsWriter.WriteEndArray();
        _idsWriter.WriteEndObject();
        _idsWriter.WriteEndObject();
        _idsWriter.Flush();
        return _frame.WrittenSpan;
    }
}

using System.Collections;

namespace GameServer.Tools.Bots;

/// <summary>
/// A read-only list equal to another with the same items in the same order, so that options holding
/// several node URLs or PIDs stay records that compare by value (as the tests of the parse do). One
/// item converts to a list of one: a single URL is still written as one.
/// </summary>
internal sealed class ValueList<T>(IReadOnlyList<T> items) : IReadOnlyList<T>, IEquatable<ValueList<T>>
{
    private readonly T[] _items = [.. items];

    public int Count => _items.Length;

    public T this[int index] => _items[index];

    public static implicit operator ValueList<T>(T item) => new([item]);

    public static implicit operator ValueList<T>(T[] items) => new(items);

    public bool Equals(ValueList<T>? other) => other is not null && _items.SequenceEqual(other._items);

    public override bool Equals(object? obj) => Equals(obj as ValueList<T>);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in _items)
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }

    /// <summary>Comma-separated, as <c>--url</c> and <c>--server-pid</c> take them.</summary>
    public override string ToString() => string.Join(',', _items);

    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();
}

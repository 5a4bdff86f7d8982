using System.Text.Json.Serialization;

namespace GameServer.Protocol.Inventory;

/// <summary>An item: something with a name and a weight in kilograms.</summary>
/// <param name="Id">The item's id.</param>
/// <param name="Name">1–255 characters after trimming.</param>
/// <param name="Weight">Kilograms, from 0 to the server's <c>Inventory:MaxWeight</c> (1,000,000 by default).</param>
public sealed record Item(int Id, string Name, [property: JsonConverter(typeof(KilogramsConverter))] double Weight);

/// <summary>Parameters naming one item by id: <c>items.get</c>, <c>items.delete</c>.</summary>
/// <param name="Id">The item's id.</param>
public sealed record ItemRef(int Id);

/// <summary>Parameters of <c>items.list</c>: a page of the items ordered by weight, then id.</summary>
/// <param name="Offset">Items to skip; 0 when left out.</param>
/// <param name="Limit">Most items to return: 0 to 1000, 100 when left out.</param>
/// <param name="Search">Only the items whose name contains this, ignoring case (at most 100 characters); all when left out or blank.</param>
public sealed record ItemListParams(int? Offset = null, int? Limit = null, string? Search = null);

/// <summary>Parameters of <c>items.count</c>: the filter of the <c>items.list</c> it counts for.</summary>
/// <param name="Search">As in <see cref="ItemListParams"/>.</param>
public sealed record ItemCountParams(string? Search = null);

/// <summary>The answer to <c>items.count</c> and <c>inventories.count</c>: how many a list pages through.</summary>
/// <param name="Total">The number of items or inventories matching the filter.</param>
public sealed record ListTotal(int Total);

/// <summary>Parameters of <c>items.create</c>.</summary>
/// <param name="Name">1–255 characters after trimming.</param>
/// <param name="Weight">Kilograms, from 0 to the server's <c>Inventory:MaxWeight</c>.</param>
public sealed record ItemCreate(string Name, double Weight);

/// <summary>Parameters of <c>items.update</c>: the fields left out keep their value.</summary>
/// <param name="Id">The item's id.</param>
/// <param name="Name">A new name, if given.</param>
/// <param name="Weight">A new weight, if given.</param>
public sealed record ItemUpdate(int Id, string? Name = null, double? Weight = null);

/// <summary>The answer to a delete: the record is gone.</summary>
/// <param name="Deleted">Always true.</param>
public sealed record DeleteResult(bool Deleted);

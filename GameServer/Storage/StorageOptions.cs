using System.ComponentModel.DataAnnotations;

namespace GameServer.Storage;

/// <summary>Where the data lives, bound to the <c>Storage</c> section.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>The LiteDB file; a relative path is taken from the working directory.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "must name the database file")]
    public string Path { get; set; } = "data/game.db";
}

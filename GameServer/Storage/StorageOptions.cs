using System.ComponentModel.DataAnnotations;
using Npgsql;

namespace GameServer.Storage;

/// <summary>Where the data lives, bound to the <c>Storage</c> section.</summary>
public sealed class StorageOptions : IValidatableObject
{
    public const string Section = "Storage";

    /// <summary><c>LiteDb</c> (the default) or <c>Postgres</c>.</summary>
    public StorageProvider Provider { get; set; } = StorageProvider.LiteDb;

    /// <summary>The LiteDB file; a relative path is taken from the working directory.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "must name the database file")]
    public string Path { get; set; } = "data/game.db";

    /// <summary>
    /// The PostgreSQL database in Npgsql's form (<c>Host=...;Port=5432;Username=...;Password=...;Database=...</c>),
    /// required with <c>Provider=Postgres</c>. Its <c>Maximum Pool Size</c> (Npgsql's default 100) bounds the
    /// connections one process opens.
    /// </summary>
    public string? ConnectionString { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Provider != StorageProvider.Postgres)
        {
            yield break;
        }

        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return new ValidationResult("is required when Storage:Provider is Postgres", [nameof(ConnectionString)]);
            yield break;
        }

        string? problem = null;
        try
        {
            _ = new NpgsqlConnectionStringBuilder(ConnectionString);
        }
        catch (ArgumentException e)
        {
            // The message names the bad keyword, never the value: it may be the password.
            problem = $"is not a valid Npgsql connection string ({e.Message})";
        }

        if (problem is not null)
        {
            yield return new ValidationResult(problem, [nameof(ConnectionString)]);
        }
    }

    /// <summary>
    /// Reads the provider straight from configuration, for registering the stores before the options exist;
    /// an unknown name registers LiteDB, and the options' validation then stops the server naming the key.
    /// </summary>
    public static StorageProvider ProviderIn(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return Enum.TryParse<StorageProvider>(configuration.GetSection(Section)[nameof(Provider)], ignoreCase: true, out var provider)
            ? provider
            : StorageProvider.LiteDb;
    }
}

using System.ComponentModel.DataAnnotations;
using Npgsql;

namespace GameServer.Storage;

/// <summary>Where the data lives, bound to the <c>Storage</c> section.</summary>
public sealed class StorageOptions : IValidatableObject
{
    public const string Section = "Storage";

    /// <summary>
    /// <c>LiteDb</c> (the default) or <c>Postgres</c>, in any case. Text rather than the enum, so that a
    /// misspelt name is a validation error naming the key, not a binder exception with a stack trace.
    /// </summary>
    public string Provider { get; set; } = nameof(StorageProvider.LiteDb);

    /// <summary>The provider <see cref="Provider"/> names (LiteDB when it names none; validation refuses that).</summary>
    public StorageProvider Kind => Parse(Provider) ?? StorageProvider.LiteDb;

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
        if (Parse(Provider) is null)
        {
            yield return new ValidationResult("must be LiteDb or Postgres", [nameof(Provider)]);
            yield break;
        }

        if (Kind != StorageProvider.Postgres)
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
        return Parse(configuration.GetSection(Section)[nameof(Provider)] ?? nameof(StorageProvider.LiteDb)) ?? StorageProvider.LiteDb;
    }

    private static StorageProvider? Parse(string? name) =>
        Enum.TryParse<StorageProvider>(name, ignoreCase: true, out var provider) && Enum.IsDefined(provider) && !int.TryParse(name, out _) ? provider : null;
}

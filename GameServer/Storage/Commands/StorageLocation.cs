using System.CommandLine;
using System.CommandLine.Parsing;
using Npgsql;

namespace GameServer.Storage.Commands;

/// <summary>
/// Where <c>storage copy</c> reads or writes: <c>litedb:PATH</c> (a LiteDB file) or
/// <c>postgres:CONNECTION-STRING</c> (Npgsql's form). Shown without the password.
/// </summary>
public sealed record StorageLocation(StorageProvider Provider, string Value)
{
    private const string LiteDbPrefix = "litedb:";
    private const string PostgresPrefix = "postgres:";

    /// <summary>The configuration keys that open this location as the server would.</summary>
    public string[] Settings => Provider == StorageProvider.LiteDb
        ? ["--Storage:Provider=LiteDb", $"--Storage:Path={Value}"]
        : ["--Storage:Provider=Postgres", $"--Storage:ConnectionString={Value}"];

    /// <summary>The location as the operator wrote it, with any password left out.</summary>
    public override string ToString()
    {
        if (Provider == StorageProvider.LiteDb)
        {
            return LiteDbPrefix + Value;
        }

        var builder = new NpgsqlConnectionStringBuilder(Value);
        if (builder.Password is not null)
        {
            builder.Password = "***";
        }

        return PostgresPrefix + builder.ConnectionString;
    }

    /// <summary>
    /// An option taking a location; <paramref name="mustExist"/> requires a LiteDB file to be there
    /// (a source), otherwise its directory (a target).
    /// </summary>
    public static Option<StorageLocation?> Option(string name, bool mustExist, string description) => new(name)
    {
        Description = $"{description}: litedb:PATH or postgres:CONNECTION-STRING",
        Required = true,
        CustomParser = result => Parse(result, name, mustExist),
    };

    private static StorageLocation? Parse(ArgumentResult result, string name, bool mustExist)
    {
        var text = result.Tokens[0].Value;
        if (text.StartsWith(LiteDbPrefix, StringComparison.OrdinalIgnoreCase))
        {
            var path = text[LiteDbPrefix.Length..];
            var full = path.Length == 0 ? null : Path.GetFullPath(path);
            if (full is not null && (mustExist ? File.Exists(full) : Directory.Exists(Path.GetDirectoryName(full))))
            {
                return new StorageLocation(StorageProvider.LiteDb, full);
            }

            result.AddError(mustExist
                ? $"Option '{name}' takes an existing LiteDB file, not '{text}'."
                : $"Option '{name}' takes a LiteDB file in an existing directory, not '{text}'.");
            return null;
        }

        if (text.StartsWith(PostgresPrefix, StringComparison.OrdinalIgnoreCase))
        {
            var connectionString = text[PostgresPrefix.Length..];
            try
            {
                _ = new NpgsqlConnectionStringBuilder(connectionString);
                if (!string.IsNullOrWhiteSpace(connectionString))
                {
                    return new StorageLocation(StorageProvider.Postgres, connectionString);
                }
            }
            catch (ArgumentException e)
            {
                // The message names the bad keyword; the value is not echoed, it may hold the password.
                result.AddError($"Option '{name}' takes postgres: and an Npgsql connection string ({e.Message}).");
                return null;
            }

            result.AddError($"Option '{name}' takes postgres: and an Npgsql connection string, not an empty one.");
            return null;
        }

        result.AddError($"Option '{name}' takes litedb:PATH or postgres:CONNECTION-STRING, not '{text}'.");
        return null;
    }
}

using System.Security.Cryptography;
using System.Text;

namespace GameServer.Storage.Backup;

/// <summary>
/// A random key, new at every start, that lets <c>GameServer storage backup</c> on the same machine ask
/// the running server for a copy without an admin's password. The server writes it to a file beside
/// the database that only the database's owner can read (<see cref="RunningServerFile"/>): whoever
/// holds the key could copy the database file anyway.
/// </summary>
public sealed class BackupKey
{
    private readonly byte[] _value = Encoding.ASCII.GetBytes(Convert.ToHexString(RandomNumberGenerator.GetBytes(32)));

    public string Value => Encoding.ASCII.GetString(_value);

    /// <summary>Whether <paramref name="candidate"/> is the key, compared in constant time.</summary>
    public bool Matches(string? candidate) =>
        candidate is not null && CryptographicOperations.FixedTimeEquals(_value, Encoding.ASCII.GetBytes(candidate));
}

namespace GameServer.Storage;

/// <summary>
/// The configured database cannot be reached at start-up. The message names the setting and where it
/// points (never the password), so the operator can fix it; the server does not start.
/// </summary>
public sealed class StorageUnreachableException(string message, Exception inner) : Exception(message, inner);

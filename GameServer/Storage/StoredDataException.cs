namespace GameServer.Storage;

/// <summary>
/// The database file holds data the server must not run with; the message says what and how to
/// fix it. A migration throws it, so the server does not start, and again at every start until fixed.
/// </summary>
public sealed class StoredDataException(string message) : Exception(message);

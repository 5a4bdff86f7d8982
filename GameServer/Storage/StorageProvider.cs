namespace GameServer.Storage;

/// <summary>Which database holds the game's data: <c>Storage:Provider</c>.</summary>
public enum StorageProvider
{
    /// <summary>One embedded LiteDB file (<c>Storage:Path</c>): nothing to install. The default.</summary>
    LiteDb,

    /// <summary>A PostgreSQL database (<c>Storage:ConnectionString</c>) that several processes can share.</summary>
    Postgres,
}

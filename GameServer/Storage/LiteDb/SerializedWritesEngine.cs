using LiteDB;
using LiteDB.Engine;

namespace GameServer.Storage.LiteDb;

/// <summary>
/// LiteDB's engine with one write at a time across the whole file: a transaction holds the lock from
/// its begin to its commit or rollback, a write outside one for its own length. LiteDB 5 locks writes
/// per collection only, and concurrent writers to different collections have corrupted its free-page
/// list ("empty page must be defined as empty type", LiteDB #2825, after #2504's fix); writers queued
/// inside the engine also each hold a transaction, so a burst of them met "Maximum number of
/// transactions reached". Waiting here holds none. Reads are not serialized: LiteDB reads a snapshot.
/// The lock is a monitor, so it is re-entrant and bound to the thread, as LiteDB's transactions are.
/// </summary>
internal sealed class SerializedWritesEngine(ILiteEngine inner) : ILiteEngine
{
    private readonly Lock _writes = new();

    public bool BeginTrans()
    {
        _writes.Enter();
        try
        {
            var began = inner.BeginTrans();
            if (!began)
            {
                // Joined the transaction this thread already holds, and the lock with it.
                _writes.Exit();
            }

            return began;
        }
        catch
        {
            _writes.Exit();
            throw;
        }
    }

    public bool Commit() => Ending(inner.Commit);

    public bool Rollback() => Ending(inner.Rollback);

    public IBsonDataReader Query(string collection, Query query) => inner.Query(collection, query);

    public int Insert(string collection, IEnumerable<BsonDocument> docs, BsonAutoId autoId) => Writing(() => inner.Insert(collection, docs, autoId));

    public int Update(string collection, IEnumerable<BsonDocument> docs) => Writing(() => inner.Update(collection, docs));

    public int UpdateMany(string collection, BsonExpression transform, BsonExpression predicate) => Writing(() => inner.UpdateMany(collection, transform, predicate));

    public int Upsert(string collection, IEnumerable<BsonDocument> docs, BsonAutoId autoId) => Writing(() => inner.Upsert(collection, docs, autoId));

    public int Delete(string collection, IEnumerable<BsonValue> ids) => Writing(() => inner.Delete(collection, ids));

    public int DeleteMany(string collection, BsonExpression predicate) => Writing(() => inner.DeleteMany(collection, predicate));

    public bool DropCollection(string name) => Writing(() => inner.DropCollection(name));

    public bool RenameCollection(string name, string newName) => Writing(() => inner.RenameCollection(name, newName));

    public bool EnsureIndex(string collection, string name, BsonExpression expression, bool unique) => Writing(() => inner.EnsureIndex(collection, name, expression, unique));

    public bool DropIndex(string collection, string name) => Writing(() => inner.DropIndex(collection, name));

    public int Checkpoint() => Writing(inner.Checkpoint);

    public long Rebuild(RebuildOptions options) => Writing(() => inner.Rebuild(options));

    public BsonValue Pragma(string name) => inner.Pragma(name);

    public bool Pragma(string name, BsonValue value) => Writing(() => inner.Pragma(name, value));

    public void Dispose() => inner.Dispose();

    private T Writing<T>(Func<T> write)
    {
        lock (_writes)
        {
            return write();
        }
    }

    // Commit and rollback end the transaction whose begin took the lock; the lock goes whatever they throw.
    private bool Ending(Func<bool> end)
    {
        try
        {
            return end();
        }
        finally
        {
            if (_writes.IsHeldByCurrentThread)
            {
                _writes.Exit();
            }
        }
    }
}

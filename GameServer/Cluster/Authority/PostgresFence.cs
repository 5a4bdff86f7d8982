using Dapper;
using GameServer.Storage.Postgres;

namespace GameServer.Cluster.Authority;

/// <summary>
/// Fenced writes in PostgreSQL: the table <c>lease_fences</c> keeps, per lease, the greatest fencing
/// token that wrote. A write first raises the row to its own token, refused when a greater one is
/// there, and its store calls join that transaction: an owner that lost its lease (a new owner has
/// written since) writes nothing, and two owners' writes are serialised on the row's lock.
/// </summary>
public sealed class PostgresFence(PostgresDatabase database)
{
    public void Write(string lease, long token, Action write)
    {
        ArgumentNullException.ThrowIfNull(write);
        database.InTransaction(connection =>
        {
            var raised = connection.Execute(
                """
                INSERT INTO lease_fences (name, token) VALUES (@lease, @token)
                ON CONFLICT (name) DO UPDATE SET token = excluded.token WHERE lease_fences.token <= excluded.token
                """,
                new { lease, token });
            if (raised == 0)
            {
                throw new AuthorityLostException(lease, $"a later owner has written (this one's token is {token})");
            }

            write();
            return raised;
        });
    }
}

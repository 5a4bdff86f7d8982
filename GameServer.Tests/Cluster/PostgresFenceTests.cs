using GameServer.Cluster.Authority;
using GameServer.Storage.Postgres;
using GameServer.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace GameServer.Tests.Cluster;

/// <summary>
/// Fenced writes on a real PostgreSQL: once an owner with a greater fencing token has written, an older
/// owner (paused, partitioned, its lease lost) writes nothing; the fence is raised in the write's own transaction.
/// </summary>
[Category("Integration")]
[CancelAfter(120_000)]
public sealed class PostgresFenceTests
{
    private const string Lease = "world:test";
    private InProcessServer _server = null!;
    private PostgresFence _fence = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _server = await InProcessServer.StartAsync("--Storage:Provider=Postgres", $"--Storage:ConnectionString={TestPostgres.Shared.CreateDatabase()}");
        _fence = new PostgresFence(_server.Services.GetRequiredService<PostgresDatabase>());
    }

    [OneTimeTearDown]
    public async Task Stop() => await _server.DisposeAsync();

    [Test]
    public void A_write_under_an_older_token_than_one_that_wrote_is_refused_and_does_not_run()
    {
        var writes = new List<long>();
        _fence.Write(Lease, 1, () => writes.Add(1));
        _fence.Write(Lease, 1, () => writes.Add(1));
        _fence.Write(Lease, 2, () => writes.Add(2));

        Assert.Throws<AuthorityLostException>(() => _fence.Write(Lease, 1, () => writes.Add(1)));
        Assert.That(writes, Is.EqualTo(new long[] { 1, 1, 2 }));
    }

    [Test]
    public void A_failed_write_leaves_the_fence_where_it_was()
    {
        const string lease = Lease + ":failing";
        _fence.Write(lease, 5, () => { });

        Assert.Throws<InvalidOperationException>(() => _fence.Write(lease, 6, () => throw new InvalidOperationException("the store failed")));

        // Token 6 never committed: the owner of token 5 still holds the fence.
        Assert.DoesNotThrow(() => _fence.Write(lease, 5, () => { }));
    }
}

using GameServer.Tests.Support;

namespace GameServer.Tests;

/// <summary>What the whole run shares and ends once: the PostgreSQL cluster and the Redis server, when a test started them.</summary>
[SetUpFixture]
public sealed class TestRun
{
    [OneTimeTearDown]
    public void StopServers()
    {
        TestPostgres.StopIfStarted();
        TestRedis.StopIfStarted();
    }
}

using GameServer.Tests.Support;

namespace GameServer.Tests;

/// <summary>What the whole run shares and ends once: the PostgreSQL cluster, when a test started one.</summary>
[SetUpFixture]
public sealed class TestRun
{
    [OneTimeTearDown]
    public void StopPostgres() => TestPostgres.StopIfStarted();
}

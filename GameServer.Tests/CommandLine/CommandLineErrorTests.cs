namespace GameServer.Tests.CommandLine;

/// <summary>A bad command line ends with exit code 2 and one line on standard error that names what was wrong.</summary>
[Category("Unit")]
public sealed class CommandLineErrorTests
{
    [TestCase("bench --seconds 0", "--seconds")]
    [TestCase("bench --runs", "--runs")]
    [TestCase("bench ping --connections 1,x", "--connections")]
    [TestCase("bench ping --connections 0", "--connections")]
    [TestCase("bench ping --warmup ten", "--warmup")]
    [TestCase("bench gifts --users 0", "--users")]
    [TestCase("bench gifts --pace-ms 1001", "--pace-ms")]
    [TestCase("bench monsters --monsters 1,2,3,4,5,6,7,8,9,10,11", "--monsters")]
    [TestCase("bench monsters --players abc", "--players")]
    [TestCase("bench attacks --radius 0", "--radius")]
    [TestCase("bench attacks --radius NaN", "--radius")]
    [TestCase("bench attacks --server /no/such/GameServer.dll", "--server")]
    [TestCase("bench soak --minutes 241", "--minutes")]
    [TestCase("bench gifts --bogus 1", "--bogus")]
    [TestCase("bench ping extra", "extra")]
    [TestCase("gift-bench-server --users 1000001", "--users")]
    [TestCase("createsuperuser", "--username")]
    [TestCase("createsuperuser --username admin --password secret", "--password")]
    [TestCase("bnech", "bnech")]
    [TestCase("storage", "storage")]
    [TestCase("storage backup", "--to")]
    [TestCase("storage backup --to /no/such/directory/game.db", "--to")]
    [TestCase("storage backup --to /tmp/", "--to")]
    [TestCase("storage copy --from litedb:/no/such/game.db --to litedb:/tmp/copy.db", "--from")]
    [TestCase("storage copy --from sqlite:/tmp/game.db --to litedb:/tmp/copy.db", "--from")]
    [TestCase("storage copy --from postgres:Host=127.0.0.1 --to litedb:/no/such/directory/copy.db", "--to")]
    [TestCase("storage copy --from postgres:Host=127.0.0.1 --to postgres:Bogus=1", "--to")]
    [TestCase("storage copy --from postgres:Host=127.0.0.1", "--to")]
    [TestCase("storage copy --from postgres:Host=127.0.0.1 --to postgres:Host=127.0.0.1", "--from")]
    [TestCase("bench micro --job long", "long")]
    [TestCase("serve --Monsters:Count", "--Monsters:Count")]
    [TestCase("--urls http://127.0.0.1:0 stray", "stray")]
    public async Task A_bad_value_exits_2_with_one_line_naming_it(string commandLine, string named)
    {
        var (exitCode, output, error) = await CommandLineHelpTests.InvokeAsync(commandLine.Split(' '));

        Assert.That(exitCode, Is.EqualTo(2));
        Assert.That(output, Is.Empty, "no help after the error");
        Assert.That(error.TrimEnd().Split('\n'), Has.Length.EqualTo(1), error);
        Assert.That(error, Does.Contain($"'{named}'"));
    }
}

using GameServer.Tests.Support;
using Microsoft.Extensions.Options;

namespace GameServer.Tests.Storage;

/// <summary>A wrong storage setting stops the start with a message naming the key, as every setting does.</summary>
[Category("Unit")]
public sealed class StorageOptionsTests
{
    [TestCase("--Storage:Provider=Mongo", "Storage:Provider must be LiteDb or Postgres")]
    [TestCase("--Storage:Provider=1", "Storage:Provider must be LiteDb or Postgres")]
    [TestCase("--Storage:Provider=Postgres", "Storage:ConnectionString is required")]
    [TestCase("--Storage:Provider=postgres", "Storage:ConnectionString is required")]
    public void A_bad_storage_setting_names_its_key(string setting, string message)
    {
        using var directory = new TempDirectory();

        var refused = Assert.Throws<OptionsValidationException>(() =>
            ((IDisposable)Program.Build(["--urls", "http://127.0.0.1:0", $"--Storage:Path={directory.File("game.db")}", setting])).Dispose());

        Assert.That(refused!.Message, Does.Contain(message));
    }

    [Test]
    public void A_connection_string_npgsql_cannot_read_is_refused_without_echoing_it()
    {
        var refused = Assert.Throws<OptionsValidationException>(() =>
            ((IDisposable)Program.Build(["--urls", "http://127.0.0.1:0", "--Storage:Provider=Postgres", "--Storage:ConnectionString=Hots=x;Password=s3cret"])).Dispose());

        Assert.That(refused!.Message, Does.Contain("Storage:ConnectionString is not a valid Npgsql connection string"));
        Assert.That(refused.Message, Does.Not.Contain("s3cret"));
    }
}

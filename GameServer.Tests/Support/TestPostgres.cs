using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace GameServer.Tests.Support;

/// <summary>
/// The PostgreSQL server of a test run: the one named by <c>GAMESERVER_TEST_POSTGRES</c> (a connection
/// string whose user may create databases), or else a throwaway cluster started on first use: Debian's
/// binaries under <c>/usr/lib/postgresql/*/bin</c>, <c>initdb</c> into a temporary directory and
/// <c>pg_ctl start</c> on a free loopback port, as the <c>postgres</c> user when the tests run as root
/// (PostgreSQL refuses to run as root). Every caller gets a database of its own; <see cref="TestRun"/>
/// stops the cluster and deletes it (or drops the databases made on a given server) when the run ends.
/// </summary>
public sealed class TestPostgres
{
    public const string ServerVariable = "GAMESERVER_TEST_POSTGRES";

    /// <summary>Set to 1 by the test script for the cluster it starts and deletes itself.</summary>
    public const string ThrowawayVariable = "GAMESERVER_TEST_POSTGRES_THROWAWAY";

    private static readonly Lock Gate = new();
    private static TestPostgres? _shared;

    private readonly string _adminConnectionString;
    private readonly Cluster? _cluster;
    private readonly List<string> _databases = [];

    private TestPostgres(string adminConnectionString, Cluster? cluster)
    {
        _adminConnectionString = adminConnectionString;
        _cluster = cluster;
    }

    /// <summary>The run's server, started on first use.</summary>
    public static TestPostgres Shared
    {
        get
        {
            lock (Gate)
            {
                return _shared ??= Start();
            }
        }
    }

    /// <summary>Creates a fresh, empty database; returns its connection string.</summary>
    public string CreateDatabase()
    {
        var name = $"gameserver_test_{Guid.NewGuid():N}"[..32];
        using (var connection = new NpgsqlConnection(_adminConnectionString))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            command.ExecuteNonQuery();
        }

        lock (_databases)
        {
            _databases.Add(name);
        }

        return new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Stops and deletes the throwaway cluster, or drops the databases made on a given server.</summary>
    public static void StopIfStarted()
    {
        TestPostgres? shared;
        lock (Gate)
        {
            shared = _shared;
            _shared = null;
        }

        if (shared?._cluster is { } cluster)
        {
            cluster.Stop();
            return;
        }

        // A cluster the test script started and deletes whole: dropping hundreds of databases one by one
        // took minutes on a loaded machine, past the hang timeout, for nothing.
        if (Environment.GetEnvironmentVariable(ThrowawayVariable) != "1")
        {
            shared?.DropDatabases();
        }
    }

    /// <summary>A loopback port nothing listens on (just now).</summary>
    public static int FreePort() => Cluster.FreePortOnLoopback();

    private void DropDatabases()
    {
        NpgsqlConnection.ClearAllPools();
        using var connection = new NpgsqlConnection(_adminConnectionString);
        connection.Open();
        foreach (var name in _databases)
        {
            using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
            command.ExecuteNonQuery();
        }
    }

    private static TestPostgres Start()
    {
        var given = Environment.GetEnvironmentVariable(ServerVariable);
        if (!string.IsNullOrWhiteSpace(given))
        {
            return new TestPostgres(given, cluster: null);
        }

        var cluster = Cluster.Start();

        // The run's [SetUpFixture] stops it; this also does when the test host ends without its teardown.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => StopIfStarted();
        return new TestPostgres(cluster.ConnectionString, cluster);
    }

    /// <summary>A cluster in a temporary directory, owned by the user that runs it.</summary>
    private sealed class Cluster(string binaries, string directory, bool asPostgresUser, int port)
    {
        public string ConnectionString => $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres";

        public static Cluster Start()
        {
            var binaries = Directory.Exists("/usr/lib/postgresql")
                ? Directory.GetDirectories("/usr/lib/postgresql")
                    .Select(version => Path.Combine(version, "bin"))
                    .Where(bin => File.Exists(Path.Combine(bin, "initdb")))
                    .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var major) ? major : 0)
                    .FirstOrDefault()
                : null;
            if (binaries is null)
            {
                throw new InvalidOperationException(
                    $"PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb) and {ServerVariable} is not set: install Debian's postgresql package, or name a server");
            }

            var asPostgresUser = Environment.UserName == "root";
            var directory = asPostgresUser
                ? Run("runuser", ["-u", "postgres", "--", "mktemp", "-d", "/tmp/gameserver-pg.XXXXXX"]).Trim()
                : Directory.CreateTempSubdirectory("gameserver-pg.").FullName;
            var port = FreePortOnLoopback();
            var cluster = new Cluster(binaries, directory, asPostgresUser, port);
            var data = Path.Combine(directory, "data");
            cluster.Tool("initdb", ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"]);

            // The data of a throwaway cluster need survive no machine crash, so the disk is not flushed;
            // commits are still acknowledged only once written (synchronous_commit stays on), and a killed
            // GameServer loses nothing since the cluster keeps running.
            var settings = $"-p {port} -k {directory} -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c full_page_writes=off";
            cluster.Tool("pg_ctl", ["-D", data, "-l", Path.Combine(directory, "server.log"), "-w", "-t", "60", "-o", settings, "start"]);
            return cluster;
        }

        public void Stop()
        {
            NpgsqlConnection.ClearAllPools();
            try
            {
                Tool("pg_ctl", ["-D", Path.Combine(directory, "data"), "-m", "immediate", "-w", "stop"]);
            }
            finally
            {
                Directory.Delete(directory, recursive: true);
            }
        }

        private void Tool(string name, IReadOnlyList<string> arguments)
        {
            var tool = Path.Combine(binaries, name);
            if (asPostgresUser)
            {
                Run("runuser", ["-u", "postgres", "--", tool, .. arguments]);
            }
            else
            {
                Run(tool, arguments);
            }
        }

        public static int FreePortOnLoopback()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        private static string Run(string file, IReadOnlyList<string> arguments)
        {
            var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = "/tmp" };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
            {
                process.Kill(entireProcessTree: true);
                throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} did not finish in 2 minutes");
            }

            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed ({process.ExitCode}): {errors.Result}{output.Result}");
            }

            return output.Result;
        }
    }
}

using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using GameServer.CommandLine;
using GameServer.Protocol;
using GameServer.Protocol.Accounts;
using GameServer.Protocol.Client;
using GameServer.Protocol.Monsters;
using GameServer.Protocol.Players;

namespace GameServer.Tools.Benchmarks;

/// <summary>
/// The subscribers of <c>bench monsters --subscribers N --radius R</c>, in a process of their own so
/// that the measured process's CPU is the server's: N seeded users log in, each subscribes to the
/// monsters within R of its own player, and every entry that arrives (snapshot and patches) is checked
/// to lie within R of that player. Prints <c>ready</c> once all are subscribed, and after the window
/// one line of counts (<see cref="Result"/>).
/// </summary>
internal static class MonsterSubscribers
{
    public const string Name = "monster-subscribers";
    private const string Ready = "ready";

    /// <summary>What the subscribers received in the window, and how many entries lay out of range (which must be none).</summary>
    public sealed record Result(long Entries, long Frames, long Bytes, long LeftView, long OutOfRange, long SnapshotEntries);

    public static Command CreateCommand()
    {
        var url = new Option<string>("--url") { Description = "the server's WebSocket address", Required = true };
        var count = CommandLineOptions.Int("--count", 200, 1, 5000, "subscribers, seeded users bench000001 onwards");
        var radius = new Option<double>("--radius") { Description = "how far from its player each subscriber sees monsters", DefaultValueFactory = _ => 10 };
        var seconds = CommandLineOptions.Int("--seconds", 20, 1, 600, "seconds to listen once all are subscribed");
        var command = new Command(Name, "The subscribers of bench monsters --subscribers, which starts them in a process of their own.");
        command.Add(url);
        command.Add(count);
        command.Add(radius);
        command.Add(seconds);
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            new Uri(parseResult.GetRequiredValue(url)), parseResult.GetValue(count), parseResult.GetValue(radius), parseResult.GetValue(seconds), cancellationToken));
        return command;
    }

    /// <summary>Starts the subscribers' process and waits until every one is subscribed.</summary>
    public static async Task<Process> StartAsync(Uri url, int count, double radius, int seconds, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(ServerProcess.DotnetHost()) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "GameServer.dll"), "bench", Name, "--url", url.ToString(), "--count", $"{count}",
            "--radius", radius.ToString(CultureInfo.InvariantCulture), "--seconds", $"{seconds}",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the subscribers");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(3));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line == Ready)
            {
                return process;
            }
        }

        throw new InvalidOperationException("the subscribers ended before all were subscribed");
    }

    /// <summary>Reads the subscribers' counts once their window is over.</summary>
    public static async Task<Result> ResultAsync(Process process, CancellationToken cancellationToken)
    {
        var line = await process.StandardOutput.ReadLineAsync(cancellationToken) ?? throw new InvalidOperationException("the subscribers printed no result");
        await process.WaitForExitAsync(cancellationToken);
        return JsonSerializer.Deserialize<Result>(line) ?? throw new InvalidOperationException("an empty result");
    }

    private static async Task<int> RunAsync(Uri url, int count, double radius, int seconds, CancellationToken cancellationToken)
    {
        long entries = 0, frames = 0, bytes = 0, leftView = 0, outOfRange = 0, snapshotEntries = 0;
        var listening = false;
        var clients = new List<GameClient>();
        using var logins = new SemaphoreSlim(8);
        await Task.WhenAll(Enumerable.Range(1, count).Select(async number =>
        {
            await logins.WaitAsync(cancellationToken);
            try
            {
                var client = await GameClient.ConnectAsync(url, cancellationToken);
                var username = BenchmarkUsers.Username(number);
                await client.LoginAsync(username, BenchmarkUsers.Password, cancellationToken);
                var me = (await client.ListPlayersAsync(cancellationToken)).Single(p => p.Username == username);
                bool InRange(double x, double y) => Math.Sqrt(Math.Pow(x - me.PositionX, 2) + Math.Pow(y - me.PositionY, 2)) <= radius + 1e-9;
                client.NotificationReceived += notification =>
                {
                    if (!Volatile.Read(ref listening))
                    {
                        return;
                    }

                    Interlocked.Increment(ref frames);
                    Interlocked.Add(ref bytes, notification.Params.GetRawText().Length);
                    if (notification.Method == Methods.MonstersUpdated)
                    {
                        foreach (var monster in notification.Params.GetProperty("monsters").EnumerateArray())
                        {
                            Interlocked.Increment(ref entries);
                            if (!InRange(monster.GetProperty("position_x").GetDouble(), monster.GetProperty("position_y").GetDouble()))
                            {
                                Interlocked.Increment(ref outOfRange);
                            }
                        }
                    }
                    else if (notification.Method == Methods.MonstersLeftView)
                    {
                        Interlocked.Add(ref leftView, notification.Params.GetProperty("ids").GetArrayLength());
                    }
                };
                var snapshot = await client.SubscribeMonstersAsync(new MonstersSubscribeParams(radius), cancellationToken);
                Interlocked.Add(ref snapshotEntries, snapshot.Monsters.Count);
                Interlocked.Add(ref outOfRange, snapshot.Monsters.Count(m => !InRange(m.PositionX, m.PositionY)));
                lock (clients)
                {
                    clients.Add(client);
                }
            }
            finally
            {
                logins.Release();
            }
        }));

        Volatile.Write(ref listening, true);
        Console.WriteLine(Ready);
        await Task.Delay(TimeSpan.FromSeconds(seconds), cancellationToken);
        Volatile.Write(ref listening, false);
        Console.WriteLine(JsonSerializer.Serialize(new Result(entries, frames, bytes, leftView, outOfRange, snapshotEntries)));
        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }

        return 0;
    }
}

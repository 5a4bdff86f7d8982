using System.Text;
using System.Text.Json;
using GameServer.Players;
using GameServer.Protocol;
using GameServer.Protocol.Client;
using GameServer.Protocol.Players;
using GameServer.Tests.Support;
using GameServer.World;

namespace GameServer.Tests.Players;

/// <summary>
/// Over random sequences of changes (moves of one axis or both, presence, players new to the world),
/// the server's partial entries applied by a client give the same players as whole entries would:
/// in the .NET <see cref="PlayerView"/> and in <c>gameclient.js</c>'s <c>applyPlayerEntries</c>. The
/// compact form gives the same, positions rounded.
/// </summary>
public sealed class PlayerEntriesPropertyTests
{
    private const int Seeds = 25;
    private const int Patches = 40;

    [Test]
    [Category("Unit")]
    public void Partial_entries_give_the_same_view_as_whole_ones([Range(1, Seeds)] int seed)
    {
        var run = Run.Generate(seed);
        var (whole, partial, compact) = (new PlayerView(), new PlayerView(), new PlayerView());
        foreach (var view in new[] { whole, partial, compact })
        {
            view.Reset(run.Snapshot);
        }

        for (var i = 0; i < run.Whole.Count; i++)
        {
            whole.Apply(Notification(run.Whole[i]));
            partial.Apply(Notification(run.Partial[i]));
            compact.Apply(Notification(run.Compact[i]));
            Assert.That(Sorted(partial.Players), Is.EqualTo(Sorted(whole.Players)), $"after patch {i}");
            AssertWithinCompactPrecision(compact.Players, whole.Players, $"compact, after patch {i}");
        }

        Assert.That(Sorted(whole.Players), Is.EqualTo(Sorted(run.Truth)), "whole entries give the server's state");
    }

    [Test]
    [Category("Integration")]
    [CancelAfter(60_000)]
    public async Task Gameclient_js_applies_partial_entries_as_the_dotnet_view_does()
    {
        var runs = Enumerable.Range(1, Seeds).Select(Run.Generate).ToList();
        using var directory = new TempDirectory();
        var input = directory.File("runs.json");
        await File.WriteAllTextAsync(input, "[" + string.Join(",", runs.Select(r => r.ToJson())) + "]");
        const string Apply = """
            import { readFileSync } from "node:fs";
            const { applyPlayerEntries } = await import(process.argv[2]);
            const runs = JSON.parse(readFileSync(process.argv[3], "utf8"));
            const apply = (snapshot, frames) => {
              const players = new Map(snapshot.map((p) => [p.id, { ...p }]));
              for (const entries of frames) applyPlayerEntries(players, entries);
              return [...players.values()].sort((a, b) => a.id - b.id);
            };
            console.log(JSON.stringify(runs.map((r) => ({
              whole: apply(r.snapshot, r.whole), partial: apply(r.snapshot, r.partial), compact: apply(r.snapshot, r.compact),
            }))));
            """;

        var output = await NodeScript.RunAsync(Apply, NodeScript.Module("gameclient.js"), input);

        using var results = JsonDocument.Parse(output);
        for (var i = 0; i < runs.Count; i++)
        {
            var result = results.RootElement[i];
            var dotnet = new PlayerView();
            dotnet.Reset(runs[i].Snapshot);
            foreach (var frame in runs[i].Partial)
            {
                dotnet.Apply(Notification(frame));
            }

            Assert.That(Read(result, "partial"), Is.EqualTo(Read(result, "whole")), $"seed {i + 1}: partial entries in gameclient.js");
            Assert.That(Read(result, "partial"), Is.EqualTo(Sorted(dotnet.Players)), $"seed {i + 1}: gameclient.js and the .NET view");
            AssertWithinCompactPrecision(Read(result, "compact"), dotnet.Players, $"seed {i + 1}: compact entries in gameclient.js");
        }
    }

    private static List<PlayerInfo> Read(JsonElement result, string form) => Sorted(result.GetProperty(form).Deserialize(GameJsonContext.Default.IReadOnlyListPlayerInfo)!);

    private static List<PlayerInfo> Sorted(IEnumerable<PlayerInfo> players) => [.. players.OrderBy(p => p.Id)];

    /// <summary>Compact entries round positions, whole ones (and the snapshot) do not: the same players, each position within half a hundredth.</summary>
    private static void AssertWithinCompactPrecision(IEnumerable<PlayerInfo> compact, IEnumerable<PlayerInfo> exact, string message)
    {
        var (actual, expected) = (Sorted(compact), Sorted(exact));
        Assert.That(actual.Select(p => (p.Id, p.User, p.Username, p.Online)), Is.EqualTo(expected.Select(p => (p.Id, p.User, p.Username, p.Online))), message);
        for (var i = 0; i < actual.Count; i++)
        {
            Assert.That(actual[i].PositionX, Is.EqualTo(expected[i].PositionX).Within(0.005 + 1e-9), message);
            Assert.That(actual[i].PositionY, Is.EqualTo(expected[i].PositionY).Within(0.005 + 1e-9), message);
        }
    }

    private static GameNotification Notification(string entries)
    {
        using var document = JsonDocument.Parse($$"""{"players":{{entries}}}""");
        return new GameNotification(Methods.PlayersUpdated, document.RootElement.Clone());
    }

    /// <summary>One random history: the snapshot, then each patch's entries in the three forms, and the server's final state.</summary>
    private sealed record Run(PlayerList Snapshot, List<string> Whole, List<string> Partial, List<string> Compact, List<PlayerInfo> Truth)
    {
        public static Run Generate(int seed)
        {
            var random = new Random(seed);
            var players = Enumerable.Range(1, random.Next(1, 8)).Select(id => NewPlayer(random, id)).ToList();
            var snapshot = new PlayerList([.. players.Select(Info)]);
            var run = new Run(snapshot, [], [], [], []);
            var entries = new PatchEntries<PlayerInfo>(new PlayerEntryKind());
            for (var patch = 0; patch < Patches; patch++)
            {
                var changed = new Dictionary<int, PlayerFields>();
                for (var change = random.Next(0, 6); change > 0; change--)
                {
                    if (random.Next(10) == 0)
                    {
                        var added = NewPlayer(random, players.Count + 1);
                        players.Add(added);
                        changed[added.Id] = PlayerFields.All;
                        continue;
                    }

                    var player = players[random.Next(players.Count)];
                    var fields = random.Next(4) switch
                    {
                        0 => PlayerFields.PositionX,
                        1 => PlayerFields.PositionY,
                        2 => PlayerFields.Online,
                        _ => PlayerFields.PositionX | PlayerFields.PositionY,
                    };
                    if (fields.HasFlag(PlayerFields.PositionX))
                    {
                        player.X = Position(random);
                    }

                    if (fields.HasFlag(PlayerFields.PositionY))
                    {
                        player.Y = Position(random);
                    }

                    if (fields.HasFlag(PlayerFields.Online))
                    {
                        player.Online = !player.Online;
                    }

                    changed[player.Id] = changed.GetValueOrDefault(player.Id) | fields;
                }

                entries.Clear();
                var byId = players.ToDictionary(p => p.Id);
                run.Whole.Add(Frame(changed.Keys.Select(id => entries.Whole(id, Info(byId[id])).ToArray())));
                run.Partial.Add(Frame(changed.Select(c => entries.Changed(c.Key, Info(byId[c.Key]), (uint)c.Value, EntryForm.Partial).ToArray())));
                run.Compact.Add(Frame(changed.Select(c => entries.Changed(c.Key, Info(byId[c.Key]), (uint)c.Value, EntryForm.Compact).ToArray())));
            }

            run.Truth.AddRange(players.Select(Info));
            return run;
        }

        public string ToJson() =>
            $$"""{"snapshot":{{JsonSerializer.Serialize(Snapshot.Players, GameJsonContext.Default.IReadOnlyListPlayerInfo)}},"whole":[{{string.Join(",", Whole)}}],"partial":[{{string.Join(",", Partial)}}],"compact":[{{string.Join(",", Compact)}}]}""";

        private static string Frame(IEnumerable<byte[]> entries) => "[" + string.Join(",", entries.Select(e => Encoding.UTF8.GetString(e))) + "]";

        private static PlayerInfo Info(PlayerState p) => new(p.Id, p.User, p.Username, p.X, p.Y, p.Online);

        private static PlayerState NewPlayer(Random random, int id) =>
            new(new PlayerRecord { Id = id, User = 100 + id, Username = $"player{id}", PositionX = Position(random), PositionY = Position(random) }) { Online = random.Next(2) == 0 };

        // Whole numbers, halves, the walls and full-precision fractions: the shortest form of each must read back exactly.
        private static double Position(Random random) => random.Next(4) switch
        {
            0 => random.Next(0, 11),
            1 => random.Next(0, 21) / 2.0,
            2 => random.Next(2) * 10.0,
            _ => random.NextDouble() * 10,
        };
    }
}

using System.Text;
using System.Text.Json;
using GameServer.Monsters;
using GameServer.Protocol;
using GameServer.Protocol.Client;
using GameServer.Protocol.Monsters;
using GameServer.Tests.Support;
using GameServer.World;

namespace GameServer.Tests.Monsters;

/// <summary>
/// Over random sequences of monster changes, partial entries applied by a client give the same monsters
/// as whole entries: in the .NET <see cref="MonsterView"/> and in <c>monsterentries.js</c>.
/// </summary>
public sealed class MonsterEntriesPropertyTests
{
    private const int Seeds = 25;
    private const int Patches = 40;

    [Test]
    [Category("Unit")]
    public void Partial_entries_give_the_same_view_as_whole_ones([Range(1, Seeds)] int seed)
    {
        var run = Run.Generate(seed);
        var (whole, partial) = (new MonsterView(), new MonsterView());
        whole.Reset(run.Snapshot);
        partial.Reset(run.Snapshot);
        for (var i = 0; i < run.Whole.Count; i++)
        {
            whole.Apply(Notification(run.Whole[i]));
            partial.Apply(Notification(run.Partial[i]));
            Assert.That(Sorted(partial.Monsters), Is.EqualTo(Sorted(whole.Monsters)), $"after patch {i}");
        }

        Assert.That(Sorted(whole.Monsters), Is.EqualTo(Sorted(run.Truth)), "whole entries give the server's state");
    }

    [Test]
    [Category("Integration")]
    [CancelAfter(60_000)]
    public async Task Monsterentries_js_applies_partial_entries_as_the_dotnet_view_does()
    {
        var runs = Enumerable.Range(1, Seeds).Select(Run.Generate).ToList();
        using var directory = new TempDirectory();
        var input = directory.File("runs.json");
        await File.WriteAllTextAsync(input, "[" + string.Join(",", runs.Select(r => r.ToJson())) + "]");
        const string Apply = """
            import { readFileSync } from "node:fs";
            const { applyMonsterEntries } = await import(process.argv[2]);
            const runs = JSON.parse(readFileSync(process.argv[3], "utf8"));
            const apply = (snapshot, frames) => {
              const monsters = new Map(snapshot.map((m) => [m.id, { ...m }]));
              for (const entries of frames) applyMonsterEntries(monsters, entries);
              return [...monsters.values()].sort((a, b) => a.id - b.id);
            };
            console.log(JSON.stringify(runs.map((r) => ({ whole: apply(r.snapshot, r.whole), partial: apply(r.snapshot, r.partial) }))));
            """;

        var output = await NodeScript.RunAsync(Apply, NodeScript.Module("monsterentries.js"), input);

        using var results = JsonDocument.Parse(output);
        for (var i = 0; i < runs.Count; i++)
        {
            var result = results.RootElement[i];
            Assert.That(Read(result, "partial"), Is.EqualTo(Read(result, "whole")), $"seed {i + 1}: partial entries in monsterentries.js");
            Assert.That(Read(result, "whole"), Is.EqualTo(Sorted(runs[i].Truth)), $"seed {i + 1}: monsterentries.js and the server");
        }
    }

    private static List<Monster> Read(JsonElement result, string form) => Sorted(result.GetProperty(form).Deserialize(GameJsonContext.Default.IReadOnlyListMonster)!);

    private static List<Monster> Sorted(IEnumerable<Monster> monsters) => [.. monsters.OrderBy(m => m.Id)];

    private static GameNotification Notification(string entries)
    {
        using var document = JsonDocument.Parse($$"""{"monsters":{{entries}}}""");
        return new GameNotification(Methods.MonstersUpdated, document.RootElement.Clone());
    }

    /// <summary>One random history: the snapshot, then each patch's entries whole and partial, and the final state.</summary>
    private sealed record Run(MonsterSnapshot Snapshot, List<string> Whole, List<string> Partial, List<Monster> Truth)
    {
        private static readonly string[] States = ["wandering", "attacking", "looking_for_aid", "evading"];

        public static Run Generate(int seed)
        {
            var random = new Random(seed);
            var kind = new MonsterEntryKind();
            var monsters = Enumerable.Range(1, random.Next(1, 8)).Select(id => NewMonster(random, id)).ToDictionary(m => m.Id);
            var run = new Run(new MonsterSnapshot([.. monsters.Values], 0), [], [], []);
            var entries = new PatchEntries<Monster>(kind);
            for (var patch = 0; patch < Patches; patch++)
            {
                var before = new Dictionary<int, Monster>(monsters);
                for (var change = random.Next(0, 6); change > 0; change--)
                {
                    var id = random.Next(10) == 0 ? monsters.Count + 1 : random.Next(1, monsters.Count + 1);
                    monsters[id] = Change(random, monsters.GetValueOrDefault(id) ?? NewMonster(random, id));
                }

                entries.Clear();
                var changed = monsters.Values.Where(m => !before.TryGetValue(m.Id, out var was) || kind.Differences(was, m) != 0).ToList();
                run.Whole.Add(Frame(changed.Select(m => entries.Whole(m.Id, m).ToArray())));
                run.Partial.Add(Frame(changed.Select(m => before.TryGetValue(m.Id, out var was)
                    ? entries.Changed(m.Id, m, kind.Differences(was, m), EntryForm.Partial).ToArray()
                    : entries.Whole(m.Id, m).ToArray())));
            }

            run.Truth.AddRange(monsters.Values);
            return run;
        }

        public string ToJson() =>
            $$"""{"snapshot":{{JsonSerializer.Serialize(Snapshot.Monsters, GameJsonContext.Default.IReadOnlyListMonster)}},"whole":[{{string.Join(",", Whole)}}],"partial":[{{string.Join(",", Partial)}}]}""";

        private static string Frame(IEnumerable<byte[]> entries) => "[" + string.Join(",", entries.Select(e => Encoding.UTF8.GetString(e))) + "]";

        private static Monster NewMonster(Random random, int id) => new(id, "wandering", 10, "wandering", 10, null, Position(random), Position(random));

        private static Monster Change(Random random, Monster monster)
        {
            var state = random.Next(States.Length);
            return random.Next(5) switch
            {
                0 => monster with { PositionX = Position(random) },
                1 => monster with { PositionX = Position(random), PositionY = Position(random) },
                2 => monster with { HealthPoints = random.Next(0, 11) },
                3 => monster with { State = States[state], StateCode = (state + 1) * 10, StateDisplay = States[state] },
                _ => monster with { UserBeingAttacked = random.Next(2) == 0 ? null : random.Next(1, 50) },
            };
        }

        // Whole numbers, halves and full-precision fractions: the shortest form of each must read back exactly.
        private static double Position(Random random) => random.Next(3) switch
        {
            0 => random.Next(0, 11),
            1 => random.Next(0, 21) / 2.0,
            _ => random.NextDouble() * 10,
        };
    }
}

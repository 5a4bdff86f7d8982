using System.Reflection;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using GameServer.Tools.Benchmarks.Micro;

namespace GameServer.Tests.Tools.Benchmarks;

/// <summary>
/// The micro-benchmarks run as BenchmarkDotNet would call them (setup, the measured method, cleanup),
/// without BenchmarkDotNet, so they cannot rot between two measurements; and what they measure is
/// the work they claim (a move applied, not refused; a patch written to every subscriber).
/// </summary>
[Category("Integration")]
[CancelAfter(120_000)]
public sealed class MicroBenchmarkTests
{
    public static IEnumerable<TestCaseData> EveryBenchmark() =>
        from type in MicroBenchmarks.Types
        from method in type.GetMethods().Where(m => m.IsDefined(typeof(BenchmarkAttribute)))
        from parameters in Combinations(type)
        select new TestCaseData(method, parameters)
            .SetName($"{type.Name}.{method.Name}({string.Join(", ", parameters.Select(p => $"{p.Name}={p.Value}"))})");

    [TestCaseSource(nameof(EveryBenchmark))]
    public async Task Sets_up_runs_once_and_cleans_up(MethodInfo benchmark, BenchmarkParameter[] parameters)
    {
        var instance = Activator.CreateInstance(benchmark.DeclaringType!)!;
        foreach (var parameter in parameters)
        {
            benchmark.DeclaringType!.GetProperty(parameter.Name)!.SetValue(instance, parameter.Value);
        }

        Invoke<GlobalSetupAttribute>(instance);
        try
        {
            var result = benchmark.Invoke(instance, null);
            if (result is Task running)
            {
                await running.WaitAsync(TimeSpan.FromSeconds(30));
            }
        }
        finally
        {
            Invoke<GlobalCleanupAttribute>(instance);
        }
    }

    [Test]
    public void Every_benchmark_class_is_run_by_the_command()
    {
        var declared = typeof(MicroBenchmarks).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(MicroBenchmarks).Namespace && t.GetMethods().Any(m => m.IsDefined(typeof(BenchmarkAttribute))));

        Assert.That(MicroBenchmarks.Types, Is.EquivalentTo(declared));
    }

    [Test]
    public async Task A_measured_move_is_applied_not_refused()
    {
        var benchmarks = new DispatchBenchmarks();
        benchmarks.Setup();
        try
        {
            var user = benchmarks.Session.User!.Id;
            var before = benchmarks.Server.World.PositionOf(user)!.Value;
            Assume.That(before.X is > 1 and < 99 && before.Y is > 1 and < 99, "the player stands clear of the edges");

            // There and back 20 times, then one more step: past the default burst of 20 moves, so a
            // refused move would leave the player elsewhere.
            for (var i = 0; i < 41; i++)
            {
                await benchmarks.Move();
            }

            var after = benchmarks.Server.World.PositionOf(user)!.Value;
            Assert.That(after.X, Is.EqualTo(before.X + 0.5).Within(1e-9));
            Assert.That(after.Y, Is.EqualTo(before.Y - 0.25).Within(1e-9));
        }
        finally
        {
            benchmarks.Cleanup();
        }
    }

    [Test]
    public async Task A_measured_ping_has_its_reply_written()
    {
        var benchmarks = new DispatchBenchmarks();
        benchmarks.Setup();
        try
        {
            var before = benchmarks.Server.BytesSent;

            await benchmarks.Ping();

            // {"jsonrpc":"2.0","id":1,"result":{...}} and the frame's header: written before Ping returns.
            Assert.That(benchmarks.Server.BytesSent - before, Is.GreaterThan(30));
        }
        finally
        {
            benchmarks.Cleanup();
        }
    }

    [Test]
    public void A_measured_whole_world_patch_is_written_to_every_subscriber()
    {
        var benchmarks = new PatchBenchmarks { Subscribers = 20, Subscription = PatchBenchmarks.View.WholeWorld };
        benchmarks.Setup();
        try
        {
            var before = benchmarks.Server.BytesSent;

            benchmarks.MoveHalfAndPatch();

            // 20 frames of 10 moved players each, every entry well over 40 bytes.
            Assert.That(benchmarks.Server.BytesSent - before, Is.GreaterThan(20 * 10 * 40));
        }
        finally
        {
            benchmarks.Cleanup();
        }
    }

    [Test]
    public void The_notifications_are_JSON_RPC_notifications_of_their_method()
    {
        var benchmarks = new NotificationBenchmarks();
        benchmarks.Setup();

        string[] methods =
        [
            Method(benchmarks.ChatMessage()),
            Method(benchmarks.MonstersUpdated100()),
            Method(benchmarks.PlayersLeftView()),
        ];

        Assert.That(methods, Is.EqualTo(new[] { "chat.message", "monsters.updated", "players.left_view" }));
    }

    [Test]
    public void The_command_runs_the_short_job_over_everything_by_default_and_refuses_an_unknown_job()
    {
        var command = MicroBenchmarks.Create();

        var defaults = command.Parse([]);
        var unknown = command.Parse(["--job", "long"]);

        Assert.That(defaults.Errors, Is.Empty);
        Assert.That(defaults.GetValue<string[]>("--filter"), Is.Null.Or.Empty, "left out: every benchmark");
        Assert.That(defaults.GetValue<string>("--job"), Is.EqualTo("short"));
        Assert.That(unknown.Errors, Is.Not.Empty);
    }

    private static string Method(GameServer.Realtime.OutboundMessage message)
    {
        using var document = JsonDocument.Parse(message.Payload);
        Assert.That(document.RootElement.TryGetProperty("id", out _), Is.False, "a notification has no id");
        return document.RootElement.GetProperty("method").GetString()!;
    }

    private static void Invoke<TAttribute>(object instance)
        where TAttribute : Attribute
    {
        foreach (var method in instance.GetType().GetMethods().Where(m => m.IsDefined(typeof(TAttribute))))
        {
            method.Invoke(instance, null);
        }
    }

    /// <summary>Every combination of the class's <c>[Params]</c> values, as BenchmarkDotNet runs them.</summary>
    private static IEnumerable<BenchmarkParameter[]> Combinations(Type type)
    {
        IEnumerable<BenchmarkParameter[]> combinations = [[]];
        foreach (var property in type.GetProperties().Where(p => p.IsDefined(typeof(ParamsAttribute))))
        {
            var values = property.GetCustomAttribute<ParamsAttribute>()!.Values;
            combinations = [.. combinations.SelectMany(c => values.Select(v => (BenchmarkParameter[])[.. c, new BenchmarkParameter(property.Name, v!)]))];
        }

        return combinations;
    }

    /// <summary>One <c>[Params]</c> property and the value a run sets it to.</summary>
    public sealed record BenchmarkParameter(string Name, object Value);
}

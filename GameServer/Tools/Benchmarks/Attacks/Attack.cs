using System.Globalization;
using System.Net.WebSockets;
using System.Text;

namespace GameServer.Tools.Benchmarks.Attacks;

/// <summary>
/// The attacks of issue 10, as one machine with no special tools would make them. Each runs until its
/// token fires and tallies what the server answered; every loop is bounded by that token and by the
/// number of connections it opens.
/// </summary>
internal sealed record Attack(string Name, string What, Func<Uri, AttackTally, CancellationToken, Task> RunAsync)
{
    private const int FloodConnections = 32;
    private const int CallsPerFrame = 20;

    public static IReadOnlyList<Attack> All(double radius, int connections) =>
    [
        new("none", "no attack: the victims alone", (_, _, ct) => IdleAsync(ct)),
        new("login flood", $"{FloodConnections} anonymous connections, frames of {CallsPerFrame} auth.login with a wrong password", LoginFloodAsync),
        new("registration flood", $"{FloodConnections} anonymous connections, frames of {CallsPerFrame} auth.register", RegistrationFloodAsync),
        new("batch", "3 players: a batch of 400 chat.history {limit: 200}, then batches of 20 in a loop", BatchAsync),
        new("radius", $"20 players: players.subscribe {{radius: {radius:G3}}} (then the largest allowed), moving", (a, t, ct) => RadiusAsync(a, t, radius, ct)),
        new("connections", $"{connections} sockets opened and held, 64 at a time", (a, t, ct) => ConnectionsAsync(a, t, connections, ct)),
    ];

    private static async Task IdleAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static Task LoginFloodAsync(Uri address, AttackTally tally, CancellationToken cancellationToken) =>
        FloodAsync(address, tally, _ => Call("auth.login", """{"username":"victim000","password":"not the password"}"""), cancellationToken);

    private static Task RegistrationFloodAsync(Uri address, AttackTally tally, CancellationToken cancellationToken) =>
        FloodAsync(address, tally, n => Call("auth.register", $$"""{"username":"flood{{n}}","password":"{{AttackBenchmark.Password}}"}"""), cancellationToken);

    private static async Task BatchAsync(Uri address, AttackTally tally, CancellationToken cancellationToken)
    {
        await Task.WhenAll(Enumerable.Range(0, 3).Select(async n =>
        {
            await using var socket = await AttackSocket.ConnectAsync(address, cancellationToken);
            await LogInAsync(socket, $"batcher{n}", cancellationToken);
            await RepeatAsync(socket, tally, first: Batch(400, _ => Call("chat.history", """{"limit":200}""")),
                next: _ => Batch(CallsPerFrame, _ => Call("chat.history", """{"limit":200}""")), cancellationToken);
        }));
    }

    private static async Task RadiusAsync(Uri address, AttackTally tally, double radius, CancellationToken cancellationToken)
    {
        await Task.WhenAll(Enumerable.Range(0, 20).Select(async n =>
        {
            await using var socket = await AttackSocket.ConnectAsync(address, cancellationToken);
            await LogInAsync(socket, $"watcher{n}", cancellationToken);
            var huge = await socket.CallAsync(Call("players.subscribe", $$"""{"radius":{{radius.ToString("R", CultureInfo.InvariantCulture)}}}"""), cancellationToken);
            if (huge is null)
            {
                tally.Count("closed");
                return;
            }

            tally.Answer(huge);
            if (huge.Codes is [not 0])
            {
                tally.Answer(await socket.CallAsync(Call("players.subscribe", """{"radius":141}"""), cancellationToken) ?? new AttackAnswer(0, []));
            }

            var step = 0;
            await RepeatAsync(socket, tally, first: null, next: _ => Call("players.move", (step++ % 2 == 0) ? """{"dx":1,"dy":0}""" : """{"dx":-1,"dy":0}"""), cancellationToken, pace: TimeSpan.FromMilliseconds(100));
        }));
    }

    private static async Task ConnectionsAsync(Uri address, AttackTally tally, int count, CancellationToken cancellationToken)
    {
        var open = new List<AttackSocket>();
        using var gate = new SemaphoreSlim(64);
        try
        {
            await Task.WhenAll(Enumerable.Range(0, count).Select(async _ =>
            {
                await gate.WaitAsync(cancellationToken);
                try
                {
                    var (socket, status) = await AttackSocket.TryConnectAsync(address, cancellationToken);
                    if (socket is null)
                    {
                        tally.Count(status == 0 ? "failed" : $"refused {status}");
                        return;
                    }

                    lock (open)
                    {
                        open.Add(socket);
                    }

                    tally.Count("accepted");
                }
                finally
                {
                    gate.Release();
                }
            }));
            await IdleAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            tally.Count("closed by server", open.Count(s => !s.IsOpen));
            foreach (var socket in open)
            {
                await socket.DisposeAsync();
            }
        }
    }

    private static async Task FloodAsync(Uri address, AttackTally tally, Func<long, string> call, CancellationToken cancellationToken)
    {
        long sent = 0;
        await Task.WhenAll(Enumerable.Range(0, FloodConnections).Select(async _ =>
        {
            await using var socket = await AttackSocket.ConnectAsync(address, cancellationToken);
            await RepeatAsync(socket, tally, first: null, next: _ => Batch(CallsPerFrame, _ => call(Interlocked.Increment(ref sent))), cancellationToken);
        }));
    }

    /// <summary>Sends a frame, reads its answer, again and again until the token fires or the server closes.</summary>
    private static async Task RepeatAsync(AttackSocket socket, AttackTally tally, string? first, Func<int, string> next, CancellationToken cancellationToken, TimeSpan pace = default)
    {
        try
        {
            for (var round = 0; !cancellationToken.IsCancellationRequested; round++)
            {
                var answer = await socket.CallAsync(round == 0 && first is not null ? first : next(round), cancellationToken);
                if (answer is null)
                {
                    tally.Count("closed");
                    return;
                }

                tally.Answer(answer);
                if (pace > TimeSpan.Zero)
                {
                    await Task.Delay(pace, cancellationToken);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // The phase ended, or the server dropped the attacker: both are outcomes, not failures of the bench.
            if (e is WebSocketException)
            {
                tally.Count("dropped");
            }
        }
    }

    private static async Task LogInAsync(AttackSocket socket, string username, CancellationToken cancellationToken)
    {
        var credentials = $$"""{"username":"{{username}}","password":"{{AttackBenchmark.Password}}"}""";
        var answer = await socket.CallAsync(Call("auth.register", credentials), cancellationToken);
        if (answer?.Codes is not [0])
        {
            answer = await socket.CallAsync(Call("auth.login", credentials), cancellationToken);
        }

        if (answer?.Codes is not [0])
        {
            throw new InvalidOperationException($"the attacker {username} could not log in");
        }
    }

    private static int _id;

    private static string Call(string method, string parameters) =>
        $$"""{"jsonrpc":"2.0","id":{{Interlocked.Increment(ref _id)}},"method":"{{method}}","params":{{parameters}}}""";

    private static string Batch(int count, Func<int, string> call)
    {
        var frame = new StringBuilder("[");
        for (var i = 0; i < count; i++)
        {
            frame.Append(i == 0 ? "" : ",").Append(call(i));
        }

        return frame.Append(']').ToString();
    }
}

using System.Globalization;

namespace GameServer.Tools.Bots;

/// <summary>What a bot does once it has logged in and subscribed to the players it sees.</summary>
internal enum Behaviour
{
    /// <summary>Steps at <c>--rate</c> in random directions.</summary>
    Walk,

    /// <summary>Subscribes to the chat and says something every few seconds.</summary>
    Chat,

    /// <summary>Subscribes to the monsters, walks to the nearest and strikes it.</summary>
    Hunt,

    /// <summary>Reads its inventory every few seconds.</summary>
    Shop,

    /// <summary>Connected and logged in, sends nothing.</summary>
    Idle,
}

/// <summary>
/// Weights of the behaviours, as in <c>walk=6,chat=1,hunt=2,shop=1,idle=0</c>. Bot <c>n</c> gets its
/// behaviour by its number, not by chance, so the same command gives every user the same part.
/// </summary>
internal sealed record BehaviourMix(IReadOnlyDictionary<Behaviour, int> Weights)
{
    public const int MaxWeight = 1000;

    public static BehaviourMix WalkOnly { get; } = new(new Dictionary<Behaviour, int> { [Behaviour.Walk] = 1 });

    public int Total => Weights.Values.Sum();

    /// <summary>The behaviour of bot <paramref name="bot"/>: the weights laid out in order, repeated.</summary>
    public Behaviour Of(int bot)
    {
        var slot = bot % Total;
        foreach (var behaviour in Enum.GetValues<Behaviour>())
        {
            slot -= Weights.GetValueOrDefault(behaviour);
            if (slot < 0)
            {
                return behaviour;
            }
        }

        throw new InvalidOperationException("the weights do not add up");
    }

    /// <summary>Reads <c>name=weight,...</c>; null with <paramref name="error"/> for a bad name or weight, or when every weight is 0.</summary>
    public static BehaviourMix? Parse(string text, out string error)
    {
        var weights = new Dictionary<Behaviour, int>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pair = part.Split('=');
            if (pair.Length != 2 || !pair[0].All(char.IsAsciiLetter) || !Enum.TryParse<Behaviour>(pair[0], ignoreCase: true, out var behaviour) || !Enum.IsDefined(behaviour)
                || !int.TryParse(pair[1], NumberStyles.None, CultureInfo.InvariantCulture, out var weight) || weight > MaxWeight
                || !weights.TryAdd(behaviour, weight))
            {
                error = $"'{part}' is not behaviour=weight, each once, with a behaviour of walk, chat, hunt, shop, idle and a weight of 0 to {MaxWeight}";
                return null;
            }
        }

        error = weights.Values.Sum() > 0 ? "" : "give at least one behaviour a weight above 0";
        return error.Length == 0 ? new BehaviourMix(weights) : null;
    }

    /// <summary>How many of <paramref name="count"/> bots numbered from 0 do each behaviour.</summary>
    public IReadOnlyDictionary<Behaviour, int> Split(int count) =>
        Enumerable.Range(0, count).GroupBy(Of).ToDictionary(g => g.Key, g => g.Count());

    public override string ToString() =>
        string.Join(',', Enum.GetValues<Behaviour>().Where(Weights.ContainsKey).Select(b => string.Create(CultureInfo.InvariantCulture, $"{b.ToString().ToLowerInvariant()}={Weights[b]}")));
}

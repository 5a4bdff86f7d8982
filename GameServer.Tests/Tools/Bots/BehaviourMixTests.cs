using GameServer.Tools.Bots;

namespace GameServer.Tests.Tools.Bots;

[Category("Unit")]
public sealed class BehaviourMixTests
{
    [Test]
    public void Bots_get_their_behaviours_in_proportion_to_the_weights()
    {
        var mix = BehaviourMix.Parse("walk=6,chat=1,hunt=2,shop=1,idle=0", out var error);

        Assert.That(mix, Is.Not.Null, error);
        Assert.That(mix!.Split(100), Is.EquivalentTo(new Dictionary<Behaviour, int>
        {
            [Behaviour.Walk] = 60, [Behaviour.Chat] = 10, [Behaviour.Hunt] = 20, [Behaviour.Shop] = 10,
        }));
        Assert.That(mix.ToString(), Is.EqualTo("walk=6,chat=1,hunt=2,shop=1,idle=0"));
    }

    [Test]
    public void A_bot_keeps_its_behaviour_from_run_to_run() =>
        Assert.That(Enumerable.Range(0, 20).Select(BehaviourMix.Parse("idle=1,walk=3", out _)!.Of),
            Is.EqualTo(Enumerable.Range(0, 20).Select(BehaviourMix.Parse("walk=3,idle=1", out _)!.Of)));

    [TestCase("walk=1,fly=2", TestName = "An unknown behaviour")]
    [TestCase("walk=-1", TestName = "A negative weight")]
    [TestCase("walk", TestName = "No weight")]
    [TestCase("walk=1,walk=2", TestName = "A behaviour twice")]
    [TestCase("0=1", TestName = "A behaviour by number")]
    [TestCase("walk=0,idle=0", TestName = "Nothing to do")]
    public void Bad_mixes_are_refused(string text)
    {
        Assert.That(BehaviourMix.Parse(text, out var error), Is.Null);
        Assert.That(error, Is.Not.Empty);
    }
}

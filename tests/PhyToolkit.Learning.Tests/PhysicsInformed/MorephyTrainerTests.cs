using PhyToolkit.Learning.PhysicsInformed;
using PhyToolkit.Optimization.MultiObjective;

namespace PhyToolkit.Learning.Tests.PhysicsInformed;

/// <summary>The Morephy-Net loop on a tiny Burgers case (4 inputs, 8 sensors, a 2-layer width-8 DeepONet, K = 4).</summary>
public class MorephyTrainerTests
{
    private static readonly BurgersSolverOptions Solver = new() { ViscosityNu = 0.05, GridPoints = 32, TimeStep = 2e-3 };
    private static readonly DeepONetOptions Net = new() { Sensors = 8, HiddenWidth = 8, HiddenLayers = 2, Latent = 4, FourierFeatures = 2 };
    private static readonly MorephyOptions Tiny = new()
    {
        PopulationSize = 4, Generations = 4, LocalSteps = 5, BatchFunctions = 2, CollocationPoints = 8, ValidationFunctions = 4,
        PosteriorSteps = 10, PosteriorThinning = 1,
    };

    private static BurgersOperatorDataset Data() => BurgersOperatorDataset.Generate(4, 8, 8, 0.05, Solver, 5, 0.2, 11);

    private static readonly Lazy<(DeepONet Net, MorephyResult Result)> Forward = new(() =>
    {
        var net = new DeepONet(Net, 1);
        return (net, new MorephyTrainer(Tiny).Train(net, Data(), 0.05, 2));
    });

    // Both objectives of the population (on the fixed validation batch) fall: the smallest data loss and the smallest
    // physics + initial-condition loss after 4 generations are below 0.8 of the initial population's (a margin well
    // outside the generation-to-generation jitter of this seed, where both fall by more than half).
    [Fact]
    [Trait("Category", "Slow")]   // one training run of the tiny case, ≈ 2 s on an idle core and far more on a loaded one
    public void TheLoopLowersBothLosses()
    {
        var h = Forward.Value.Result.History;
        Assert.Equal(2 * (Tiny.Generations + 1), h.Length);
        Assert.True(h[^2] < 0.8 * h[0], $"data loss {h[0]} → {h[^2]}");
        Assert.True(h[^1] < 0.8 * h[1], $"physics loss {h[1]} → {h[^1]}");
        Assert.Equal(0, Forward.Value.Result.RejectedPhases);
    }

    // The knee is a member of the returned front, the front is mutually non-dominated, every other individual is
    // dominated by a front member, and the knee is the front member ParetoMetrics.KneePoint picks.
    [Fact]
    [Trait("Category", "Slow")]   // shares the training run above
    public void TheKneePointLiesOnTheReturnedFront()
    {
        var r = Forward.Value.Result;
        Assert.Contains(r.KneeIndex, r.ParetoFront);
        var f = r.Objectives;
        foreach (int i in r.ParetoFront)
            foreach (int j in r.ParetoFront)
                Assert.False(Pareto.Dominates(f.AsSpan(2 * i, 2), f.AsSpan(2 * j, 2)), $"{i} dominates {j} inside the front");
        for (int i = 0; i < r.PopulationSize; i++)
            if (!r.ParetoFront.Contains(i))
                Assert.Contains(r.ParetoFront, j => Pareto.Dominates(f.AsSpan(2 * j, 2), f.AsSpan(2 * i, 2)));
        Assert.Equal(r.KneeIndex, r.ParetoFront[ParetoMetrics.KneePoint(r.FrontObjectives())]);
        Assert.Equal(5, r.SampleCount);                                  // 10 steps, burn-in 5, thinning 1
        Assert.Equal(r.Dimension, Forward.Value.Net.ParameterCount);
        Assert.Throws<InvalidOperationException>(() => r.ViscositySamples());
    }

    // Inverse problem on the tiny case: the state gains log ν; the ν samples are exp of that coordinate, positive, not all
    // equal (the chain moves), and a second run with the same seed reproduces them bit for bit.
    [Fact]
    [Trait("Category", "Slow")]   // two one-generation runs of the tiny case
    public void TrainableViscosityGivesAPosteriorOfNu()
    {
        var net = new DeepONet(Net, 3);
        var options = Tiny with { Generations = 1 };
        var r = new MorephyTrainer(options).Train(net, Data(), 0.1, 4, trainableViscosity: true);
        Assert.True(r.TrainableViscosity);
        Assert.Equal(net.ParameterCount + 1, r.Dimension);
        var nu = r.ViscositySamples();
        Assert.Equal(r.SampleCount, nu.Length);
        for (int s = 0; s < nu.Length; s++)
        {
            Assert.True(nu[s] > 0);
            Assert.Equal(Math.Log(nu[s]), r.PosteriorSamples[(s + 1) * r.Dimension - 1], 12);
        }
        Assert.True(nu.Max() > nu.Min(), "the ν chain did not move");
        var again = new MorephyTrainer(options).Train(net, Data(), 0.1, 4, trainableViscosity: true);
        Assert.Equal(nu, again.ViscositySamples());
        var (low, high) = PosteriorPredictive.QuantileInterval(nu);
        Assert.InRange(nu.Average(), low, high);
    }

    [Fact]
    public void BadInputIsRefusedWithTheFieldNamed()
    {
        Assert.Equal("PopulationSize", Assert.Throws<ArgumentOutOfRangeException>(() => new MorephyTrainer(Tiny with { PopulationSize = 3 })).ParamName);
        Assert.Equal("HighTemperature", Assert.Throws<ArgumentOutOfRangeException>(() => new MorephyTrainer(Tiny with { HighTemperature = 0.5 })).ParamName);
        Assert.Equal("PosteriorThinning", Assert.Throws<ArgumentOutOfRangeException>(() => new MorephyTrainer(Tiny with { PosteriorThinning = 6 })).ParamName);
        var trainer = new MorephyTrainer(Tiny);
        var net = new DeepONet(Net, 1);
        Assert.Equal("viscosityNu", Assert.Throws<ArgumentOutOfRangeException>(() => trainer.Train(net, Data(), 0, 1)).ParamName);
        Assert.Equal("viscosityNu", Assert.Throws<ArgumentOutOfRangeException>(() => trainer.Train(net, Data(), -0.01, 1)).ParamName);
        var other = BurgersOperatorDataset.Generate(4, 16, 8, 0.05, Solver, 5, 0.2, 11);
        var e = Assert.Throws<ArgumentException>(() => trainer.Train(net, other, 0.05, 1));
        Assert.Equal("data", e.ParamName);
        Assert.Contains("16 sensors", e.Message, StringComparison.Ordinal);
    }
}

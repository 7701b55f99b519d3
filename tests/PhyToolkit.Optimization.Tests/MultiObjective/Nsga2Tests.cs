using PhyToolkit.Core.Random;
using PhyToolkit.Optimization.MultiObjective;
using PhyToolkit.Optimization.Swarm;
using Xunit.Abstractions;

namespace PhyToolkit.Optimization.Tests.MultiObjective;

public class Nsga2Tests(ITestOutputHelper output)
{
    // Claim 3 of the Morephy-Net reproduction plan (docs/morephy.md): on ZDT1 and ZDT2 with 30 variables, population 100
    // and 200 generations, the final front is within IGD 1e-2 of the analytic front (1000 reference points); the returned
    // front is mutually non-dominated and the archive hypervolume never decreases.
    [Theory]
    [InlineData(1, 101ul)]
    [InlineData(2, 202ul)]
    public void ReachesTheZdtFront(int variant, ulong seed)
    {
        var problem = new Zdt(variant);
        var engine = new Nsga2(new Nsga2Options { PopulationSize = 100, Generations = 200 });
        var result = engine.Minimize(problem, BoxBounds.Uniform(30, 0, 1), seed, new double[] { 1.1, 1.1 });

        var front = result.FrontObjectives();
        double igd = ParetoMetrics.InvertedGenerationalDistance(problem.TrueFront(1000), front, 2);
        output.WriteLine($"ZDT{variant}: |F0| = {result.ParetoFront.Length}, IGD = {igd:E3}, archive {result.Archive.Count}, HV {result.HypervolumeHistory[^1]:F5}");
        Assert.True(igd < 1e-2, $"IGD {igd}");

        Assert.Equal(result.ParetoFront.Length, Pareto.NonDominatedIndices(front, 2).Length);
        Assert.Equal(201, result.HypervolumeHistory.Length);
        for (int g = 1; g < result.HypervolumeHistory.Length; g++)
            Assert.True(result.HypervolumeHistory[g] >= result.HypervolumeHistory[g - 1], $"hypervolume fell at generation {g}");
        Assert.Equal(201, problem.Calls);           // one batch call per generation plus the initial population
        Assert.Equal(20100, result.Evaluations);
        Assert.All(result.Population, v => Assert.InRange(v, 0, 1));
    }

    [Fact]
    public void SameSeedSameRunDifferentSeedDifferentRun()
    {
        var engine = new Nsga2(new Nsga2Options { PopulationSize = 20, Generations = 15 });
        var a = engine.Minimize(new Zdt(1, 6), BoxBounds.Uniform(6, 0, 1), 9);
        var b = engine.Minimize(new Zdt(1, 6), BoxBounds.Uniform(6, 0, 1), 9);
        var c = engine.Minimize(new Zdt(1, 6), BoxBounds.Uniform(6, 0, 1), 10);
        Assert.Equal(a.Population, b.Population);
        Assert.Equal(a.Objectives, b.Objectives);
        Assert.NotEqual(a.Population, c.Population);
    }

    [Fact]
    public void SeedPointsReplaceTheFirstMembers_AndStayInTheArchiveUnlessDominated()
    {
        var engine = new Nsga2(new Nsga2Options { PopulationSize = 20, Generations = 1 });
        // A point on the analytic ZDT1 front (x₂.. = 0): no random point can dominate it.
        double[] seedPoint = [0.25, 0, 0, 0, 0, 0];
        var seeded = engine.Minimize(new Zdt(1, 6), BoxBounds.Uniform(6, 0, 1), 9, initialPoints: seedPoint);
        bool found = false;
        for (int k = 0; k < seeded.Archive.Count; k++) found |= seeded.Archive.Point(k).SequenceEqual(seedPoint);
        Assert.True(found, "the non-dominated seed point is missing from the archive");
        Assert.Throws<ArgumentException>(() => engine.Minimize(new Zdt(1, 6), BoxBounds.Uniform(6, 0, 1), 9, initialPoints: new double[5]));
        Assert.Throws<ArgumentOutOfRangeException>(() => engine.Minimize(new Zdt(1, 6), BoxBounds.Uniform(6, 0, 1), 9, initialPoints: new double[] { 2, 0, 0, 0, 0, 0 }));
    }

    [Fact]
    public void OperatorsKeepChildrenInsideTheBox()
    {
        var rng = new Xoshiro256StarStar(4);
        double[] lo = { -1, 0, 5 }, hi = { 1, 0.001, 6 };
        var ca = new double[3]; var cb = new double[3];
        for (int t = 0; t < 2000; t++)
        {
            double[] pa = { rng.NextDouble(-1, 1), rng.NextDouble(0, 0.001), rng.NextDouble(5, 6) };
            double[] pb = { rng.NextDouble(-1, 1), rng.NextDouble(0, 0.001), rng.NextDouble(5, 6) };
            VariationOperators.SimulatedBinaryCrossover(pa, pb, lo, hi, 2, ref rng, ca, cb);
            VariationOperators.PolynomialMutation(ca, lo, hi, 2, 1.0, ref rng);
            for (int j = 0; j < 3; j++)
            {
                Assert.InRange(ca[j], lo[j], hi[j]);
                Assert.InRange(cb[j], lo[j], hi[j]);
            }
        }
    }

    [Theory]
    [InlineData(3)]
    [InlineData(2)]
    [InlineData(7)]
    public void APopulationSmallerThanFourOrOddIsRefused(int size) =>
        Assert.Equal("PopulationSize", Assert.Throws<ArgumentOutOfRangeException>(() => new Nsga2(new Nsga2Options { PopulationSize = size })).ParamName);

    [Fact]
    public void OtherBadSettingsAreRefused()
    {
        Assert.Equal("Generations", Assert.Throws<ArgumentOutOfRangeException>(() => new Nsga2(new Nsga2Options { Generations = 0 })).ParamName);
        Assert.Equal("CrossoverProbability", Assert.Throws<ArgumentOutOfRangeException>(() => new Nsga2(new Nsga2Options { CrossoverProbability = 1.5 })).ParamName);
        Assert.Equal("MutationProbability", Assert.Throws<ArgumentOutOfRangeException>(() => new Nsga2(new Nsga2Options { MutationProbability = -0.1 })).ParamName);
    }
}

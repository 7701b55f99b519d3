using System.Numerics;
using PhyToolkit.Antennas;
using PhyToolkit.Channels.Correlation;
using PhyToolkit.Channels.Sampling;
using PhyToolkit.Core.Random;
using PhyToolkit.Optimization.KeyGeneration;
using PhyToolkit.Optimization.MultiObjective;

namespace PhyToolkit.Optimization.Tests.KeyGeneration;

/// <summary>The rate–leakage front of docs/fa-plkg.md on a small geometry (M = K = 3, L = 4).</summary>
public class KeyRateLeakageFrontTests
{
    private static (KeyGenerationProblem Problem, EavesdropperCorrelation Eve) Setup(double kappa, ulong seed = 71)
    {
        var rng = new Xoshiro256StarStar(seed);
        var bob = PathGeometry.Sample(4, ref rng);
        var eve = EavesdropperCorrelation.Sample(bob, 2, 2, kappa, ref rng);
        var problem = new KeyGenerationProblem(new FieldResponseCovariance(bob), 3, 3, new PlanarRegion(2), 10);
        return (problem, eve);
    }

    private static SchemeOutcome UpaIso(KeyGenerationProblem problem)
    {
        var p = new Complex[problem.PrecoderLength];
        problem.IsotropicPrecoder(p);
        return new SchemeOutcome(0, problem.UpaLayout(), p, 0, null);
    }

    [Fact]
    public void FrontIsNonDominated_Feasible_AndReachesPastItsStart()
    {
        var (problem, eve) = Setup(0.9);
        var start = UpaIso(problem);
        var result = KeyRateLeakageFront.Run(problem, eve, 1.0, new Nsga2Options { PopulationSize = 20, Generations = 15 }, 5, [start]);
        Assert.NotEmpty(result.Front);
        var obj = new double[2 * result.Front.Length];
        for (int i = 0; i < result.Front.Length; i++)
        {
            var f = result.Front[i];
            obj[2 * i] = -f.Rates.KeyGenerationRate;
            obj[2 * i + 1] = f.Rates.Leakage;
            Assert.Equal(0, f.SpacingViolations);
            Assert.True(problem.Region.IsFeasible(f.Positions, 1e-9));
            double power = f.Precoder.Sum(c => c.Real * c.Real + c.Imaginary * c.Imaginary);
            Assert.True(power <= problem.Model.EnergyBudget * (1 + 1e-12), $"power {power}");
            // The recorded rates are those of the recorded design (recomputed from scratch).
            var again = KeyRateLeakageFront.Rates(problem, eve, 1.0, new SchemeOutcome(0, f.Positions, f.Precoder, 0, null));
            Assert.Equal(f.Rates, again);
            if (i > 0) Assert.True(f.Rates.KeyGenerationRate >= result.Front[i - 1].Rates.KeyGenerationRate);
        }
        Assert.Equal(result.Front.Length, Pareto.NonDominatedIndices(obj, 2).Length);
        // The start is either on the front or dominated by a front member: the front reaches at least its KGR and at most its leakage.
        var s = result.Starts[0].Rates;
        Assert.Equal(KeyRateLeakageFront.Rates(problem, eve, 1.0, start), s);
        Assert.True(result.Front[^1].Rates.KeyGenerationRate >= s.KeyGenerationRate);
        Assert.True(result.Front[0].Rates.Leakage <= s.Leakage);
        Assert.True(s.Leakage > 0.05, $"a correlated Eve (κ = 0.9 on 2 of 4 paths) must leak: {s.Leakage}");
        Assert.Equal(20 + 15 * 20, result.Evaluations);
    }

    [Fact]
    public void UncorrelatedEve_LeaksNothingAnywhereOnTheFront()
    {
        var (problem, eve) = Setup(0.0);
        var result = KeyRateLeakageFront.Run(problem, eve, 1.0, new Nsga2Options { PopulationSize = 12, Generations = 5 }, 6, [UpaIso(problem)]);
        Assert.All(result.Front, f => Assert.Equal(0, f.Rates.Leakage, 1e-9));
        // With zero leakage everywhere only the largest KGR is non-dominated.
        Assert.Single(result.Front);
        Assert.Equal(result.Front[0].Rates.KeyGenerationRate, result.Front[0].Rates.SecretKeyRate, 1e-9);
    }

    [Fact]
    public void BadEveNoise_IsRefused()
    {
        var (problem, eve) = Setup(0.5);
        Assert.Equal("eveNoiseVariance", Assert.Throws<ArgumentOutOfRangeException>(() =>
            KeyRateLeakageFront.Run(problem, eve, 0, new Nsga2Options { PopulationSize = 8, Generations = 1 }, 1, [])).ParamName);
    }
}

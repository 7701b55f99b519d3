using CsCheck;
using PhyToolkit.Optimization.Objectives;
using PhyToolkit.Optimization.Results;
using PhyToolkit.Optimization.Swarm;

namespace PhyToolkit.Optimization.Tests;

public class ParticleSwarmBehaviourTests
{
    private static readonly IObjective NegRastrigin = new NegatedObjective(new TestFunctions.Rastrigin());

    private static ParticleSwarmOptions Small => ParticleSwarmOptions.FaPlkg with { SwarmSize = 20, MaxIterations = 60 };

    [Fact]
    public void SameSeed_GivesIdenticalRuns_DifferentSeed_Differs()
    {
        var pso = new ParticleSwarm(Small);
        var box = BoxBounds.Uniform(10, -5.12, 5.12);
        var a = pso.Maximize(NegRastrigin, box, 42);
        var b = pso.Maximize(NegRastrigin, box, 42);
        var c = pso.Maximize(NegRastrigin, box, 43);
        // Bit-identical: one RNG per run, fixed draw order.
        Assert.Equal(a.BestX, b.BestX);
        Assert.Equal(a.BestValue, b.BestValue);
        Assert.Equal(a.History.BestValues(), b.History.BestValues());
        Assert.Equal(a.StopReason, b.StopReason);
        Assert.NotEqual(a.History.BestValues(), c.History.BestValues());
    }

    [Fact]
    public void ParallelBatchAdapter_OneVsTwoThreads_Identical()
    {
        var pso = new ParticleSwarm(Small);
        var box = BoxBounds.Uniform(10, -5.12, 5.12);
        var serial = pso.Maximize(new ParticleSwarmProblem(NegRastrigin, box, maxDegreeOfParallelism: 1), 7);
        var parallel = pso.Maximize(new ParticleSwarmProblem(NegRastrigin, box, maxDegreeOfParallelism: 2), 7);
        // Each fitness[i] depends only on particle i, so thread count cannot change any bit.
        Assert.Equal(serial.BestX, parallel.BestX);
        Assert.Equal(serial.History.BestValues(), parallel.History.BestValues());
        Assert.Equal(serial.Evaluations, parallel.Evaluations);
    }

    [Fact]
    public void WholeSwarm_IsEvaluatedInOneBatchCallPerIteration()
    {
        var rec = new RecordingBatchObjective(NegRastrigin);
        var r = new ParticleSwarm(Small with { StallIterations = 1000 }).Maximize(new ParticleSwarmProblem(rec, BoxBounds.Uniform(3, -1, 1)), 1);
        Assert.Equal(r.Iterations + 1, rec.Batches.Count); // initial swarm + one per move
        Assert.All(rec.BatchSizes, s => Assert.Equal(20, s));
        Assert.Equal(r.Iterations + 1, r.History.Count);
        Assert.Equal(20L * (r.Iterations + 1), r.History.Points[^1].Evaluations);
    }

    [Fact]
    public void GbestTrace_NeverDecreases_Property()
    {
        var gen = Gen.Select(Gen.ULong, Gen.Int[1, 6], Gen.Int[1, 12], Gen.Int[0, 25], Gen.Int[0, 3]);
        gen.Sample((seed, d, s, t, which) =>
        {
            IObjective f = which switch
            {
                0 => new NegatedObjective(new TestFunctions.Sphere()),
                1 => new NegatedObjective(new TestFunctions.Rosenbrock()),
                2 => new NegatedObjective(new TestFunctions.Rastrigin()),
                _ => new NegatedObjective(new TestFunctions.Ackley()),
            };
            var r = new ParticleSwarm(ParticleSwarmOptions.FaPlkg with { SwarmSize = s, MaxIterations = t })
                .Maximize(f, BoxBounds.Uniform(d, -3, 3), seed);
            var v = r.History.BestValues();
            for (int i = 1; i < v.Length; i++) if (v[i] < v[i - 1]) return false;
            // the last trace value is the reported best and it is the objective at the reported point
            return v[^1] == r.BestValue && f.Evaluate(r.BestX) == r.BestValue;
        }, iter: 150);
    }

    /// <summary>1-D positions x_0..x_{m-1} in [0, A] with pairwise spacing ≥ D: sort, then push forward and back.</summary>
    private static void SpacingRepair(Span<double> x, double a, double dMin)
    {
        x.Sort();
        for (int i = 1; i < x.Length; i++) if (x[i] < x[i - 1] + dMin) x[i] = x[i - 1] + dMin;
        if (x[^1] > a) x[^1] = a;
        for (int i = x.Length - 2; i >= 0; i--) if (x[i] > x[i + 1] - dMin) x[i] = x[i + 1] - dMin;
    }

    private static bool Feasible(ReadOnlySpan<double> x, double a, double dMin)
    {
        for (int i = 0; i < x.Length; i++)
        {
            if (x[i] < -1e-12 || x[i] > a + 1e-12) return false;
            for (int j = i + 1; j < x.Length; j++) if (Math.Abs(x[i] - x[j]) < dMin - 1e-12) return false;
        }
        return true;
    }

    [Fact]
    public void RepairHook_KeepsEveryEvaluatedParticleFeasible_AndFindsConstrainedOptimum()
    {
        const double A = 3, D = 0.5;
        // Maximise −(x0 − 1)² − (x1 − 1.1)²: the unconstrained optimum violates |x0 − x1| ≥ 0.5; the constrained
        // optimum is the projection onto x1 − x0 = 0.5: (0.8, 1.3) with value −0.08 (derived).
        var f = new LambdaObjective(x =>
        {
            double lo = Math.Min(x[0], x[1]), hi = Math.Max(x[0], x[1]);
            return -(lo - 1) * (lo - 1) - (hi - 1.1) * (hi - 1.1);
        });
        var rec = new RecordingBatchObjective(f);
        var problem = new ParticleSwarmProblem(rec, BoxBounds.Uniform(2, 0, A), repair: x => SpacingRepair(x, A, D));
        var r = new ParticleSwarm(ParticleSwarmOptions.FaPlkg with { SwarmSize = 20, MaxIterations = 200 }).Maximize(problem, 5);
        foreach (var batch in rec.Batches)
            for (int i = 0; i < batch.Length; i += 2)
                Assert.True(Feasible(batch.AsSpan(i, 2), A, D), $"infeasible particle ({batch[i]}, {batch[i + 1]})");
        Assert.True(Feasible(r.BestX, A, D));
        // 2-D problem with 200 moves: 1e-6 on the value ≈ 7e-4 on the position along the constraint line.
        Assert.Equal(-0.08, r.BestValue, 1e-6);
    }

    [Fact]
    public void PenaltyHook_IsSubtractedAndSteersToFeasibleOptimum()
    {
        // Maximise Σx over [0,1]³ subject to Σx ≤ 1 via exact penalty 10·max(0, Σx − 1) (η above the multiplier 1):
        // constrained optimum value 1 (derived).
        var f = new LambdaObjective(x => x[0] + x[1] + x[2]);
        ParticlePenalty pen = x => 10 * Math.Max(0, x[0] + x[1] + x[2] - 1);
        var r = new ParticleSwarm(ParticleSwarmOptions.FaPlkg with { SwarmSize = 30, MaxIterations = 300 })
            .Maximize(new ParticleSwarmProblem(f, BoxBounds.Uniform(3, 0, 1), penalty: pen), 3);
        Assert.Equal(f.Evaluate(r.BestX) - pen(r.BestX), r.BestValue); // fitness = objective − penalty, exactly
        // Penalised value ≤ 1 everywhere with equality on the face; 1e-3 absolute after 300 moves in 3-D.
        Assert.InRange(r.BestValue, 1 - 1e-3, 1 + 1e-12);
        Assert.True(r.BestX.Sum() <= 1 + 1e-3 / 9, "penalty larger than the value gain ⇒ violation ≤ gap/(η−1)");
    }

    [Fact]
    public void IncumbentSeeding_ResultIsAtLeastIncumbent_Property()
    {
        // A needle: random particles almost never land in it; the incumbent sits on it.
        var f = new LambdaObjective(x =>
        {
            double s = 0, n = 0;
            for (int j = 0; j < x.Length; j++) { s += x[j] * x[j]; n += (x[j] - 0.77) * (x[j] - 0.77); }
            return -s + (n < 1e-6 ? 100 : 0);
        });
        Gen.Select(Gen.ULong, Gen.Int[1, 5], Gen.Int[1, 10], Gen.Int[0, 10]).Sample((seed, d, s, t) =>
        {
            var inc = Enumerable.Repeat(0.77, d).ToArray();
            var r = new ParticleSwarm(ParticleSwarmOptions.FaPlkg with { SwarmSize = s, MaxIterations = t })
                .Maximize(f, BoxBounds.Uniform(d, -1, 1), seed, inc);
            return r.BestValue >= f.Evaluate(inc) && r.History.Points[0].BestValue >= f.Evaluate(inc);
        }, iter: 100);
    }

    [Fact]
    public void Incumbents_AreEvaluatedUnchanged_EvenWithRepair()
    {
        var rec = new RecordingBatchObjective(NegRastrigin);
        double[] inc = [0.1, 0.2, 0.3, 0.4];
        var problem = new ParticleSwarmProblem(rec, BoxBounds.Uniform(2, -1, 1), repair: x => x.Fill(0.5));
        new ParticleSwarm(Small with { MaxIterations = 1 }).Maximize(problem, 9, inc);
        Assert.Equal(inc, rec.Batches[0].AsSpan(0, 4).ToArray());
        Assert.All(rec.Batches[0].AsSpan(4).ToArray(), v => Assert.Equal(0.5, v)); // random ones were repaired
    }

    [Fact]
    public void InertiaSchedule_IsLinear_AndVelocityClampHolds()
    {
        // One particle, c1 = c2 = 0: v_it = ω_it·v_{it−1} exactly, so successive displacement ratios expose ω_it.
        const int T = 11;
        var opts = new ParticleSwarmOptions
        {
            SwarmSize = 1, MaxIterations = T, StallIterations = 1000, InertiaStart = 0.9, InertiaEnd = 0.4,
            CognitiveCoefficient = 0, SocialCoefficient = 0, VelocityClampFraction = 1e-3,
        };
        var rec = new RecordingBatchObjective(new LambdaObjective(_ => 0));
        new ParticleSwarm(opts).Maximize(new ParticleSwarmProblem(rec, BoxBounds.Uniform(1, -1000, 1000)), 11, [0.0]);
        var x = rec.Batches.Select(b => b[0]).ToArray();
        for (int it = 2; it <= T; it++)
        {
            double w = 0.9 - 0.5 * (it - 1) / (T - 1);
            double ratio = (x[it] - x[it - 1]) / (x[it - 1] - x[it - 2]);
            Assert.Equal(w, ratio, 1e-9); // ratio of two O(1) floating differences: ~1e-13 rounding, 1e-9 margin
        }
        // Clamp: |v| ≤ 1e-3·2000 = 2 for a swarm with strong attraction.
        var strong = new ParticleSwarmOptions { SwarmSize = 10, MaxIterations = 30, CognitiveCoefficient = 4, SocialCoefficient = 4, VelocityClampFraction = 1e-3 };
        var rec2 = new RecordingBatchObjective(NegRastrigin);
        new ParticleSwarm(strong).Maximize(new ParticleSwarmProblem(rec2, BoxBounds.Uniform(2, -1000, 1000)), 2);
        for (int b = 1; b < rec2.Batches.Count; b++)
            for (int i = 0; i < rec2.Batches[b].Length; i++)
                Assert.True(Math.Abs(rec2.Batches[b][i] - rec2.Batches[b - 1][i]) <= 2 + 1e-12);
    }

    [Fact]
    public void StallStop_OnFlatObjective_AfterExactlyTheWindow()
    {
        var r = new ParticleSwarm(Small with { StallIterations = 7, MaxIterations = 100 })
            .Maximize(new LambdaObjective(_ => 1.0), BoxBounds.Uniform(2, 0, 1), 1);
        Assert.Equal(StopReason.Stalled, r.StopReason);
        Assert.Equal(7, r.Iterations);
    }

    [Fact]
    public void EvaluationBudget_StopsBeforeExceeding()
    {
        var r = new ParticleSwarm(Small with { SwarmSize = 10, MaxEvaluations = 55, StallIterations = 1000 })
            .Maximize(NegRastrigin, BoxBounds.Uniform(2, -1, 1), 1);
        Assert.Equal(StopReason.MaxEvaluations, r.StopReason);
        Assert.Equal(50, r.Evaluations); // 10 initial + 4 moves; a 5th would need 60 > 55
        Assert.Equal(4, r.Iterations);
    }

    [Fact]
    public void Cancellation_ReturnsInitialBest()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var r = new ParticleSwarm(Small).Maximize(new ParticleSwarmProblem(NegRastrigin, BoxBounds.Uniform(2, -1, 1)), 1, default, cts.Token);
        Assert.Equal(StopReason.Cancelled, r.StopReason);
        Assert.Equal(0, r.Iterations);
        Assert.Equal(20, r.Evaluations);
    }

    [Fact]
    public void NaNFitness_NeverBecomesBest()
    {
        var f = new LambdaObjective(x => x[0] > 0 ? double.NaN : x[0]);
        var r = new ParticleSwarm(Small).Maximize(f, BoxBounds.Uniform(1, -1, 1), 4);
        Assert.True(r.BestValue <= 0 && r.BestX[0] <= 0);
    }

    [Theory]
    [InlineData("SwarmSize")]
    [InlineData("MaxIterations")]
    [InlineData("InertiaStart")]
    [InlineData("InertiaEnd")]
    [InlineData("CognitiveCoefficient")]
    [InlineData("VelocityClampFraction")]
    [InlineData("StallIterations")]
    [InlineData("StallRelativeTolerance")]
    [InlineData("MaxEvaluations")]
    public void Options_RejectOutOfRange_NamingTheProperty(string name)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => name switch
        {
            "SwarmSize" => new ParticleSwarmOptions { SwarmSize = -3 },
            "MaxIterations" => new ParticleSwarmOptions { MaxIterations = -1 },
            "InertiaStart" => new ParticleSwarmOptions { InertiaStart = double.NaN },
            "InertiaEnd" => new ParticleSwarmOptions { InertiaEnd = -0.1 },
            "CognitiveCoefficient" => new ParticleSwarmOptions { CognitiveCoefficient = double.PositiveInfinity },
            "VelocityClampFraction" => new ParticleSwarmOptions { VelocityClampFraction = 0 },
            "StallIterations" => new ParticleSwarmOptions { StallIterations = 0 },
            "StallRelativeTolerance" => new ParticleSwarmOptions { StallRelativeTolerance = double.NaN },
            _ => (object)new ParticleSwarmOptions { MaxEvaluations = 0 },
        });
        Assert.Equal(name, ex.ParamName);
        Assert.Contains(name, ex.Message);
    }

    [Fact]
    public void BoundsAndIncumbents_Validated()
    {
        var e1 = Assert.Throws<ArgumentOutOfRangeException>(() => new BoxBounds([0, 2], [1, 1]));
        Assert.Equal("lower", e1.ParamName);
        Assert.Contains("lower[1]", e1.Message);
        Assert.Equal("upper", Assert.Throws<ArgumentOutOfRangeException>(() => new BoxBounds([0.0], [double.NaN])).ParamName);
        Assert.Equal("upper", Assert.Throws<ArgumentOutOfRangeException>(() => new BoxBounds([0.0], [1.0, 2.0])).ParamName);
        var pso = new ParticleSwarm(Small);
        var box = BoxBounds.Uniform(2, 0, 1);
        Assert.Equal("incumbents", Assert.Throws<ArgumentOutOfRangeException>(() => pso.Maximize(NegRastrigin, box, 1, [0.5, 2.0])).ParamName);
        Assert.Equal("incumbents", Assert.Throws<ArgumentOutOfRangeException>(() => pso.Maximize(NegRastrigin, box, 1, [0.5])).ParamName);
        Assert.Equal("maxDegreeOfParallelism", Assert.Throws<ArgumentOutOfRangeException>(() => new PointwiseBatchObjective(NegRastrigin, 0)).ParamName);
    }
}

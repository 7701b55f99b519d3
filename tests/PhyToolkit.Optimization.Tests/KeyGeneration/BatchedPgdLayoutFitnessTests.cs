using PhyToolkit.Tests.Shared;
using System.Numerics;
using PhyToolkit.Antennas;
using PhyToolkit.Channels.Correlation;
using PhyToolkit.Channels.KeyGeneration.Batched;
using PhyToolkit.Channels.Sampling;
using PhyToolkit.Core.Compute;
using PhyToolkit.Core.Random;
using PhyToolkit.Optimization.Gradient;
using PhyToolkit.Optimization.KeyGeneration;
using PhyToolkit.Optimization.Objectives;
using PhyToolkit.Optimization.Projections;
using PhyToolkit.Optimization.Results;
using PhyToolkit.Optimization.Swarm;

namespace PhyToolkit.Optimization.Tests;

/// <summary>The batched PGD inner solve (<see cref="ProjectedGradient.MaximizeBatchInPlace"/> on
/// <see cref="BatchedKgrEvaluator"/>'s fused value and gradient) against the scalar PGD (<see cref="KeyGenerationEvaluator.PgdInner"/>),
/// and the two-loop AO's PGD fast path (<see cref="BatchedPgdLayoutFitness"/>) against the scalar scheme.</summary>
public class BatchedPgdLayoutFitnessTests
{
    // Iterates, Frobenius-relative per particle. Up to 30 dB: both paths evaluate the same closed forms in different stable
    // orders (values and gradients ≤ 1e-12 apart, BatchedKgrAscentTests); first-step differences seen 1e-14–3e-11, held to the
    // issue's 1e-10. At 60 dB the precoder gradient is itself ill-conditioned in double precision (each path's gradient is
    // ~6e-10 from a 60-digit reference, BatchedKgrAscentTests) and the difference grows over the J steps: measured up to
    // 5.0e-9 (singular R, J = 9), so 60 dB is held to 3e-8 — the 1e-10 is not met there by either path's accuracy.
    private static double IterateTolerance(double snrDb) => snrDb <= 30 ? 1e-10 : 3e-8;

    public static TheoryData<int, int, double, bool> Cases => new()
    {
        { 1, 3, 10, false }, { 2, 4, -30, false }, { 4, 2, 60, false }, { 5, 6, 0, false }, { 9, 4, 10, false },
        { 9, 4, -30, false }, { 9, 4, 60, false }, { 9, 12, 30, false }, { 16, 3, 20, false }, { 32, 4, 10, false },
        { 6, 2, 60, true }, { 6, 2, -30, true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void BatchedPgdGivesTheScalarIterates(int m, int paths, double snrDb, bool coincidentAntennas)
    {
        // Random geometry and layouts (antenna 1 on antenna 0 for the singular case: R has two equal rows); each particle
        // starts from its own random precoder, half of them outside the ball (the start projection is exercised).
        var rng = new Xoshiro256StarStar((ulong)(1000 * m + paths + (snrDb < 0 ? 7 : 0) + (coincidentAntennas ? 3 : 0)));
        var geometry = PathGeometry.Sample(paths, ref rng);
        var problem = new KeyGenerationProblem(new FieldResponseCovariance(geometry), m, m, new PlanarRegion(3), snrDb);
        int s = 6, d = 2 * m, n = m * m;
        var layouts = new double[s * d];
        for (int i = 0; i < layouts.Length; i++) layouts[i] = 3 * rng.NextDouble();
        if (coincidentAntennas)
            for (int p = 0; p < s; p++) { layouts[p * d + 2] = layouts[p * d]; layouts[p * d + 3] = layouts[p * d + 1]; }
        var starts = new Complex[s * n];
        for (int p = 0; p < s; p++)
        {
            double scale = Math.Sqrt(problem.Model.EnergyBudget / n) * (p % 2 == 0 ? 0.3 : 2.0);
            for (int i = 0; i < n; i++) starts[p * n + i] = rng.NextComplexGaussian(1) * scale;
        }
        using var ev = new BatchedKgrEvaluator(geometry, problem.Model, m, m, ComputeBackendKind.Managed, 1);
        var scalar = new KeyGenerationEvaluator(problem, innerIterations: 10);
        var ball = new FrobeniusBallProjection(problem.Model.EnergyBudget);
        var ws = new ProjectedGradientBatchWorkspace(s, n);
        var summaries = new SolveSummary[s];
        // Every iterate: J = 1, 2, …, 10 (each run restarts from the same starts, so run j ends at iterate j); for M ≥ 16
        // iterates 1, 2 and 10 only, to keep the test under ~2 s.
        int[] steps = m >= 16 ? [1, 2, 10] : [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        foreach (int j in steps)
        {
            var x = (Complex[])starts.Clone();
            ev.PrepareLayouts(layouts);
            new ProjectedGradient(new ProjectedGradientOptions { MaxIterations = j, RelativeTolerance = 1e-5, ArmijoConstant = 0 })
                .MaximizeBatchInPlace(new Adapter(ev), ball, x, n, ws, summaries);
            var scalarPgd = new ProjectedGradient(new ProjectedGradientOptions { MaxIterations = j, RelativeTolerance = 1e-5, ArmijoConstant = 0 });
            var pws = new Complex[ProjectedGradient.WorkspaceLength(n)];
            for (int p = 0; p < s; p++)
            {
                var want = starts.AsSpan(p * n, n).ToArray();
                scalar.SetLayout(layouts.AsSpan(p * d, d));
                var r = scalarPgd.MaximizeInPlace(scalar, ball, want, pws);
                var got = summaries[p];
                Assert.Equal(r.Iterations, got.Iterations);
                Assert.Equal(r.Evaluations, got.Evaluations);
                Assert.Equal(r.StopReason, got.StopReason);
                double err = RelativeFrobenius(x.AsSpan(p * n, n), want);
                Assert.True(err <= IterateTolerance(snrDb), $"J={j} particle {p}: iterate rel err {err:E2}");
                // Values: 1e-10 relative (the KGR value is well conditioned at every SNR, BatchedKgrManagedTests).
                Assert.True(Math.Abs(got.BestValue - r.BestValue) <= 1e-10 * Math.Abs(r.BestValue), $"J={j} particle {p}: {got.BestValue} vs {r.BestValue}");
            }
        }
    }

    private static KeyGenerationProblem Problem(int m, int paths, double side, double snrDb, ulong seed)
    {
        var rng = new Xoshiro256StarStar(seed);
        return new KeyGenerationProblem(new FieldResponseCovariance(PathGeometry.Sample(paths, ref rng)), m, m, new PlanarRegion(side), snrDb);
    }

    [Theory]
    [InlineData(4, 3, 2.0, 10.0, false)]
    [InlineData(5, 4, 2.5, -10.0, true)]
    public void TwoLoopPgdFastPathFollowsTheScalarTrajectory(int m, int paths, double side, double snrDb, bool repair)
    {
        // Same seed and swarm: the batched fitness differs from the scalar inner solve by rounding only, so every PSO
        // comparison goes the same way: layouts and evaluation counts agree exactly, values to 1e-10 relative.
        var problem = Problem(m, paths, side, snrDb, 42);
        var swarm = ParticleSwarmOptions.FaPlkg with { SwarmSize = 10, MaxIterations = 8 };
        var upa = problem.UpaLayout();
        var hook = repair ? FluidAntennaAlternating.RepairHook(problem) : null;
        var scalar = FluidAntennaAlternating.TwoLoop(problem, swarm, PrecoderMethod.Pgd, 10, upa, seed: 7, hook, path: TwoLoopPath.Scalar);
        var batched = FluidAntennaAlternating.TwoLoop(problem, swarm, PrecoderMethod.Pgd, 10, upa, seed: 7, hook);
        Assert.Equal(scalar.Positions, batched.Positions);
        Assert.Equal(scalar.FitnessEvaluations, batched.FitnessEvaluations);
        Assert.True(Math.Abs(scalar.Kgr - batched.Kgr) <= 1e-10 * scalar.Kgr, $"{scalar.Kgr} vs {batched.Kgr}");
        Assert.True(RelativeFrobenius(batched.Precoder, scalar.Precoder) <= 1e-8);
        var a = scalar.Trace!.Points;
        var b = batched.Trace!.Points;
        Assert.Equal(a.Count, b.Count);
        for (int i = 0; i < a.Count; i++)
        {
            Assert.Equal(a[i].Iteration, b[i].Iteration);
            Assert.Equal(a[i].Evaluations, b[i].Evaluations);
            Assert.True(Math.Abs(a[i].BestValue - b[i].BestValue) <= 1e-10 * Math.Abs(a[i].BestValue));
        }
    }

    [Fact]
    public void TwoLoopPgdFastPathDoesNotDependOnTheThreadCount()
    {
        // Each particle's arithmetic is independent of the block partition and the gbest is chosen in particle order.
        var problem = Problem(5, 4, 2.5, 10, 3);
        var swarm = ParticleSwarmOptions.FaPlkg with { SwarmSize = 11, MaxIterations = 5 };
        var upa = problem.UpaLayout();
        var one = FluidAntennaAlternating.TwoLoop(problem, swarm, PrecoderMethod.Pgd, 10, upa, 9, maxDegreeOfParallelism: 1);
        var two = FluidAntennaAlternating.TwoLoop(problem, swarm, PrecoderMethod.Pgd, 10, upa, 9, maxDegreeOfParallelism: 2);
        Assert.Equal(one.Kgr, two.Kgr);
        Assert.Equal(one.Positions, two.Positions);
        Assert.Equal(one.Precoder, two.Precoder);
    }

    [Theory]
    [InlineData(30, 2)]
    [InlineData(30, 3)]
    [InlineData(5, 2)]
    public void ShardedSwarmEvaluationEqualsOneWorkerBitForBit(int particles, int workers)
    {
        // W workers split the swarm into shards of whole blocks, each with its own evaluator; every particle's PGD iterates
        // are independent of the split, so the fitness values, the best pair and the next warm start are identical.
        var problem = Problem(9, 4, 3, 10, 7);
        var start = new Complex[problem.PrecoderLength];
        problem.IsotropicPrecoder(start);
        using var one = new BatchedPgdLayoutFitness(problem, 10, start, 1);
        using var many = new BatchedPgdLayoutFitness(problem, 10, start, workers);
        var rng = new Xoshiro256StarStar(11);
        var x = new double[particles * problem.LayoutLength];
        var f1 = new double[particles];
        var fw = new double[particles];
        for (int call = 0; call < 3; call++)
        {
            for (int i = 0; i < x.Length; i++) x[i] = 3 * rng.NextDouble();
            one.Evaluate(x, f1);
            many.Evaluate(x, fw);
            Assert.Equal(f1, fw);
            Assert.Equal(one.BestPrecoder, many.BestPrecoder);
            Assert.Equal(one.BestLayout, many.BestLayout);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void SwarmEvaluationDoesNotAllocateAfterWarmUp(int workers)
    {
        var problem = Problem(9, 4, 3, 10, 5);
        var start = new Complex[problem.PrecoderLength];
        problem.IsotropicPrecoder(start);
        using var fitness = new BatchedPgdLayoutFitness(problem, 10, start, workers);
        var rng = new Xoshiro256StarStar(1);
        int s = 30;
        var x = new double[s * problem.LayoutLength];
        for (int i = 0; i < x.Length; i++) x[i] = 3 * rng.NextDouble();
        var f = new double[s];
        fitness.Evaluate(x, f);
        long bytes = AllocationWindows.Quietest(() => { for (int i = 0; i < 3; i++) fitness.Evaluate(x, f); });
        // One worker: nothing at all. Two workers: one hand-off per swarm evaluation to the persistent worker thread; the only
        // allocation seen (now and then, under load) is the one-time lazy set-up of a wait primitive the first time the calling
        // thread really blocks, well under 1 KB; any per-step allocation would exceed it (≥ 24 B × ~30 PGD steps per evaluation).
        if (workers == 1) Assert.Equal(0, bytes);
        else Assert.True(bytes <= 1024, $"{bytes} B allocated in 3 swarm evaluations");
        Assert.Equal((1 + 5 * 3) * s, fitness.Evaluations); // warm-up + five windows of three
        Assert.True(fitness.HasBest && double.IsFinite(fitness.BestValue));
    }

    [Fact]
    public void BadInputIsRejected()
    {
        var iso = new KeyGenerationProblem(new IsotropicCorrelation(IsotropicScattering.TwoDimensional), 4, 4, new PlanarRegion(2), 10);
        Assert.Throws<ArgumentException>("problem", () => new BatchedPgdLayoutFitness(iso, 10, new Complex[16]));
        var problem = Problem(4, 3, 2, 10, 1);
        Assert.Throws<ArgumentException>("warmStart", () => new BatchedPgdLayoutFitness(problem, 10, new Complex[15]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BatchedPgdLayoutFitness(problem, 0, new Complex[16]));
        using var fitness = new BatchedPgdLayoutFitness(problem, 10, new Complex[16]);
        Assert.Throws<ArgumentException>("points", () => fitness.Evaluate(new double[7], new double[1]));
        var ws = new ProjectedGradientBatchWorkspace(2, 16);
        Assert.Throws<ArgumentException>("workspace", () => new ProjectedGradient(new ProjectedGradientOptions())
            .MaximizeBatchInPlace(new Adapter(null!), null, new Complex[48], 16, ws, new SolveSummary[3]));
    }

    private sealed class Adapter(BatchedKgrEvaluator ev) : IComplexBatchAscentObjective
    {
        public void EvaluateTrials(ReadOnlySpan<Complex> points, ReadOnlySpan<bool> mask, Span<double> values) => ev.EvaluatePrepared(points, mask, values);
        public void AcceptTrials(ReadOnlySpan<bool> mask) => ev.AcceptTrials(mask);
        public void Gradients(ReadOnlySpan<bool> mask, Span<Complex> gradients) => ev.PrecoderGradients(mask, gradients);
    }

    private static double RelativeFrobenius(ReadOnlySpan<Complex> a, ReadOnlySpan<Complex> b)
    {
        double dd = 0, nn = 0;
        for (int i = 0; i < a.Length; i++) { double e = (a[i] - b[i]).Magnitude, v = b[i].Magnitude; dd += e * e; nn += v * v; }
        return Math.Sqrt(dd) / Math.Max(Math.Sqrt(nn), 1e-300);
    }
}

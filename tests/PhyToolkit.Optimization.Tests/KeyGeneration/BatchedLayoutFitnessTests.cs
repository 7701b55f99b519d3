using PhyToolkit.Core.Compute;
using System.Numerics;
using PhyToolkit.Antennas;
using PhyToolkit.Channels.Correlation;
using PhyToolkit.Channels.KeyGeneration;
using PhyToolkit.Channels.Sampling;
using PhyToolkit.Core.Random;
using PhyToolkit.Optimization.KeyGeneration;
using PhyToolkit.Channels.KeyGeneration.Batched;
using PhyToolkit.Optimization.Swarm;

namespace PhyToolkit.Optimization.Tests;

public class BatchedLayoutFitnessTests
{
    private static KeyGenerationProblem Problem(int m, int paths, double side, double snrDb, ulong seed)
    {
        var rng = new Xoshiro256StarStar(seed);
        var g = PathGeometry.Sample(paths, ref rng);
        return new KeyGenerationProblem(new FieldResponseCovariance(g), m, m, new PlanarRegion(side), snrDb);
    }

    [Theory]
    [InlineData(4, 3, 2.0, 10.0)]
    [InlineData(9, 4, 3.0, -10.0)]
    public void FitnessEqualsScalarOracleMinusPenalty(int m, int paths, double side, double snrDb)
    {
        var problem = Problem(m, paths, side, snrDb, 21);
        var rng = new Xoshiro256StarStar(5);
        int s = 13, d = 2 * m;
        var x = new double[s * d];
        for (int i = 0; i < x.Length; i++) x[i] = side * rng.NextDouble(); // random layouts: many violate the spacing
        using var batched = new BatchedLayoutFitness(problem, ComputeBackendKind.Managed, 1);
        var f = new double[s];
        batched.Evaluate(x, f);
        var solver = new PrecoderSolver(new KeyGenerationEvaluator(problem), PrecoderMethod.Oracle);
        var p = new Complex[problem.PrecoderLength];
        bool sawPenalty = false;
        for (int i = 0; i < s; i++)
        {
            var xi = x.AsSpan(i * d, d);
            double pen = problem.Penalty(xi);
            sawPenalty |= pen > 0;
            double want = solver.Solve(xi, p, p) - pen;
            // 1e-10 relative of the KGR part (the agreement bound); the penalty is an exact integer multiple of η.
            Assert.True(Math.Abs(f[i] - want) <= 1e-10 * Math.Max(1, Math.Abs(want)), $"particle {i}: {f[i]} vs {want}");
        }
        Assert.True(sawPenalty);
        Assert.Equal(s, batched.Evaluations);
    }

    [Fact]
    public void TwoLoopFastPathFollowsTheScalarTrajectory()
    {
        // Same seed, same swarm: the batched fitness differs from the scalar one only by rounding (~1e-14), so every
        // comparison in the PSO goes the same way and the layouts agree exactly; the values agree to 1e-10 relative.
        var problem = Problem(4, 3, 2.0, 10, 42);
        var swarm = ParticleSwarmOptions.FaPlkg with { SwarmSize = 12, MaxIterations = 15 };
        var upa = problem.UpaLayout();
        var scalar = FluidAntennaAlternating.TwoLoop(problem, swarm, PrecoderMethod.Oracle, 10, upa, seed: 7, path: TwoLoopPath.Scalar);
        var batched = FluidAntennaAlternating.TwoLoop(problem, swarm, PrecoderMethod.Oracle, 10, upa, seed: 7, null, ComputeBackendKind.Managed, maxDegreeOfParallelism: 2);
        // With the push-apart repair too (the library recognises its own repair hook and stays on the fast path).
        var repairScalar = FluidAntennaAlternating.TwoLoop(problem, swarm, PrecoderMethod.Oracle, 10, upa, 8, FluidAntennaAlternating.RepairHook(problem), path: TwoLoopPath.Scalar);
        var repairBatched = FluidAntennaAlternating.TwoLoop(problem, swarm, PrecoderMethod.Oracle, 10, upa, 8, FluidAntennaAlternating.RepairHook(problem), ComputeBackendKind.Managed);
        Assert.Equal(repairScalar.Positions, repairBatched.Positions);
        Assert.Equal(repairScalar.FitnessEvaluations, repairBatched.FitnessEvaluations);
        Assert.Equal(scalar.Positions, batched.Positions);
        Assert.Equal(scalar.FitnessEvaluations, batched.FitnessEvaluations);
        Assert.True(Math.Abs(scalar.Kgr - batched.Kgr) <= 1e-10 * scalar.Kgr);
        var a = scalar.Trace!.Points;
        var b = batched.Trace!.Points;
        Assert.Equal(a.Count, b.Count);
        for (int i = 0; i < a.Count; i++)
        {
            Assert.Equal(a[i].Iteration, b[i].Iteration);
            Assert.Equal(a[i].Evaluations, b[i].Evaluations);
            Assert.True(Math.Abs(a[i].BestValue - b[i].BestValue) <= 1e-10 * Math.Abs(a[i].BestValue));
        }
        Assert.True(batched.Kgr >= FixedArrayBaselines.UpaOptimized(new KeyGenerationEvaluator(problem), PrecoderMethod.Oracle).Kgr - 1e-12);
    }

    [Fact]
    public void RejectsNonFieldResponseModels()
    {
        var problem = new KeyGenerationProblem(new IsotropicCorrelation(IsotropicScattering.TwoDimensional), 4, 4, new PlanarRegion(2), 10);
        Assert.Throws<ArgumentException>("problem", () => new BatchedLayoutFitness(problem));
    }
}

using PhyToolkit.Tests.Shared;
using PhyToolkit.Core.Compute;
using System.Numerics;
using PhyToolkit.Channels.KeyGeneration;
using PhyToolkit.Channels.Sampling;
using PhyToolkit.Core.Random;
using PhyToolkit.Channels.KeyGeneration.Batched;

namespace PhyToolkit.Channels.Tests.KeyGeneration.Batched;

public class BatchedKgrManagedTests
{
    // Tolerance: the batched path evaluates the same closed form in a different but equally stable order (Gram products,
    // R from products of exponentials instead of exponentials of differences), so agreement is limited by rounding
    // amplified by the conditioning of R + σ_A²I; observed ≤ 1e-12, asserted at the 1e-10 relative.
    private const double Tolerance = 1e-10;

    public static TheoryData<int, int, int, double> Sizes => new()
    {
        { 1, 1, 4, 10 }, { 2, 2, 4, 0 }, { 3, 5, 2, 20 }, { 4, 4, 4, 10 }, { 5, 3, 4, -10 }, { 9, 9, 4, 10 },
        { 9, 9, 12, 30 }, { 16, 16, 4, 10 }, { 17, 7, 6, 0 }, { 32, 32, 4, 10 }, { 9, 9, 4, -30 }, { 9, 9, 4, 60 },
        { 16, 16, 3, 60 }, { 4, 4, 2, -30 },
    };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void SchurKgrMatchesScalarReference(int m, int k, int paths, double snrDb)
    {
        var c = new BatchedTestCase(m, k, paths, particles: 7, snrDb, seed: (ulong)(1000 * m + 10 * k + paths));
        using var ev = new BatchedKgrEvaluator(c.Geometry, c.Model, m, k, ComputeBackendKind.Managed, maxDegreeOfParallelism: 1);
        var got = new double[c.S];
        ev.Kgr(c.Positions, c.Precoders, got);
        var want = c.ScalarKgr();
        Assert.True(want.All(v => v > 0));
        Assert.True(BatchedTestCase.MaxRelativeError(got, want) <= Tolerance, $"max rel err {BatchedTestCase.MaxRelativeError(got, want):E2}");
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void OracleMatchesScalarWaterFilling(int m, int k, int paths, double snrDb)
    {
        var c = new BatchedTestCase(m, k, paths, particles: 6, snrDb, seed: (ulong)(7 + 1000 * m + 10 * k + paths));
        using var ev = new BatchedKgrEvaluator(c.Geometry, c.Model, m, k, ComputeBackendKind.Managed, maxDegreeOfParallelism: 1);
        var got = new double[c.S];
        ev.OptimalKgr(c.Positions, got);
        var want = c.ScalarOptimal();
        Assert.True(BatchedTestCase.MaxRelativeError(got, want) <= Tolerance, $"max rel err {BatchedTestCase.MaxRelativeError(got, want):E2}");
    }

    [Theory]
    [InlineData(-30)]
    [InlineData(60)]
    public void SingularCovarianceWithCoincidentAntennas(double snrDb)
    {
        // Two antennas at one point and L = 2 < M = 6: rank R ≤ 2, a "harsh" singular case.
        var c = new BatchedTestCase(6, 6, 2, particles: 5, snrDb, seed: 99, duplicateAntenna: true);
        using var ev = new BatchedKgrEvaluator(c.Geometry, c.Model, 6, 6, ComputeBackendKind.Managed, maxDegreeOfParallelism: 1);
        var got = new double[c.S];
        ev.Kgr(c.Positions, c.Precoders, got);
        Assert.True(BatchedTestCase.MaxRelativeError(got, c.ScalarKgr()) <= Tolerance);
        ev.OptimalKgr(c.Positions, got);
        Assert.True(BatchedTestCase.MaxRelativeError(got, c.ScalarOptimal()) <= Tolerance);
    }

    [Fact]
    public void CovariancesMatchFieldResponseModel()
    {
        var c = new BatchedTestCase(9, 9, 4, particles: 5, 10, seed: 5);
        using var ev = new BatchedKgrEvaluator(c.Geometry, c.Model, 9, 9, ComputeBackendKind.Managed, 1);
        var r = new Complex[c.S * 81];
        ev.Covariances(c.Positions, r);
        for (int s = 0; s < c.S; s++)
        {
            // e^{jκ(ρ_m − ρ_n)} as a product of two exponentials of |phase| ≤ 2π·2·3 ≈ 38 rad: rounding ~ 38·2⁻⁵³ per factor.
            double err = TestHelpers.MaxAbsDiff(r.AsSpan(s * 81, 81), c.ScalarCovariance(s));
            Assert.True(err < 1e-13, $"particle {s}: {err:E2}");
        }
    }

    [Fact]
    public void ParallelWorkersGiveBitwiseIdenticalResults()
    {
        // Every particle's arithmetic is independent of the block partition, so 1 and 2 workers agree exactly.
        var c = new BatchedTestCase(5, 5, 4, particles: 23, 10, seed: 3);
        using var one = new BatchedKgrEvaluator(c.Geometry, c.Model, 5, 5, ComputeBackendKind.Managed, 1);
        using var two = new BatchedKgrEvaluator(c.Geometry, c.Model, 5, 5, ComputeBackendKind.Managed, 2);
        double[] a = new double[c.S], b = new double[c.S];
        one.Kgr(c.Positions, c.Precoders, a);
        two.Kgr(c.Positions, c.Precoders, b);
        Assert.Equal(a, b);
        one.OptimalKgr(c.Positions, a);
        two.OptimalKgr(c.Positions, b);
        Assert.Equal(a, b);
    }

    [Fact]
    public void ParticleResultDoesNotDependOnBatchComposition()
    {
        // Particle 5 evaluated inside a batch of 11 and alone (lane padding replicates the last particle).
        var c = new BatchedTestCase(4, 4, 3, particles: 11, 0, seed: 8);
        using var ev = new BatchedKgrEvaluator(c.Geometry, c.Model, 4, 4, ComputeBackendKind.Managed, 1);
        var all = new double[11];
        ev.OptimalKgr(c.Positions, all);
        var one = new double[1];
        ev.OptimalKgr(c.Positions.AsSpan(5 * 8, 8), one);
        Assert.Equal(all[5], one[0]);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void SteadyStateDoesNotAllocate(int workers)
    {
        // With 2 workers the calling thread runs block range 0 and signals a persistent worker: no per-call allocation.
        var c = new BatchedTestCase(9, 9, 4, particles: 16, 10, seed: 4);
        using var ev = new BatchedKgrEvaluator(c.Geometry, c.Model, 9, 9, ComputeBackendKind.Managed, workers);
        var f = new double[c.S];
        ev.Kgr(c.Positions, c.Precoders, f);
        ev.OptimalKgr(c.Positions, f);
        Assert.Equal(0, AllocationWindows.Quietest(() =>
        {
            for (int i = 0; i < 5; i++)
            {
                ev.Kgr(c.Positions, c.Precoders, f);
                ev.OptimalKgr(c.Positions, f);
            }
        }));
    }

    [Fact]
    public void BadInputIsRejected()
    {
        var rng = new Xoshiro256StarStar(1);
        var g = PathGeometry.Sample(3, ref rng);
        var model = KgrModel.FromSnrDb(10, 4);
        Assert.Throws<ArgumentOutOfRangeException>("antennas", () => new BatchedKgrEvaluator(g, model, 33, 4));
        Assert.Throws<ArgumentOutOfRangeException>("slots", () => new BatchedKgrEvaluator(g, model, 4, 0));
        Assert.Throws<ArgumentOutOfRangeException>("maxDegreeOfParallelism", () => new BatchedKgrEvaluator(g, model, 4, 4, maxDegreeOfParallelism: -1));
        using var ev = new BatchedKgrEvaluator(g, model, 4, 4, ComputeBackendKind.Managed, 1);
        var f = new double[2];
        Assert.Throws<ArgumentException>("positions", () => ev.OptimalKgr(new double[15], f));
        var pos = new double[16];
        pos[3] = double.NaN;
        Assert.Throws<ArgumentException>("positions", () => ev.OptimalKgr(pos, f));
        Assert.Throws<ArgumentException>("precoders", () => ev.Kgr(new double[16], new Complex[31], f));
        var pre = new Complex[32];
        pre[7] = new Complex(double.PositiveInfinity, 0);
        Assert.Throws<ArgumentException>("precoders", () => ev.Kgr(new double[16], pre, f));
        ev.OptimalKgr(ReadOnlySpan<double>.Empty, Span<double>.Empty); // S = 0 is a no-op
    }

    [Fact]
    public void FlopCountMatchesClosedFormForSquareCase()
    {
        // For K = M the documented count reduces to 4LM(M−1) + 32M³ (sum of the listed terms).
        Assert.Equal(4.0 * 4 * 16 * 15 + 32.0 * 16 * 16 * 16, BatchedKgrEvaluator.FlopsPerKgr(16, 16, 4), 6);
    }
}

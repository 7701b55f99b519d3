using PhyToolkit.Tests.Shared;
using System.Numerics;
using PhyToolkit.Channels.KeyGeneration;
using PhyToolkit.Channels.KeyGeneration.Batched;
using PhyToolkit.Core.Compute;

namespace PhyToolkit.Channels.Tests.KeyGeneration.Batched;

/// <summary>The prepared-layout value and the fused precoder gradient of <see cref="BatchedKgrEvaluator"/> against the scalar
/// <see cref="KgrModel.Value"/> and <see cref="KgrModel.PrecoderGradient"/>.</summary>
public class BatchedKgrAscentTests
{
    // Values: as BatchedKgrManagedTests (same closed form, different stable order; observed ≤ 1e-12), 1e-10 relative.
    private const double ValueTolerance = 1e-10;

    // Gradients, in the Frobenius norm relative to ‖G‖_F: both paths subtract R·P·A_R − Q·P·A_Q, which loses up to
    // log10(1/ρ) digits at low SNR (3 digits at −30 dB leave ~1e-13): asserted at 1e-10 up to 30 dB. At 60 dB the gradient
    // itself is ill-conditioned in double precision: on the (M, K, L) = (9, 9, 4) case, against a 60-digit mpmath evaluation
    // of the same formula on the same double inputs, the scalar gradient is off by 5.6e-10 and the batched one by 7.7e-10, and
    // every rearrangement tried (R·P·A_R − Q·P·A_Q, (R − Q)·P·A_R − Q·P·A_Q·D·A_R, (I + QPPᴴ/σ_B²)⁻¹(R − Q)P·A_R) in
    // correctly rounded 53-bit arithmetic is off by ~2e-10; so above 30 dB the bound is 1e-8 (largest seen 2.6e-9, M = K = 16, L = 3).
    private static double GradientTolerance(double snrDb) => snrDb <= 30 ? 1e-10 : 1e-8;

    public static TheoryData<int, int, int, double> Sizes => new()
    {
        { 1, 1, 4, 10 }, { 2, 2, 4, 0 }, { 3, 5, 2, 20 }, { 5, 3, 4, -10 }, { 9, 9, 4, 10 }, { 9, 9, 12, 30 },
        { 17, 7, 6, 0 }, { 32, 32, 4, 10 }, { 9, 9, 4, -30 }, { 9, 9, 4, 60 }, { 16, 16, 3, 60 }, { 4, 4, 2, -30 },
    };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void PreparedValueAndGradientMatchScalar(int m, int k, int paths, double snrDb)
    {
        var c = new BatchedTestCase(m, k, paths, particles: 7, snrDb, seed: (ulong)(31 + 1000 * m + 10 * k + paths));
        AssertMatchesScalar(c, snrDb, workers: 1);
    }

    [Theory]
    [InlineData(-30)]
    [InlineData(60)]
    public void SingularCovarianceWithCoincidentAntennas(double snrDb)
    {
        var c = new BatchedTestCase(6, 6, 2, particles: 5, snrDb, seed: 77, duplicateAntenna: true);
        AssertMatchesScalar(c, snrDb, workers: 1);
    }

    [Fact]
    public void MaskedEvaluationLeavesOthersAndKeepsAcceptedState()
    {
        // Evaluate all at P, accept all; evaluate only particle 2 at 2P and accept it; particle 1's gradient must still be at P.
        var c = new BatchedTestCase(4, 3, 3, particles: 6, 10, seed: 12);
        int mk = 12;
        using var ev = new BatchedKgrEvaluator(c.Geometry, c.Model, 4, 3, ComputeBackendKind.Managed, 1);
        ev.PrepareLayouts(c.Positions);
        var all = Enumerable.Repeat(true, 6).ToArray();
        var f = new double[6];
        ev.EvaluatePrepared(c.Precoders, all, f);
        ev.AcceptTrials(all);
        var doubled = c.Precoders.Select(z => 2 * z).ToArray();
        var only2 = new bool[6]; only2[2] = true;
        var f2 = (double[])f.Clone();
        ev.EvaluatePrepared(doubled, only2, f2);
        for (int s = 0; s < 6; s++) if (s != 2) Assert.Equal(f[s], f2[s]);
        ev.AcceptTrials(only2);
        var g = new Complex[6 * mk];
        ev.PrecoderGradients(all, g);
        var ws = new KgrWorkspace(4, 3);
        var want = new Complex[mk];
        c.Model.PrecoderGradient(c.Precoders.AsSpan(mk, mk), c.ScalarCovariance(1), want, ws);
        Assert.True(RelativeFrobenius(g.AsSpan(mk, mk), want) <= GradientTolerance(10));
        c.Model.PrecoderGradient(doubled.AsSpan(2 * mk, mk), c.ScalarCovariance(2), want, ws);
        Assert.True(RelativeFrobenius(g.AsSpan(2 * mk, mk), want) <= GradientTolerance(10));
    }

    [Fact]
    public void TwoWorkersAreBitwiseIdenticalAndSteadyStateDoesNotAllocate()
    {
        var c = new BatchedTestCase(9, 9, 4, particles: 30, 10, seed: 21);
        using var one = new BatchedKgrEvaluator(c.Geometry, c.Model, 9, 9, ComputeBackendKind.Managed, 1);
        using var two = new BatchedKgrEvaluator(c.Geometry, c.Model, 9, 9, ComputeBackendKind.Managed, 2);
        var mask = Enumerable.Range(0, 30).Select(i => i % 3 != 1).ToArray();
        double[] fa = new double[30], fb = new double[30];
        Complex[] ga = new Complex[c.Precoders.Length], gb = new Complex[c.Precoders.Length];
        void Step(BatchedKgrEvaluator ev, double[] f, Complex[] g)
        {
            ev.PrepareLayouts(c.Positions);
            ev.EvaluatePrepared(c.Precoders, mask, f);
            ev.AcceptTrials(mask);
            ev.PrecoderGradients(mask, g);
        }
        Step(one, fa, ga);
        Step(two, fb, gb);
        Assert.Equal(fa, fb);
        Assert.Equal(ga, gb);
        Assert.Equal(0, AllocationWindows.Quietest(() => { for (int i = 0; i < 3; i++) { Step(one, fa, ga); Step(two, fb, gb); } }));
    }

    [Fact]
    public void BadInputIsRejected()
    {
        var c = new BatchedTestCase(3, 3, 2, particles: 4, 10, seed: 2);
        using var ev = new BatchedKgrEvaluator(c.Geometry, c.Model, 3, 3, ComputeBackendKind.Managed, 1);
        var mask = new bool[4];
        Assert.Throws<InvalidOperationException>(() => ev.AcceptTrials(mask));
        Assert.Throws<ArgumentException>(() => ev.PrepareLayouts(c.Positions.AsSpan(0, 5)));
        ev.PrepareLayouts(c.Positions);
        Assert.Throws<ArgumentException>(() => ev.EvaluatePrepared(c.Precoders, new bool[3], new double[4]));
        Assert.Throws<ArgumentException>(() => ev.PrecoderGradients(mask, new Complex[5]));
    }

    private static void AssertMatchesScalar(BatchedTestCase c, double snrDb, int workers)
    {
        int mk = c.M * c.K;
        using var ev = new BatchedKgrEvaluator(c.Geometry, c.Model, c.M, c.K, ComputeBackendKind.Managed, workers);
        ev.PrepareLayouts(c.Positions);
        var mask = Enumerable.Repeat(true, c.S).ToArray();
        var f = new double[c.S];
        ev.EvaluatePrepared(c.Precoders, mask, f);
        Assert.True(BatchedTestCase.MaxRelativeError(f, c.ScalarKgr()) <= ValueTolerance,
            $"value max rel err {BatchedTestCase.MaxRelativeError(f, c.ScalarKgr()):E2}");
        ev.AcceptTrials(mask);
        var g = new Complex[c.S * mk];
        ev.PrecoderGradients(mask, g);
        var ws = new KgrWorkspace(c.M, c.K);
        var want = new Complex[mk];
        for (int s = 0; s < c.S; s++)
        {
            c.Model.PrecoderGradient(c.Precoders.AsSpan(s * mk, mk), c.ScalarCovariance(s), want, ws);
            double err = RelativeFrobenius(g.AsSpan(s * mk, mk), want);
            Assert.True(err <= GradientTolerance(snrDb), $"particle {s}: gradient rel err {err:E2}");
        }
    }

    private static double RelativeFrobenius(ReadOnlySpan<Complex> a, ReadOnlySpan<Complex> b)
    {
        double d = 0, n = 0;
        for (int i = 0; i < a.Length; i++) { d += (a[i] - b[i]).Magnitude * (a[i] - b[i]).Magnitude; n += b[i].Magnitude * b[i].Magnitude; }
        return Math.Sqrt(d) / Math.Max(Math.Sqrt(n), 1e-300);
    }
}

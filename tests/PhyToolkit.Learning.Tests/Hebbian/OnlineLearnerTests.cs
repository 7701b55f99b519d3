using PhyToolkit.Core.Random;
using PhyToolkit.Learning.Drift;
using PhyToolkit.Learning.Hebbian;

namespace PhyToolkit.Learning.Tests.Hebbian;

/// <summary>The online learners of the drift study: manifold, fixed points, convergence, bad input, determinism.</summary>
public class OnlineLearnerTests
{
    private static double[] Train(IOnlineLearner l, SubspaceStream s, long steps, ulong seed)
    {
        var rng = new Xoshiro256StarStar(seed);
        var x = new double[s.InputDimension];
        var a = new double[s.RelevantDimension];
        for (long t = 0; t < steps; t++) { s.Next(x, a, ref rng); l.Update(x, a, ref rng); }
        var f = new double[l.FilterRows * s.InputDimension];
        l.Filter(f);
        return f;
    }

    /// <summary>‖F Fᵀ − I‖_F: distance of the rows of F from an orthonormal frame (the Stiefel manifold).</summary>
    private static double StiefelDefect(double[] f, int rows, int n)
    {
        double s = 0;
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < rows; j++)
            {
                double d = 0;
                for (int k = 0; k < n; k++) d += f[i * n + k] * f[j * n + k];
                d -= i == j ? 1 : 0;
                s += d * d;
            }
        return Math.Sqrt(s);
    }

    [Fact]
    public void OjaWithoutIrrelevantInputConvergesOntoTheStiefelManifoldAndThePrincipalSubspace()
    {
        // λ⊥ = 0, no synaptic noise: every update preserves the subspace and pulls W Wᵀ to I, so both errors go to round-off
        // (1e-9 leaves room for the ~1e4-step accumulation of 1e-16 relative errors).
        int n = 8, m = 2;
        var rng = new Xoshiro256StarStar(11);
        var oja = new OjaSubspaceLearner(n, m, 1e-2, 0, ref rng);
        var f = Train(oja, new SubspaceStream(n, [1.0, 0.6], 0), 20_000, 12);
        Assert.True(StiefelDefect(f, m, n) < 1e-9, $"defect {StiefelDefect(f, m, n)}");
        Assert.True(DriftAnalytics.SubspaceError(f, m, n, m) < 1e-9);
    }

    [Fact]
    public void OjaWithIrrelevantInputStaysNearTheManifoldAndTheSubspace()
    {
        // λ⊥ = 0.1, η = 1e-3: stationary fluctuations off the manifold are O(√(η λ∥ λ⊥ (n − m)/(λ∥ − λ⊥))) ≈ 0.02 per
        // entry; bounds 0.05 (Stiefel) and 0.1 (subspace) leave a factor ≥ 2 over that scale.
        int n = 8, m = 2;
        var rng = new Xoshiro256StarStar(21);
        var oja = new OjaSubspaceLearner(n, m, 1e-3, 0, ref rng);
        var f = Train(oja, new SubspaceStream(n, [1.0, 1.0], 0.1), 30_000, 22);
        Assert.True(StiefelDefect(f, m, n) < 0.05, $"defect {StiefelDefect(f, m, n)}");
        double e = DriftAnalytics.SubspaceError(f, m, n, m);
        Assert.True(e < 0.1, $"subspace error {e}");
        Assert.True(e > 1e-4, "irrelevant input must keep W off the exact fixed point");
    }

    [Fact]
    public void OjaAndTiedAutoencoderUpdatesVanishAtAFixedPointForRelevantInput()
    {
        // Fixed point W = Q Uᵀ (Q a rotation by 0.7 rad, U the first two axes): with b = 0 the update η(yxᵀ − yyᵀW) and the
        // tied-autoencoder gradient are exactly zero up to round-off (1e-15 absolute on O(1) entries).
        int n = 5, m = 2;
        double c = Math.Cos(0.7), s = Math.Sin(0.7);
        var w = new double[m * n];
        w[0] = c; w[1] = -s; w[n] = s; w[n + 1] = c;
        var oja = new OjaSubspaceLearner(n, m, 0.1, 0, w);
        var rng = new Xoshiro256StarStar(3);
        var stream = new SubspaceStream(n, [1.0, 0.5], 0);
        var x = new double[n];
        var a = new double[m];
        for (int t = 0; t < 100; t++) { stream.Next(x, a, ref rng); oja.Update(x, a, ref rng); }
        for (int i = 0; i < w.Length; i++) Assert.Equal(w[i], oja.Weights[i], 1e-13);
        // With an irrelevant component the update is η Q a bᵀ Vᵀ (spec derivation): only the irrelevant columns move, at first order.
        var oja2 = new OjaSubspaceLearner(n, m, 0.1, 0, w);
        var xb = new double[] { 0.3, -0.2, 0.5, 0, 0 };
        oja2.Update(xb, [0.3, -0.2], ref rng);
        double y0 = c * 0.3 - s * -0.2, y1 = s * 0.3 + c * -0.2;
        Assert.Equal(0.1 * y0 * 0.5, oja2.Weights[2], 14);
        Assert.Equal(0.1 * y1 * 0.5, oja2.Weights[n + 2], 14);
        Assert.Equal(w[0], oja2.Weights[0], 14);                  // relevant columns unchanged: r = x − Wᵀy = [0; b]
        Assert.Equal(w[n + 1], oja2.Weights[n + 1], 14);
    }

    [Fact]
    public void SimilarityMatchingConvergesToTheClosedFormFixedPoint()
    {
        // Fixed point: F = M⁻¹W = QUᵀ (orthonormal rows in the relevant subspace), M = F C Fᵀ = Q Λ Qᵀ. With λ = (1, 1)
        // M → I·1. Tolerances: η = 2e-3 fluctuations of M are O(√(η/τ)) ≈ 0.06; we allow 0.15.
        int n = 6, m = 2;
        var rng = new Xoshiro256StarStar(31);
        var sm = new SimilarityMatchingLearner(n, m, 2e-3, 0.5, 0, ref rng);
        var f = Train(sm, new SubspaceStream(n, [1.0, 1.0], 0.05), 40_000, 32);
        Assert.True(StiefelDefect(f, m, n) < 0.15, $"defect {StiefelDefect(f, m, n)}");
        Assert.True(DriftAnalytics.SubspaceError(f, m, n, m) < 0.15);
        var mm = sm.LateralWeights;
        Assert.Equal(1, mm[0], 0.15); Assert.Equal(1, mm[3], 0.15); Assert.Equal(0, mm[1], 0.15);
    }

    [Fact]
    public void TiedAutoencoderConvergesToThePrincipalSubspaceAndLowersTheLoss()
    {
        int n = 6, m = 2;
        var rng = new Xoshiro256StarStar(41);
        var ae = new TiedAutoencoderLearner(n, m, 2e-3, 0, ref rng);
        var probe = new double[] { 1, -0.5, 0, 0, 0, 0 };
        double before = ae.Loss(probe);
        var f = Train(ae, new SubspaceStream(n, [1.0, 0.8], 0.05), 30_000, 42);
        Assert.True(StiefelDefect(f, m, n) < 0.05);
        Assert.True(DriftAnalytics.SubspaceError(f, m, n, m) < 0.1);
        Assert.True(ae.Loss(probe) < 1e-2 * before + 1e-3);
    }

    [Fact]
    public void SupervisedNetworkLearnsTheTaskMapAndSuppressesIrrelevantInput()
    {
        // W₂W₁ → [A, 0] (A = diag(1, −1)); label noise s = 0.1 and η = 2e-3 leave entry fluctuations ~ 0.01; allow 0.08.
        int n = 6;
        var rng = new Xoshiro256StarStar(51);
        var sup = new SupervisedLinearSgdLearner(n, 4, [1, 0, 0, -1], 2, 2e-3, 0.1, 0, ref rng);
        Train(sup, new SubspaceStream(n, [1.0, 1.0], 0.2), 40_000, 52);
        var map = new double[2 * n];
        sup.OutputMap(map);
        var expected = new double[] { 1, 0, 0, 0, 0, 0, 0, -1, 0, 0, 0, 0 };
        for (int i = 0; i < map.Length; i++) Assert.Equal(expected[i], map[i], 0.08);
    }

    [Fact]
    public void SameSeedGivesIdenticalWeights()
    {
        var r1 = new Xoshiro256StarStar(9); var r2 = new Xoshiro256StarStar(9);
        var a = new SimilarityMatchingLearner(5, 2, 1e-2, 0.5, 1e-3, ref r1);
        var b = new SimilarityMatchingLearner(5, 2, 1e-2, 0.5, 1e-3, ref r2);
        var s = new SubspaceStream(5, [1.0, 1.0], 0.1);
        Assert.Equal(Train(a, s, 500, 4), Train(b, s, 500, 4));
    }

    [Fact]
    public void BadInputIsRefusedWithTheArgumentAndRange()
    {
        var rng = new Xoshiro256StarStar(1);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new SubspaceStream(5, [1.0, 1.0], -0.1));
        Assert.Equal("irrelevantVariance", e.ParamName);
        Assert.Contains(">= 0", e.Message, StringComparison.Ordinal);
        Assert.Equal("irrelevantVariance", Assert.Throws<ArgumentOutOfRangeException>(() => new SubspaceStream(5, [1.0, 0.5], 0.5)).ParamName);
        Assert.Equal("inputDimension", Assert.Throws<ArgumentOutOfRangeException>(() => new SubspaceStream(1, [1.0, 1.0], 0)).ParamName);
        Assert.Equal("relevantVariances", Assert.Throws<ArgumentOutOfRangeException>(() => new SubspaceStream(4, [1.0, 0], 0)).ParamName);
        Assert.Equal("outputDimension", Assert.Throws<ArgumentOutOfRangeException>(() => new OjaSubspaceLearner(3, 4, 1e-2, 0, ref rng)).ParamName);
        Assert.Equal("learningRate", Assert.Throws<ArgumentOutOfRangeException>(() => new OjaSubspaceLearner(5, 2, 0, 0, ref rng)).ParamName);
        Assert.Equal("learningRate", Assert.Throws<ArgumentOutOfRangeException>(() => new TiedAutoencoderLearner(5, 2, -1e-3, 0, ref rng)).ParamName);
        Assert.Equal("synapticNoiseSd", Assert.Throws<ArgumentOutOfRangeException>(() => new OjaSubspaceLearner(5, 2, 1e-2, -1, ref rng)).ParamName);
        Assert.Equal("tau", Assert.Throws<ArgumentOutOfRangeException>(() => new SimilarityMatchingLearner(5, 2, 1e-2, 0, 0, ref rng)).ParamName);
        Assert.Equal("tau", Assert.Throws<ArgumentOutOfRangeException>(() => new SimilarityMatchingLearner(5, 2, 0.5, 0.4, 0, ref rng)).ParamName);
        Assert.Equal("learningRate", Assert.Throws<ArgumentOutOfRangeException>(() => new SupervisedLinearSgdLearner(5, 4, [1, 0, 0, 1], 2, 0, 0.1, 0, ref rng)).ParamName);
        Assert.Equal("taskMatrix", Assert.Throws<ArgumentException>(() => new SupervisedLinearSgdLearner(5, 4, [1, 0, 0], 2, 1e-2, 0.1, 0, ref rng)).ParamName);
        var oja = new OjaSubspaceLearner(5, 2, 1e-2, 0, ref rng);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => oja.Update(new double[4], new double[2], ref rng)).ParamName);
    }
}

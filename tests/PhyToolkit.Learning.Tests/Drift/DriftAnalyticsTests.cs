using PhyToolkit.Core.Random;
using PhyToolkit.Core.Statistics;
using PhyToolkit.Learning.Drift;

namespace PhyToolkit.Learning.Tests.Drift;

/// <summary>Drift analytics against closed forms and synthetic rotational random walks with known diffusion constants.</summary>
public class DriftAnalyticsTests
{
    private static double[] Rot2(double t) => [Math.Cos(t), -Math.Sin(t), Math.Sin(t), Math.Cos(t)];

    /// <summary>exp(Ω) for Ω antisymmetric 3×3 with plane angles (ω01, ω02, ω12) in the convention Ω_ji = ω_ij (Rodrigues).</summary>
    private static double[] Exp3(double w01, double w02, double w12)
    {
        var o = new double[9];
        o[1 * 3 + 0] = w01; o[0 * 3 + 1] = -w01;
        o[2 * 3 + 0] = w02; o[0 * 3 + 2] = -w02;
        o[2 * 3 + 1] = w12; o[1 * 3 + 2] = -w12;
        double th = Math.Sqrt(w01 * w01 + w02 * w02 + w12 * w12);
        double a = th < 1e-12 ? 1 : Math.Sin(th) / th, b = th < 1e-12 ? 0.5 : (1 - Math.Cos(th)) / (th * th);
        var o2 = Mul(o, o, 3);
        var r = new double[9];
        for (int i = 0; i < 9; i++) r[i] = (i % 4 == 0 ? 1 : 0) + a * o[i] + b * o2[i];
        return r;
    }

    private static double[] Mul(double[] x, double[] y, int m)
    {
        var z = new double[m * m];
        for (int i = 0; i < m; i++) for (int j = 0; j < m; j++) for (int k = 0; k < m; k++) z[i * m + j] += x[i * m + k] * y[k * m + j];
        return z;
    }

    [Fact]
    public void PolarFactorRemovesStretchesAndKeepsRotations()
    {
        // A = R(0.4)·diag(2, 0.5): the polar factor is R(0.4) (exact up to round-off, 1e-12).
        var r = Rot2(0.4);
        var a = new double[] { r[0] * 2, r[1] * 0.5, r[2] * 2, r[3] * 0.5 };
        var q = new double[4];
        DriftAnalytics.PolarFactor(a, 2, 2, q);
        for (int i = 0; i < 4; i++) Assert.Equal(r[i], q[i], 12);
        // A tall 4×2 frame: QᵀQ = I and QᵀA symmetric positive (A = Q P).
        var t = new double[] { 1, 0.2, 0.3, 1, 0.1, -0.4, 0.5, 0.2 };
        var qt = new double[8];
        DriftAnalytics.PolarFactor(t, 4, 2, qt);
        double q00 = 0, q01 = 0, q11 = 0, p01 = 0, p10 = 0;
        for (int k = 0; k < 4; k++) { q00 += qt[2 * k] * qt[2 * k]; q01 += qt[2 * k] * qt[2 * k + 1]; q11 += qt[2 * k + 1] * qt[2 * k + 1]; p01 += qt[2 * k] * t[2 * k + 1]; p10 += qt[2 * k + 1] * t[2 * k]; }
        Assert.Equal(1, q00, 12); Assert.Equal(0, q01, 12); Assert.Equal(1, q11, 12); Assert.Equal(p01, p10, 12);
        Assert.Throws<ArgumentException>(() => DriftAnalytics.PolarFactor(new double[] { 1, 2, 2, 4 }, 2, 2, q));
    }

    [Theory]
    [InlineData(0.3, 0.0, 0.0)]
    [InlineData(0.0, -0.2, 0.1)]
    [InlineData(0.5, 0.4, -0.6)]
    public void PlaneAnglesInvertTheRotationExponential(double w01, double w02, double w12)
    {
        var ang = new double[3];
        DriftAnalytics.RotationPlaneAngles(Exp3(w01, w02, w12), 3, ang);
        Assert.Equal(w01, ang[0], 10); Assert.Equal(w02, ang[1], 10); Assert.Equal(w12, ang[2], 10);
        var a2 = new double[1];
        DriftAnalytics.RotationPlaneAngles(Rot2(w01 - 0.1), 2, a2);
        Assert.Equal(w01 - 0.1, a2[0], 12);
        Assert.Throws<ArgumentOutOfRangeException>(() => DriftAnalytics.RotationPlaneAngles(new double[16], 4, new double[6]));
    }

    /// <summary>A random walk of rotations with per-plane variance 2·D_p·stepsPerLag per recording, embedded in r rows.</summary>
    private static List<double[]> Walk(int m, int rows, double[] planeD, int frames, int stepsPerLag, ulong seed)
    {
        var rng = new Xoshiro256StarStar(seed);
        var list = new List<double[]>();
        var q = new double[m * m];
        for (int i = 0; i < m; i++) q[i * m + i] = 1;
        var stretch = new[] { 1.7, 0.6, 1.1 };
        for (int t = 0; t < frames; t++)
        {
            // frame = B·Q·diag(stretch), B (rows × m) with orthonormal columns: polar(frame) = B·Q, the stretch is removed.
            var g = new double[rows * m];
            double c = Math.Cos(0.5), s = Math.Sin(0.5);
            for (int i = 0; i < m; i++)
            {
                bool split = m + i < rows;
                for (int j = 0; j < m; j++)
                {
                    g[i * m + j] = (split ? c : 1) * q[i * m + j] * stretch[j];
                    if (split) g[(m + i) * m + j] = s * q[i * m + j] * stretch[j];
                }
            }
            list.Add(g);
            var inc = m == 2 ? Rot2(Math.Sqrt(2 * planeD[0] * stepsPerLag) * rng.NextGaussian())
                : Exp3(Math.Sqrt(2 * planeD[0] * stepsPerLag) * rng.NextGaussian(), Math.Sqrt(2 * planeD[1] * stepsPerLag) * rng.NextGaussian(), Math.Sqrt(2 * planeD[2] * stepsPerLag) * rng.NextGaussian());
            q = Mul(q, inc, m);
        }
        return list;
    }

    [Fact]
    public void DiffusionConstantOfASyntheticWalkIsRecoveredWithinItsInterval()
    {
        // 24 independent walks, D = 1e-5 per update, 10 updates per frame, 2000 frames, fit on 100 lags (5 % of the run).
        // The Student 95 % interval over walks must contain the true D (a 5 % chance of a miss per seed set; this set is
        // fixed); the estimate must also be within 20 % (the time-averaged MSD at lag ℓ of a T-frame walk has relative SD
        // ≈ √(4ℓ/3T) ≈ 0.26, so the mean over 24 walks has SE ≈ 5 % and 20 % is 4 SE).
        const double d = 1e-5;
        var est = new double[24];
        for (int k = 0; k < est.Length; k++)
        {
            var frames = Walk(2, 3, [d], 2000, 10, (ulong)(100 + k));
            var msd = DriftAnalytics.MeanSquaredDisplacement(frames, 3, 2, 100, 10);
            est[k] = DriftAnalytics.FitDiffusion(msd, 100).D;
        }
        var ci = Intervals.Mean(est);
        Assert.True(ci.Contains(d), $"CI [{ci.Low}, {ci.High}] misses {d}");
        Assert.InRange(ci.Estimate, 0.8 * d, 1.2 * d);
    }

    [Fact]
    public void PlaneRatesOfAnAnisotropicWalkAreRecoveredInTallFrames()
    {
        // m = 3, 5-row frames with stretches, plane rates (4, 2, 1)·1e-6 per update; every plane's interval over 12 walks
        // contains its true rate, and D is their mean.
        double[] planeD = [4e-6, 2e-6, 1e-6];
        var est = new double[3][];
        for (int p = 0; p < 3; p++) est[p] = new double[12];
        var total = new double[12];
        for (int k = 0; k < 12; k++)
        {
            var frames = Walk(3, 5, planeD, 600, 10, (ulong)(200 + k));
            var fit = DriftAnalytics.FitDiffusion(DriftAnalytics.MeanSquaredDisplacement(frames, 5, 3, 60, 10), 60);
            for (int p = 0; p < 3; p++) est[p][k] = fit.PlaneRates[p];
            total[k] = fit.D;
            Assert.True(fit.RSquared > 0.9);
        }
        for (int p = 0; p < 3; p++)
        {
            var ci = Intervals.Mean(est[p]);
            Assert.True(ci.Contains(planeD[p]), $"plane {p}: [{ci.Low}, {ci.High}] misses {planeD[p]}");
        }
        Assert.True(Intervals.Mean(total).Contains(planeD.Average()));
    }

    [Fact]
    public void PureRotationsKeepTheSimilarityMatrixWhileTheRepresentationDecorrelates()
    {
        // Frames R(θ_t) with θ_t = 0.01 t: S = Aᵀ Rᵀ R A is constant (1e-12), and C(Δ) = cos(0.01 Δ) exactly for m = 2.
        var frames = Enumerable.Range(0, 300).Select(t => Rot2(0.01 * t)).ToList();
        var (change, corr) = DriftAnalytics.Stability(frames, 2, 2, [1, 0, 0.5, 0, 1, -0.5], 3, 100);
        Assert.True(change < 1e-12);
        Assert.Equal(Math.Cos(1.0), corr, 12);
    }

    [Fact]
    public void SubspaceErrorMatchesTheClosedForm()
    {
        // Rows (cos φ e₁ + sin φ e₃, e₂) against U = (e₁, e₂): ‖P − UUᵀ‖_F² = 2 sin² φ.
        double phi = 0.3;
        var map = new double[] { Math.Cos(phi), 0, Math.Sin(phi), 0, 0, 1, 0, 0 };
        Assert.Equal(Math.Sqrt(2) * Math.Sin(phi), DriftAnalytics.SubspaceError(map, 2, 4, 2), 12);
        var (b, a, r2) = DriftAnalytics.LineFit([1, 2, 3, 4], [3, 5, 7, 9]);
        Assert.Equal(2, b, 14); Assert.Equal(1, a, 14); Assert.Equal(1, r2, 14);
    }
}

using PhyToolkit.Core.Random;
using PhyToolkit.Core.Statistics;
using PhyToolkit.Learning.Drift;
using PhyToolkit.Learning.Hebbian;

namespace PhyToolkit.Learning.Tests.Drift;

/// <summary>End-to-end check of learner + estimator against a closed form: synaptic-noise drift of Oja's rule.</summary>
public class SynapticDiffusionTests
{
    [Fact]
    public void OjaSynapticNoiseDiffusesAtSigmaSquaredOverFourPerPlane()
    {
        // [D] At W = QUᵀ a kick σΞ moves the tangent coordinate by antisym(QᵀΞU), whose plane entries (X_ij − X_ji)/2 have
        // variance σ²/2 per update, so θ_ij² grows as σ²Δ/2 = 2DΔ: D = σ²/4, independent of n − m. With equal relevant
        // variances the normal fluctuations do not feed rotations (the linearised flow −2ηλ·sym(ε) has no antisymmetric
        // part), so the closed form holds to leading order. 8 seeds; the 95 % interval over seeds must contain σ²/4.
        const double sigma = 1e-3;
        var est = new double[8];
        for (int k = 0; k < est.Length; k++)
        {
            var rng = new Xoshiro256StarStar((ulong)(300 + k));
            var oja = new OjaSubspaceLearner(6, 2, 5e-3, sigma, ref rng);
            var rec = DriftRecording.Run(oja, new SubspaceStream(6, [1.0, 1.0], 0), 5_000, 50_000, 50, ref rng);
            var msd = DriftAnalytics.MeanSquaredDisplacement(rec.Frames, rec.Rows, 2, 100, 50);
            est[k] = DriftAnalytics.FitDiffusion(msd, 100).D;
        }
        var ci = Intervals.Mean(est);
        Assert.True(ci.Contains(sigma * sigma / 4), $"[{ci.Low}, {ci.High}] misses {sigma * sigma / 4}");
    }
}

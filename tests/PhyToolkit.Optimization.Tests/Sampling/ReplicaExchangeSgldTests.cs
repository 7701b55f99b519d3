using MathNet.Numerics;
using PhyToolkit.Core.Random;
using PhyToolkit.Core.Statistics;
using PhyToolkit.Optimization.Sampling;
using Xunit.Abstractions;

namespace PhyToolkit.Optimization.Tests.Sampling;

public class ReplicaExchangeSgldTests(ITestOutputHelper output)
{
    private static double LeftFraction(double[] samples) => samples.Count(v => v < 0) / (double)samples.Length;

    // Claim 1 (docs/morephy.md): U = 5(θ² − 1)² at τ1 = 0.1. The barrier is 50 τ1 high, so a single SGLD chain stays in
    // its starting well for 2·10⁴ steps; with a τ2 = 2 replica and swaps every 10 steps the low-temperature chain spends
    // half its time in each well. Four seeds pooled (8·10⁴ states with a few hundred well changes per seed): the
    // pooled fraction's standard error is ≈ 0.02, so the spec's ±0.1 band is about 4.5 standard errors.
    [Fact]
    public void SwapsLetTheColdChainVisitBothWellsOfASymmetricDoubleWell()
    {
        var well = new DoubleWell();
        var single = new LangevinSampler(0.005, 0.1).Run(well, new[] { -1.0 }, 20000, 0, 1, 3);
        Assert.All(single, v => Assert.True(v < 0));

        var sampler = new ReplicaExchangeSgld(new ReplicaExchangeSgldOptions
        {
            LowStepSize = 0.005, HighStepSize = 0.005, LowTemperature = 0.1, HighTemperature = 2, Steps = 20000,
            BurnInFraction = 0, Thinning = 1,
        });
        var fractions = new List<double>();
        var rates = new List<double>();
        for (ulong seed = 1; seed <= 4; seed++)
        {
            var r = sampler.Run(well, new[] { -1.0 }, new[] { -1.0 }, seed);
            Assert.Equal(0, r.VarianceEstimate); // exact energies: the probes agree, no correction
            fractions.Add(LeftFraction(r.Samples));
            rates.Add(r.SwapRate);
        }
        output.WriteLine($"left-well fractions {string.Join(", ", fractions.Select(f => f.ToString("F3")))}; swap rates {string.Join(", ", rates.Select(f => f.ToString("F3")))}");
        Assert.InRange(fractions.Average(), 0.4, 0.6);
        Assert.All(rates, r => Assert.InRange(r, 0.05, 0.95));
    }

    // Claim 2: asymmetric well U = 5(θ² − 1)² + θ at τ1 = 0.5, τ2 = 5, every energy estimate with additive N(0, 1) noise.
    // The corrected swap (F = 1) reproduces the exact P(θ < 0) within 0.05; the naive swap (F = ∞) is biased: its paired
    // 95 % interval of (corrected − naive) left-well fraction over four seeds lies above 0.
    [Fact]
    public void CorrectedSwapsRemoveTheBiasOfNoisyEnergies()
    {
        var well = new DoubleWell(tilt: 1, energyNoise: 1);
        double exact = well.LeftWellProbability(0.5);
        ReplicaExchangeSgld Make(double f) => new(new ReplicaExchangeSgldOptions
        {
            LowStepSize = 0.005, HighStepSize = 0.005, LowTemperature = 0.5, HighTemperature = 5, Steps = 200000,
            BurnInFraction = 0.1, Thinning = 5, CorrectionFactor = f, VarianceProbes = 2,
        });
        var corrected = new double[4];
        var naive = new double[4];
        for (int s = 0; s < 4; s++)
        {
            var rc = Make(1).Run(well, new[] { 1.0 }, new[] { 1.0 }, 10 + (ulong)s);
            corrected[s] = LeftFraction(rc.Samples);
            naive[s] = LeftFraction(Make(double.PositiveInfinity).Run(well, new[] { 1.0 }, new[] { 1.0 }, 10 + (ulong)s).Samples);
            // σ̂² estimates half the variance of the mean of k = 2 probe differences: (2·1²/2)/2 = 0.5.
            Assert.InRange(rc.VarianceEstimate, 0.25, 0.75);
        }
        var gap = Intervals.PairedDifference(corrected, naive);
        output.WriteLine($"exact {exact:F4}; corrected {corrected.Average():F4}; naive {naive.Average():F4}; corrected − naive {gap.Estimate:F4} [{gap.Low:F4}, {gap.High:F4}]");
        Assert.True(Math.Abs(corrected.Average() - exact) < 0.05);
        Assert.True(gap.Low > 0, $"naive swaps not measurably biased: {gap}");
    }

    // 2-D Gaussian target exp(−½θᵀPθ) at τ1 = 1, covariance Σ = P⁻¹ = [[1, 0.5], [0.5, 2]]. Batch means (20 batches of
    // thinned samples) give 95 % t-intervals for E[θ_i] and E[θ_i²]; the truth (0 and Σ_ii, up to the O(η) SGLD bias,
    // ≈ 0.5 % at η = 0.01) must lie inside a 99 % interval.
    [Fact]
    public void SampleMomentsMatchAGaussianTarget()
    {
        double det = 1 * 2 - 0.25;
        var p = new double[,] { { 2 / det, -0.5 / det }, { -0.5 / det, 1 / det } };
        var sampler = new ReplicaExchangeSgld(new ReplicaExchangeSgldOptions
        {
            LowStepSize = 0.01, LowTemperature = 1, HighTemperature = 10, Steps = 400000, Thinning = 10,
        });
        var r = sampler.Run(new GaussianEnergy(p), new[] { 3.0, -3.0 }, new[] { 0.0, 0.0 }, 77);
        int n = r.SampleCount, batches = 20, per = n / batches;
        double[] truthVar = { 1, 2 };
        for (int i = 0; i < 2; i++)
        {
            var means = new double[batches];
            var squares = new double[batches];
            for (int b = 0; b < batches; b++)
            {
                for (int k = b * per; k < (b + 1) * per; k++) { double v = r.Samples[2 * k + i]; means[b] += v; squares[b] += v * v; }
                means[b] /= per; squares[b] /= per;
            }
            var m = Intervals.Mean(means, 0.99);
            var s = Intervals.Mean(squares, 0.99);
            output.WriteLine($"θ{i}: mean {m.Estimate:F4} [{m.Low:F4}, {m.High:F4}], E θ² {s.Estimate:F4} [{s.Low:F4}, {s.High:F4}] (truth {truthVar[i]})");
            Assert.InRange(0.0, m.Low, m.High);
            Assert.InRange(truthVar[i], s.Low, s.High);
        }
    }

    // The score formula s = exp(Δ(D̃ − Δσ̂²/F)) by hand, and two closed forms with D̃ ~ N(D, V), σ̂² = V/2, F = 1, Δ = 1/τ1 − 1/τ2:
    // (a) E[s] = exp(ΔD) (unbiasedness of the correction), (b) E[min(1, s)] = Φ(μ/σ) + exp(μ + σ²/2) Φ(−(μ + σ²)/σ) for
    // log s ~ N(μ, σ²), μ = Δ(D − ΔV/2), σ² = Δ²V. 4·10⁵ draws: standard errors ≈ 1e-3 relative; tolerances 5e-3.
    [Fact]
    public void SwapScoreMatchesItsClosedForms()
    {
        Assert.Equal(Math.Exp(1.5 * (0.4 - 1.5 * 0.2 / 2)), ReplicaExchangeSgld.SwapScore(0.4, 0.5, 2, 0.2, 2), 14);
        Assert.Equal(Math.Exp(1.5 * 0.4), ReplicaExchangeSgld.SwapScore(0.4, 0.5, 2, 0.2, double.PositiveInfinity), 14);

        const double tau1 = 1, tau2 = 4, d = -0.6, v = 0.3;
        double delta = 1 / tau1 - 1 / tau2;
        var rng = new Xoshiro256StarStar(21);
        double sumS = 0, sumA = 0;
        const int n = 400000;
        for (int i = 0; i < n; i++)
        {
            double dTilde = d + Math.Sqrt(v) * rng.NextGaussian();
            double s = ReplicaExchangeSgld.SwapScore(dTilde, tau1, tau2, v / 2, 1);
            sumS += s; sumA += Math.Min(1, s);
        }
        double mu = delta * (d - delta * v / 2), sigma = delta * Math.Sqrt(v);
        double phi(double z) => 0.5 * SpecialFunctions.Erfc(-z / Math.Sqrt(2));
        double acceptance = phi(mu / sigma) + Math.Exp(mu + sigma * sigma / 2) * phi(-(mu + sigma * sigma) / sigma);
        output.WriteLine($"E[s] {sumS / n:F5} vs {Math.Exp(delta * d):F5}; E[min(1,s)] {sumA / n:F5} vs {acceptance:F5}");
        Assert.Equal(Math.Exp(delta * d), sumS / n, 2);
        Assert.True(Math.Abs(sumS / n / Math.Exp(delta * d) - 1) < 5e-3);
        Assert.True(Math.Abs(sumA / n / acceptance - 1) < 5e-3);
    }

    [Fact]
    public void BadSettingsAreRefusedNamingTheField()
    {
        ReplicaExchangeSgldOptions Base() => new() { LowStepSize = 0.01, Steps = 100 };
        Assert.Equal("LowStepSize", Assert.Throws<ArgumentOutOfRangeException>(() => new ReplicaExchangeSgld(Base() with { LowStepSize = 0 })).ParamName);
        Assert.Equal("HighTemperature", Assert.Throws<ArgumentOutOfRangeException>(() => new ReplicaExchangeSgld(Base() with { HighTemperature = 0.5 })).ParamName);
        Assert.Equal("CorrectionFactor", Assert.Throws<ArgumentOutOfRangeException>(() => new ReplicaExchangeSgld(Base() with { CorrectionFactor = 0.5 })).ParamName);
        Assert.Equal("VarianceProbes", Assert.Throws<ArgumentOutOfRangeException>(() => new ReplicaExchangeSgld(Base() with { VarianceProbes = 1 })).ParamName);
        Assert.Equal("BurnInFraction", Assert.Throws<ArgumentOutOfRangeException>(() => new ReplicaExchangeSgld(Base() with { BurnInFraction = 1 })).ParamName);
        Assert.Equal("stepSize", Assert.Throws<ArgumentOutOfRangeException>(() => new LangevinSampler(-1)).ParamName);
    }
}

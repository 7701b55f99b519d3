using PhyToolkit.Core.Random;
using PhyToolkit.Learning.Decentralized;

namespace PhyToolkit.Learning.Tests.Decentralized;

public class PushSumMixerTests
{
    private static PushSumMixer RandomState(IDirectedTopology t, int d, ulong seed, out double[] mean)
    {
        var m = new PushSumMixer(t, d);
        var rng = new Xoshiro256StarStar(seed);
        mean = new double[d];
        for (int i = 0; i < t.NodeCount; i++)
        {
            var x = m.Numerator(i);
            for (int j = 0; j < d; j++) { x[j] = 10 * rng.NextGaussian(); mean[j] += x[j] / t.NodeCount; }
        }
        return m;
    }

    [Theory]
    [InlineData("exponential", 16)]
    [InlineData("exponential", 13)]
    [InlineData("ring", 16)]
    [InlineData("random", 16)]
    public void MixingMatrixIsColumnStochasticAndNonNegative(string name, int n)
    {
        var m = new PushSumMixer(DirectedTopology.Create(name, n, 3), 1);
        for (long k = 0; k < 40; k++)
        {
            var P = m.MixingMatrix(k);
            for (int i = 0; i < n; i++)
            {
                double col = 0;
                for (int l = 0; l < n; l++) { Assert.True(P[l * n + i] >= 0); col += P[l * n + i]; }
                Assert.Equal(1.0, col, 1e-15);
                Assert.Equal(0.5, P[i * n + i]); // one out-peer: keep 1/(1 + 1)
            }
        }
    }

    [Theory]
    [InlineData("exponential")]
    [InlineData("ring")]
    [InlineData("random")]
    public void MassIsConservedTo1e12AndEveryNodeConvergesToTheInitialAverage(string name)
    {
        const int n = 16, d = 7;
        var t = DirectedTopology.Create(name, n, 9);
        var m = RandomState(t, d, 42, out var mean);
        var sum0 = new double[d];
        m.NumeratorSum(sum0);
        var sum = new double[d];
        var z = new double[d];
        for (long k = 0; k < 400; k++)
        {
            m.Mix(k);
            Assert.Equal(n, m.TotalWeight(), 1e-12);
            m.NumeratorSum(sum);
            for (int j = 0; j < d; j++) Assert.True(Math.Abs(sum[j] - sum0[j]) <= 1e-12 * Math.Max(1, Math.Abs(sum0[j])), $"k={k} j={j}: {sum[j]} vs {sum0[j]}");
        }
        // after 400 steps the slowest graph (ring, second eigenvalue modulus cos(π/16) ≈ 0.98 per step) is at ≈ 1e-4 of the start
        for (int i = 0; i < n; i++)
        {
            m.Debiased(i, z);
            for (int j = 0; j < d; j++) Assert.Equal(mean[j], z[j], 1e-2);
        }
    }

    [Fact]
    public void ExponentialGraphOnAPowerOfTwoAveragesExactlyInLog2NSteps()
    {
        // offsets 1, 2, 4, 8 with weights 1/2 form a butterfly: after 4 steps every node holds the exact average
        var m = RandomState(new DirectedExponentialGraph(16), 5, 1, out var mean);
        double e0 = m.ConsensusError();
        for (long k = 0; k < 4; k++) m.Mix(k);
        Assert.True(m.ConsensusError() <= 1e-24 * e0, $"{m.ConsensusError()} vs start {e0}");
        var avg = new double[5];
        m.AverageModel(avg);
        for (int j = 0; j < 5; j++) Assert.Equal(mean[j], avg[j], 1e-12);
    }

    [Fact]
    public void ConsensusErrorDecaysGeometricallyOnTheRing()
    {
        // ring with keep-half weights: P = (I + S)/2 is doubly stochastic, error contracts by |1 + e^{2πi/n}|²/4 = cos²(π/n) per step at worst
        const int n = 16;
        var m = RandomState(new DirectedRing(n), 3, 2, out _);
        double prev = m.ConsensusError();
        double rho = Math.Pow(Math.Cos(Math.PI / n), 2);
        for (long k = 0; k < 60; k++)
        {
            m.Mix(k);
            double e = m.ConsensusError();
            Assert.True(e <= rho * prev * (1 + 1e-9), $"k={k}: {e} > {rho} x {prev}");
            prev = e;
        }
    }
}

using System.Numerics;
using PhyToolkit.Antennas;
using PhyToolkit.Channels.Sampling;
using PhyToolkit.Core.Random;

namespace PhyToolkit.Channels.Tests.Sampling;

public class RisLinkSamplerTests
{
    [Fact]
    public void RankIsAtMostPathCountAndDrawsAreDeterministic()
    {
        var upa = new UniformPlanarArray(3, 3, 3);
        var ris = new RisPanel(4, 4);
        var r1 = new Xoshiro256StarStar(12); var r2 = new Xoshiro256StarStar(12);
        var h1 = new Complex[9 * 16]; var h2 = new Complex[9 * 16];
        RisLinkSampler.SampleRisToAlice(upa.Positions, ris.Positions, 2, ref r1, h1);
        RisLinkSampler.SampleRisToAlice(upa.Positions, ris.Positions, 2, ref r2, h2);
        Assert.Equal(h1, h2);
        var sv = TestHelpers.ToMatrix(h1, 9, 16).Svd(computeVectors: false).S;
        // Sum of L_G = 2 rank-one terms: singular values beyond the second vanish (round-off ~1e-14·‖H‖).
        for (int i = 2; i < sv.Count; i++) Assert.True(sv[i].Magnitude < 1e-12 * sv[0].Magnitude);
    }

    [Fact]
    public void EntryPowerIsOneOnAverage()
    {
        // E|[H_AR]_mn|² = Σ_q E|g_q|² = L_G · (1/L_G) = 1 (unit-modulus field responses). Over 2000 trials × 4 entries
        // the mean of |H|² (Exp(1)-like per trial with ≤ 2 paths) has relative standard error ≲ 1/√2000 ≈ 0.022; allow 0.1.
        var upa = new UniformPlanarArray(2, 1, 3);
        var ris = new RisPanel(1, 2);
        var rng = new Xoshiro256StarStar(13);
        var h = new Complex[4];
        double s = 0;
        for (int t = 0; t < 2000; t++)
        {
            RisLinkSampler.SampleRisToAlice(upa.Positions, ris.Positions, 2, ref rng, h);
            foreach (var z in h) s += z.Real * z.Real + z.Imaginary * z.Imaginary;
        }
        Assert.InRange(s / 8000, 0.9, 1.1);
    }
}

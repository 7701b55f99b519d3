using PhyToolkit.Core.Random;
using PhyToolkit.Channels.Fading;

namespace PhyToolkit.Channels.Tests.Fading;

public class FadingTests
{
    public static TheoryData<string> Models() => new() { "none", "rayleigh", "rician0", "rician3" };

    private static IFadingModel Make(string name) => name switch
    {
        "none" => NoFading.Instance,
        "rayleigh" => RayleighFading.Instance,
        "rician0" => new RicianFading(0),
        _ => new RicianFading(3),
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void MeanPowerGainEqualsBetaAndExceedanceMatches(string name)
    {
        var model = Make(name);
        const double beta = 0.37, theta = 0.1;
        var rng = new Xoshiro256StarStar(SeedMixer.Hash(name));
        const int n = 200_000;
        double s = 0, s2 = 0; int over = 0;
        for (int i = 0; i < n; i++)
        {
            double h = model.SampleAmplitude(ref rng, beta);
            double g = h * h;
            s += g; s2 += g * g;
            if (g >= theta) over++;
        }
        double mean = s / n, var = s2 / n - mean * mean;
        // E|h|^2 = beta within 4 standard errors (plus 1e-12 for the deterministic no-fading case)
        Assert.InRange(mean - beta, -4 * Math.Sqrt(var / n) - 1e-12, 4 * Math.Sqrt(var / n) + 1e-12);
        // P(|h|^2 >= theta) closed form vs frequency: binomial SE sqrt(p(1-p)/n), 4 SE
        double p = model.ExceedanceProbability(theta, beta);
        double se = Math.Sqrt(p * (1 - p) / n);
        Assert.InRange((double)over / n - p, -4 * se - 1e-12, 4 * se + 1e-12);
    }

    [Fact]
    public void RicianWithZeroKEqualsRayleighExceedance()
    {
        // K = 0 is Rayleigh: exp(-theta/beta); the Marcum-Q path is checked at K -> 0+ (continuity, 6 digits)
        Assert.Equal(Math.Exp(-0.1 / 0.5), new RicianFading(1e-9).ExceedanceProbability(0.1, 0.5), 1e-6);
    }

    [Fact]
    public void BlockFadingIsPerLinkPerRoundAndOrderIndependent()
    {
        var p = new BlockFadingProcess(RayleighFading.Instance, new[] { 1.0, 0.5, 0.1 }, 42);
        double h21 = p.Amplitude(2, 1);
        _ = p.Amplitude(7, 0);
        Assert.Equal(h21, p.Amplitude(2, 1));                  // same (round, link) -> same realisation
        Assert.NotEqual(h21, p.Amplitude(3, 1));               // a new round redraws
        Assert.NotEqual(p.Amplitude(2, 0), p.Amplitude(2, 1)); // links are independent
        var all = new double[3];
        p.Amplitudes(2, all);
        Assert.Equal(h21, all[1]);
    }

    [Fact]
    public void BadInputNamesTheParameter()
    {
        Assert.Equal("kFactor", Assert.Throws<ArgumentOutOfRangeException>(() => new RicianFading(-1)).ParamName);
        Assert.Equal("meanGain", Assert.Throws<ArgumentOutOfRangeException>(() => RayleighFading.Instance.ExceedanceProbability(0.1, 0)).ParamName);
    }
}

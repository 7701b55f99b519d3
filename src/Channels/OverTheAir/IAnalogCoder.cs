using PhyToolkit.Core.Random;

namespace PhyToolkit.Channels.OverTheAir;

/// <summary>
/// An analog pre-coder/post-coder pair: the pre-coder maps v to a transmitted amplitude (after the DAC), the post-coder
/// is linear in the ADC output, <c>v_hat = PostcodeGain * Q(y)</c>, averaged over <see cref="Repetitions"/> uses.
/// </summary>
public interface IAnalogCoder : ILinkCoder
{
    /// <summary>Repetitions k (independent channel uses averaged per coordinate).</summary>
    int Repetitions { get; }

    /// <summary>Draws the transmitted amplitude x (after the DAC, |x| &lt;= A) for coordinate v in [-1, 1].</summary>
    double Precode(double v, LinkHardware hardware, ref Xoshiro256StarStar rng);

    /// <summary>The post-coder factor g such that v_hat = g Q(y) for one channel use over amplitude gain h.</summary>
    double PostcodeGain(double gain, LinkHardware hardware);
}

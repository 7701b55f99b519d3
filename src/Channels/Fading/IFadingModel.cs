using PhyToolkit.Core.Random;

namespace PhyToolkit.Channels.Fading;

/// <summary>
/// Small-scale fading of a real effective link gain after phase correction: draws the amplitude <c>|h|</c> with
/// <c>E|h|^2 = beta</c> (the large-scale mean power gain). Spec ota-fl.md §1.2 ([Proposed]).
/// </summary>
public interface IFadingModel
{
    /// <summary>Draws one amplitude |h| &gt;= 0 with E|h|^2 = <paramref name="meanGain"/> (linear power gain, &gt; 0).</summary>
    double SampleAmplitude(ref Xoshiro256StarStar rng, double meanGain);

    /// <summary>P(|h|^2 &gt;= <paramref name="threshold"/>) for mean power gain <paramref name="meanGain"/> (closed form).</summary>
    double ExceedanceProbability(double threshold, double meanGain);
}

namespace PhyToolkit.Learning.Diffusion;

/// <summary>
/// The DDPM noise schedule shared by training and sampling: <c>T</c> steps, β linear from
/// <see cref="BetaStart"/> to <see cref="BetaEnd"/>, <c>ᾱ_t = Π_{s ≤ t}(1 − β_s)</c> for t = 0..T−1 (Ho et al. 2020;
/// the diffusers defaults 1000, 1e-4, 0.02 used by the DMPlug/DMILO code [code], docs/inverse-imaging.md).
/// Values: ᾱ_0 = 0.9999, ᾱ_333 ≈ 0.319, ᾱ_666 ≈ 1.10e-2, ᾱ_999 ≈ 4.04e-5.
/// </summary>
public sealed class LinearBetaSchedule
{
    private readonly double[] _alphaBar;

    /// <summary>Builds the schedule.</summary>
    /// <param name="trainingSteps">T ≥ 2 (1000 in the papers).</param>
    /// <param name="betaStart">β_0 in (0, 1).</param>
    /// <param name="betaEnd">β_{T−1} in [β_0, 1).</param>
    public LinearBetaSchedule(int trainingSteps = 1000, double betaStart = 1e-4, double betaEnd = 0.02)
    {
        TrainingSteps = Guard.AtLeast(trainingSteps, 2, nameof(trainingSteps));
        BetaStart = Guard.InRange(betaStart, double.Epsilon, 0.999, nameof(betaStart));
        BetaEnd = Guard.InRange(betaEnd, betaStart, 0.999, nameof(betaEnd));
        _alphaBar = new double[trainingSteps];
        double prod = 1;
        for (int t = 0; t < trainingSteps; t++)
        {
            double beta = betaStart + (betaEnd - betaStart) * t / (trainingSteps - 1);
            prod *= 1 - beta;
            _alphaBar[t] = prod;
        }
    }

    /// <summary>The paper setting: 1000 steps, β from 1e-4 to 0.02.</summary>
    public static LinearBetaSchedule Default { get; } = new();

    /// <summary>T.</summary>
    public int TrainingSteps { get; }

    /// <summary>β_0.</summary>
    public double BetaStart { get; }

    /// <summary>β_{T−1}.</summary>
    public double BetaEnd { get; }

    /// <summary>ᾱ_t for t in [0, T); 1 for t &lt; 0 (the "set_alpha_to_one" rule of the DDIM step [code]).</summary>
    public double AlphaBar(int t)
    {
        if (t < 0) return 1;
        if (t >= TrainingSteps) throw new ArgumentOutOfRangeException(nameof(t), t, $"t = {t}; allowed: an integer < {TrainingSteps}.");
        return _alphaBar[t];
    }
}

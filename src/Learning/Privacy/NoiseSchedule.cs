using System.Globalization;

namespace PhyToolkit.Learning.Privacy;

/// <summary>
/// A noise-multiplier schedule σ_k = σ_0 · f(k) with f(0) = 1 and f non-increasing. ADP-VRSGP (Wu et al.,
/// arXiv:2510.20157) decays the noise variance stepwise; the stage length and factor are not given in the paper's
/// abstract and are our choice (defaults in the scenario's docs page).
/// </summary>
public abstract class NoiseSchedule
{
    private protected NoiseSchedule() { }

    /// <summary>f(k) ∈ (0, 1], the multiplier relative to σ_0 at step k ≥ 0.</summary>
    public abstract double Factor(long step);

    /// <summary>Short name for reports.</summary>
    public abstract string Name { get; }

    /// <summary>Length of the stretches of steps over which <see cref="Factor"/> is constant (used to group accounting).</summary>
    public abstract long StageLength { get; }

    /// <summary>σ_k = σ_0 f(k).</summary>
    public double Multiplier(double sigma0, long step) => sigma0 * Factor(step);

    /// <summary>f(k) = 1: the fixed-variance noise of DP-SGP and PrivSGP-VR (Zhu et al., arXiv:2405.02638).</summary>
    public static NoiseSchedule Constant { get; } = new ConstantSchedule();

    /// <summary>f(k) = γ^⌊k/S⌋: stepwise decay (ADP-VRSGP, arXiv:2510.20157; γ and S our choice).</summary>
    /// <param name="factor">γ ∈ (0, 1].</param>
    /// <param name="stageLength">S ≥ 1 steps per stage.</param>
    public static NoiseSchedule StepDecay(double factor, long stageLength) =>
        new StepDecaySchedule(Guard.InRange(factor, double.Epsilon, 1, nameof(factor)), Guard.AtLeast(stageLength, 1L, nameof(stageLength)));

    private sealed class ConstantSchedule : NoiseSchedule
    {
        public override double Factor(long step) => 1;
        public override string Name => "constant";
        public override long StageLength => long.MaxValue;
    }

    private sealed class StepDecaySchedule(double gamma, long stage) : NoiseSchedule
    {
        public override double Factor(long step) => Math.Pow(gamma, Guard.AtLeast(step, 0L, nameof(step)) / stage);
        public override string Name => string.Create(CultureInfo.InvariantCulture, $"step {gamma:G4}^floor(k/{stage})");
        public override long StageLength => stage;
    }
}

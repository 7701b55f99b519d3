namespace PhyToolkit.Channels.Sampling;

/// <summary>
/// Noise and pilot-power settings of the PLKG probing protocol (docs/fa-plkg.md, §1.4 [C]): noise variance σ²,
/// Bob's uplink pilot power p_B and uplink pilot count τ_u. Alice's LS-estimation error variance is
/// <c>σ_A² = σ²/(p_B τ_u)</c>; Bob's observation-noise variance is <c>σ_B² = σ²</c> (unit-modulus downlink pilots).
/// Spec defaults: σ² = 1, p_B = P_A = ρ (SNR), τ_u = 1 ⇒ σ_A² = 1/ρ, σ_B² = 1.
/// </summary>
public sealed record ProbingNoise
{
    /// <summary>Creates the settings.</summary>
    /// <param name="noiseVariance">σ² &gt; 0, finite.</param>
    /// <param name="bobPilotPower">p_B &gt; 0, finite (linear, same unit as σ²).</param>
    /// <param name="uplinkPilotCount">τ_u ≥ 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">Any value outside its range.</exception>
    public ProbingNoise(double noiseVariance, double bobPilotPower, int uplinkPilotCount = 1)
    {
        if (!double.IsFinite(noiseVariance) || noiseVariance <= 0) throw new ArgumentOutOfRangeException(nameof(noiseVariance), noiseVariance, "σ² must be a finite number > 0");
        if (!double.IsFinite(bobPilotPower) || bobPilotPower <= 0) throw new ArgumentOutOfRangeException(nameof(bobPilotPower), bobPilotPower, "p_B must be a finite number > 0");
        if (uplinkPilotCount < 1) throw new ArgumentOutOfRangeException(nameof(uplinkPilotCount), uplinkPilotCount, "τ_u must be ≥ 1");
        NoiseVariance = noiseVariance; BobPilotPower = bobPilotPower; UplinkPilotCount = uplinkPilotCount;
    }

    /// <summary>docs/fa-plkg.md defaults at SNR ρ (linear): σ² = 1, p_B = ρ, τ_u as given (default 1).</summary>
    /// <param name="snrLinear">ρ = P_A/σ² &gt; 0.</param>
    /// <param name="uplinkPilotCount">τ_u ≥ 1.</param>
    public static ProbingNoise FromSnr(double snrLinear, int uplinkPilotCount = 1)
    {
        if (!double.IsFinite(snrLinear) || snrLinear <= 0) throw new ArgumentOutOfRangeException(nameof(snrLinear), snrLinear, "the SNR must be a finite number > 0 (linear)");
        return new ProbingNoise(1.0, snrLinear, uplinkPilotCount);
    }

    /// <summary>As <see cref="FromSnr"/> with ρ given in dB (ρ = 10^{snrDb/10}).</summary>
    /// <param name="snrDb">SNR in dB, finite.</param>
    /// <param name="uplinkPilotCount">τ_u ≥ 1.</param>
    public static ProbingNoise FromSnrDb(double snrDb, int uplinkPilotCount = 1)
    {
        if (!double.IsFinite(snrDb)) throw new ArgumentOutOfRangeException(nameof(snrDb), snrDb, "the SNR must be a finite number (dB)");
        return FromSnr(Math.Pow(10, snrDb / 10), uplinkPilotCount);
    }

    /// <summary>σ², the receiver noise variance.</summary>
    public double NoiseVariance { get; }

    /// <summary>p_B, Bob's uplink pilot power.</summary>
    public double BobPilotPower { get; }

    /// <summary>τ_u, the number of uplink pilot symbols.</summary>
    public int UplinkPilotCount { get; }

    /// <summary>σ_A² = σ²/(p_B τ_u): variance of each entry of Alice's estimation error e_A.</summary>
    public double AliceEstimationVariance => NoiseVariance / (BobPilotPower * UplinkPilotCount);

    /// <summary>σ_B² = σ²: variance of each entry of Bob's observation noise e_B.</summary>
    public double BobObservationVariance => NoiseVariance;
}

using PhyToolkit.Channels.Fading;
namespace PhyToolkit.Channels.OverTheAir;

/// <summary>
/// Truncated channel inversion (idea from Zhu, Wang, Huang, arXiv:1812.11494; details spec ota-fl.md §1.3, [Proposed]).
/// Device m transmits only if <c>h_m^2 &gt;= theta</c>, then sends <c>x_m = rho s_m / (h_m p_m)</c> with
/// <c>p_m = P(h_m^2 &gt;= theta)</c> (inverse-probability weighting) so the received contribution is
/// <c>rho s_m / p_m</c>, whose mean over participation is <c>rho s_m</c> for every device, near or far.
/// <c>rho = min_m A_max,m sqrt(theta) p_m / A</c> guarantees <c>|x_m| &lt;= A_max,m</c> (per-device peak budgets).
/// Without weighting (ablation) <c>x_m = rho s_m / h_m</c> and <c>rho = min_m A_max,m sqrt(theta) / A</c>.
/// </summary>
public sealed class TruncatedChannelInversion : IPowerControl
{
    private readonly double[] _peaks;
    private readonly double[] _p;

    /// <summary>Creates the policy.</summary>
    /// <param name="threshold">theta: power-gain threshold (finite, &gt; 0).</param>
    /// <param name="peakAmplitudes">A_max,m per device (&gt; 0).</param>
    /// <param name="meanGains">beta_m per device (&gt; 0), same length.</param>
    /// <param name="fading">Fading law used for p_m.</param>
    /// <param name="symbolAmplitude">Symbol amplitude A (&gt; 0).</param>
    /// <param name="inverseProbabilityWeighting">Divide by p_m (default true; false is the biased ablation).</param>
    public TruncatedChannelInversion(double threshold, ReadOnlySpan<double> peakAmplitudes, ReadOnlySpan<double> meanGains,
        IFadingModel fading, double symbolAmplitude = 1, bool inverseProbabilityWeighting = true)
    {
        if (!double.IsFinite(threshold) || threshold <= 0) throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "threshold must be a finite power gain > 0");
        ArgumentNullException.ThrowIfNull(fading);
        _peaks = Guard.AllPositive(peakAmplitudes, "peakAmplitudes");
        if (meanGains.Length != _peaks.Length) throw new ArgumentException($"meanGains must have length {_peaks.Length} (one per device)", nameof(meanGains));
        SymbolAmplitude = Guard.Positive(symbolAmplitude, "symbolAmplitude");
        Threshold = threshold;
        InverseProbabilityWeighting = inverseProbabilityWeighting;
        _p = new double[_peaks.Length];
        double rho = double.PositiveInfinity;
        for (int m = 0; m < _p.Length; m++)
        {
            _p[m] = fading.ExceedanceProbability(threshold, meanGains[m]);
            if (!(_p[m] > 0)) throw new ArgumentOutOfRangeException(nameof(threshold), threshold, $"device {m} never exceeds the threshold (p_m = 0); lower theta");
            double w = inverseProbabilityWeighting ? _p[m] : 1;
            rho = Math.Min(rho, _peaks[m] * Math.Sqrt(threshold) * w / SymbolAmplitude);
        }
        AlignedGain = rho;
    }

    /// <summary>Threshold theta on |h|^2.</summary>
    public double Threshold { get; }

    /// <summary>Whether contributions are divided by p_m.</summary>
    public bool InverseProbabilityWeighting { get; }

    /// <summary>The common received gain rho.</summary>
    public double AlignedGain { get; }

    /// <inheritdoc />
    public int Devices => _peaks.Length;

    /// <inheritdoc />
    public double SymbolAmplitude { get; }

    /// <inheritdoc />
    public double PeakAmplitude(int device) => _peaks[device];

    /// <inheritdoc />
    public double InclusionProbability(int device) => _p[device];

    /// <summary>Received amplitude gain of a participating device: rho / p_m (weighted) or rho.</summary>
    public double ReceivedGain(int device) => InverseProbabilityWeighting ? AlignedGain / _p[device] : AlignedGain;

    /// <inheritdoc />
    public double AmplitudeFactor(int device, double gain)
    {
        if (!(gain >= 0) || double.IsInfinity(gain)) throw new ArgumentOutOfRangeException(nameof(gain), gain, "gain must be finite and >= 0");
        if (gain * gain < Threshold) return 0;
        return ReceivedGain(device) / gain;
    }
}

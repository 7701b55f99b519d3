using PhyToolkit.Antennas;
using PhyToolkit.Channels.Correlation;
using PhyToolkit.Channels.KeyGeneration;

namespace PhyToolkit.Optimization.KeyGeneration;

/// <summary>
/// One instance of the FA-PLKG design problem (P0) of fa-plkg docs/fa-plkg.md (arXiv 2509.00018): maximise KGR(P, t̃) over
/// the precoder P (M×K, ‖P‖²_F ≤ E) and the antenna positions t̃ in the square region with minimum spacing D,
/// for one channel geometry (a spatial-correlation model R(t̃)) and one SNR.
/// </summary>
/// <remarks>
/// Positions are flat spans x0,y0,x1,y1,… in wavelengths (the Antennas convention); precoders are row-major M×K
/// (the <see cref="KgrModel"/> convention). The spacing penalty η per violating pair is 10 bits (docs/fa-plkg.md, our choice:
/// it dominates any KGR difference so feasible particles always win).
/// </remarks>
public sealed class KeyGenerationProblem
{
    /// <summary>Creates the problem.</summary>
    /// <param name="correlation">R(t̃): field-response (default, docs/fa-plkg.md), Jakes or 3-D sinc.</param>
    /// <param name="antennas">M ≥ 1.</param>
    /// <param name="slots">K ≥ 1 (spec default K = M).</param>
    /// <param name="region">The region [0, A]² with minimum spacing D; must fit M antennas.</param>
    /// <param name="snrDb">SNR ρ in dB (docs/fa-plkg.md): σ_A² = 1/ρ, σ_B² = 1, E = Kρ.</param>
    /// <param name="penaltyPerViolation">η ≥ 0, bits subtracted per antenna pair closer than D (docs/fa-plkg.md: 10).</param>
    public KeyGenerationProblem(ISpatialCorrelation correlation, int antennas, int slots, PlanarRegion region, double snrDb, double penaltyPerViolation = 10)
    {
        ArgumentNullException.ThrowIfNull(correlation);
        ArgumentNullException.ThrowIfNull(region);
        ArgumentOutOfRangeException.ThrowIfLessThan(antennas, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 1);
        if (!(penaltyPerViolation >= 0) || !double.IsFinite(penaltyPerViolation))
            throw new ArgumentOutOfRangeException(nameof(penaltyPerViolation), penaltyPerViolation, "penaltyPerViolation (η) must be a finite number ≥ 0");
        region.EnsureCanFit(antennas, nameof(antennas));
        Correlation = correlation;
        Antennas = antennas;
        Slots = slots;
        Region = region;
        SnrDb = snrDb;
        Model = KgrModel.FromSnrDb(snrDb, slots);
        PenaltyPerViolation = penaltyPerViolation;
    }

    /// <summary>The spatial-correlation model R(t̃).</summary>
    public ISpatialCorrelation Correlation { get; }
    /// <summary>M, antennas at Alice.</summary>
    public int Antennas { get; }
    /// <summary>K, downlink probing slots.</summary>
    public int Slots { get; }
    /// <summary>The region and minimum spacing.</summary>
    public PlanarRegion Region { get; }
    /// <summary>SNR ρ in dB.</summary>
    public double SnrDb { get; }
    /// <summary>SNR ρ, linear.</summary>
    public double SnrLinear => Math.Pow(10, SnrDb / 10);
    /// <summary>The KGR model (σ_A², σ_B², E).</summary>
    public KgrModel Model { get; }
    /// <summary>η, bits per violating pair.</summary>
    public double PenaltyPerViolation { get; }
    /// <summary>Length of a precoder buffer, M·K.</summary>
    public int PrecoderLength => Antennas * Slots;
    /// <summary>Length of a layout buffer, 2M.</summary>
    public int LayoutLength => 2 * Antennas;

    /// <summary>η·(number of antenna pairs closer than D): the PSO penalty of docs/fa-plkg.md</summary>
    public double Penalty(ReadOnlySpan<double> positions) => PenaltyPerViolation * Region.CountSpacingViolations(positions);

    /// <summary>The isotropic precoder √ρ·I (M×K, the first min(M, K) diagonal entries): docs/fa-plkg.md's PGD start and UPA-iso.</summary>
    public void IsotropicPrecoder(Span<System.Numerics.Complex> precoder)
    {
        precoder.Clear();
        double a = Math.Sqrt(SnrLinear);
        for (int i = 0; i < Math.Min(Antennas, Slots); i++) precoder[i * Slots + i] = a;
    }

    /// <summary>The centred λ/2 UPA layout of docs/fa-plkg.md (near-square rows × columns).</summary>
    public double[] UpaLayout() => UniformPlanarArray.NearSquare(Antennas, Region.SideWavelengths).Positions.ToArray();
}

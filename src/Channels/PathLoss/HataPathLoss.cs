namespace PhyToolkit.Channels.PathLoss;

/// <summary>
/// COST-231-Hata urban path loss: <c>L = 46.3 + 33.9 log10 f - 13.82 log10 hb - a(hm) + (44.9 - 6.55 log10 hb) log10 d_km + C</c>,
/// <c>a(hm) = (1.1 log10 f - 0.7) hm - (1.56 log10 f - 0.8)</c>, f in MHz (COST 231 final report, ch. 4; valid
/// 1500-2000 MHz, 1-20 km, used outside that range as a "Hata-like" model). Defaults 2 GHz, base station 30 m,
/// mobile 1.5 m, C = 0 dB (medium city) follow spec ota-fl.md §1.2 ([Proposed]).
/// </summary>
public sealed class HataPathLoss : IPathLoss
{
    /// <summary>Creates the model.</summary>
    /// <param name="carrierFrequencyMHz">f in MHz (&gt; 0).</param>
    /// <param name="baseStationHeightMeters">hb (&gt; 0).</param>
    /// <param name="mobileHeightMeters">hm (&gt; 0).</param>
    /// <param name="metropolitanCorrectionDb">C: 0 dB medium city / suburban, 3 dB metropolitan centre.</param>
    public HataPathLoss(double carrierFrequencyMHz = 2000, double baseStationHeightMeters = 30, double mobileHeightMeters = 1.5, double metropolitanCorrectionDb = 0)
    {
        if (!double.IsFinite(carrierFrequencyMHz) || carrierFrequencyMHz <= 0) throw new ArgumentOutOfRangeException(nameof(carrierFrequencyMHz), carrierFrequencyMHz, "carrierFrequencyMHz must be finite and > 0");
        if (!double.IsFinite(baseStationHeightMeters) || baseStationHeightMeters <= 0) throw new ArgumentOutOfRangeException(nameof(baseStationHeightMeters), baseStationHeightMeters, "baseStationHeightMeters must be finite and > 0");
        if (!double.IsFinite(mobileHeightMeters) || mobileHeightMeters <= 0) throw new ArgumentOutOfRangeException(nameof(mobileHeightMeters), mobileHeightMeters, "mobileHeightMeters must be finite and > 0");
        if (!double.IsFinite(metropolitanCorrectionDb)) throw new ArgumentOutOfRangeException(nameof(metropolitanCorrectionDb), metropolitanCorrectionDb, "metropolitanCorrectionDb must be finite");
        CarrierFrequencyMHz = carrierFrequencyMHz; BaseStationHeightMeters = baseStationHeightMeters;
        MobileHeightMeters = mobileHeightMeters; MetropolitanCorrectionDb = metropolitanCorrectionDb;
    }

    /// <summary>Carrier frequency in MHz.</summary>
    public double CarrierFrequencyMHz { get; }

    /// <summary>Base-station antenna height in metres.</summary>
    public double BaseStationHeightMeters { get; }

    /// <summary>Mobile antenna height in metres.</summary>
    public double MobileHeightMeters { get; }

    /// <summary>Correction C in dB.</summary>
    public double MetropolitanCorrectionDb { get; }

    /// <inheritdoc />
    public double LossDb(double distanceMeters)
    {
        if (!double.IsFinite(distanceMeters) || distanceMeters <= 0)
            throw new ArgumentOutOfRangeException(nameof(distanceMeters), distanceMeters, "distanceMeters must be finite and > 0");
        double lf = Math.Log10(CarrierFrequencyMHz), lh = Math.Log10(BaseStationHeightMeters);
        double a = (1.1 * lf - 0.7) * MobileHeightMeters - (1.56 * lf - 0.8);
        return 46.3 + 33.9 * lf - 13.82 * lh - a + (44.9 - 6.55 * lh) * Math.Log10(distanceMeters / 1000) + MetropolitanCorrectionDb;
    }

    /// <inheritdoc />
    public double GainLinear(double distanceMeters) => Math.Pow(10, -LossDb(distanceMeters) / 10);
}

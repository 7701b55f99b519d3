using PhyToolkit.Core.Random;

namespace PhyToolkit.Channels.OverTheAir;

/// <summary>
/// One point-to-point transmission of a real vector u (docs/ota-fl.md, [Proposed]): the scale
/// <c>c = ||u||_inf</c> goes over the reliable digital side link (counted at <c>sideInformationSymbols</c> uses), each
/// coordinate <c>v = u/c</c> is pre-coded, sent k times through <c>y = h x + z</c> and the ADC, post-coded and
/// averaged; <c>u_hat = c v_hat</c>. The digital coder returns float32(u) at 32/r uses per coordinate.
/// </summary>
public static class PointToPointLink
{
    /// <summary>Transmits <paramref name="u"/> and writes the receiver's estimate to <paramref name="uHat"/>.</summary>
    /// <returns>The scale c that was sent (0 for an all-zero vector, which is then received exactly).</returns>
    /// <remarks><paramref name="uHat"/> may alias <paramref name="u"/>.</remarks>
    public static double Transmit(ILinkCoder coder, ReadOnlySpan<double> u, double gain, LinkHardware hardware,
        ref Xoshiro256StarStar symbolRng, ref Xoshiro256StarStar noiseRng, Span<double> uHat,
        ChannelUseLedger? ledger = null, int round = 0, LinkDirection direction = LinkDirection.Uplink, int link = 0,
        int sideInformationSymbols = 64)
    {
        ArgumentNullException.ThrowIfNull(coder);
        ArgumentNullException.ThrowIfNull(hardware);
        if (uHat.Length != u.Length) throw new ArgumentException("uHat must have the length of u", nameof(uHat));
        if (sideInformationSymbols < 0) throw new ArgumentOutOfRangeException(nameof(sideInformationSymbols), sideInformationSymbols, "must be >= 0");
        int d = u.Length;
        long payload = (long)d * coder.SymbolsPerCoordinate;
        double a2 = hardware.PeakAmplitude * hardware.PeakAmplitude;
        if (coder is not IAnalogCoder analog)
        {
            for (int i = 0; i < d; i++) uHat[i] = DigitalCoder.Decode(u[i]);
            Record(ledger, round, direction, link, payload, payload * a2, 0, 0);
            return 0;
        }
        double c = 0;
        for (int i = 0; i < d; i++)
        {
            if (!double.IsFinite(u[i])) throw new ArgumentException($"u[{i}] is not finite", nameof(u));
            c = Math.Max(c, Math.Abs(u[i]));
        }
        if (c == 0)
        {
            uHat.Clear();
            Record(ledger, round, direction, link, 0, 0, sideInformationSymbols, sideInformationSymbols * a2);
            return 0;
        }
        Guard.Positive(gain, "gain");
        double g = analog.PostcodeGain(gain, hardware);
        int k = analog.Repetitions;
        double energy = 0;
        for (int i = 0; i < d; i++)
        {
            double v = u[i] / c, acc = 0;
            for (int r = 0; r < k; r++)
            {
                double x = analog.Precode(v, hardware, ref symbolRng);
                energy += x * x;
                double y = gain * x + hardware.NoiseStd * noiseRng.NextGaussian();
                acc += hardware.Adc.Quantize(y, ref noiseRng);
            }
            uHat[i] = c * g * acc / k;
        }
        Record(ledger, round, direction, link, payload, energy, sideInformationSymbols, sideInformationSymbols * a2);
        return c;
    }

    private static void Record(ChannelUseLedger? ledger, int round, LinkDirection dir, int link, long payload, double energy, long side, double sideEnergy)
    {
        if (ledger == null) return;
        ledger.RecordSymbols(round, dir, link, ChannelUseKind.Payload, payload, energy);
        if (side > 0) ledger.RecordSymbols(round, dir, link, ChannelUseKind.SideInformation, side, sideEnergy);
        ledger.RecordAirtime(round, dir, payload + side);
    }
}

using PhyToolkit.Core.Random;

namespace PhyToolkit.Channels.OverTheAir;

/// <summary>
/// Multiple-access and broadcast primitives of the real baseband model (docs/ota-fl.md, [Proposed]).
/// <c>AnalogSum</c>: <c>r_i = Q(sum_m h_m x_{m,i} + z_i)</c> (over-the-air superposition, one receiver).
/// <c>Broadcast</c>: <c>r_{m,i} = Q_m(h_m x_i + z_{m,i})</c> (one transmitter, independent receiver noise).
/// </summary>
public static class OtaMac
{
    /// <summary>Superposes the devices' signals, adds noise and applies the ADC.</summary>
    /// <param name="transmitted">Device signals, row-major devices x symbols.</param>
    /// <param name="devices">Number of devices (&gt;= 1).</param>
    /// <param name="gains">Amplitude gain h_m per device.</param>
    /// <param name="noiseStd">Receiver noise sigma_c (&gt;= 0).</param>
    /// <param name="adc">Receiver ADC.</param>
    /// <param name="noiseRng">Noise and ADC-dither stream.</param>
    /// <param name="received">Output, one value per symbol.</param>
    /// <param name="ledger">Optional ledger: records each device's symbols/energy and the shared airtime.</param>
    /// <param name="round">Round index for the ledger.</param>
    public static void AnalogSum(ReadOnlySpan<double> transmitted, int devices, ReadOnlySpan<double> gains, double noiseStd,
        IQuantizer adc, ref Xoshiro256StarStar noiseRng, Span<double> received, ChannelUseLedger? ledger = null, int round = 0)
    {
        if (devices < 1) throw new ArgumentOutOfRangeException(nameof(devices), devices, "devices must be >= 1");
        if (gains.Length != devices) throw new ArgumentException($"gains must have length devices = {devices}", nameof(gains));
        if (transmitted.Length != devices * received.Length)
            throw new ArgumentException($"transmitted must have length devices x received.Length = {devices * received.Length}", nameof(transmitted));
        if (!double.IsFinite(noiseStd) || noiseStd < 0) throw new ArgumentOutOfRangeException(nameof(noiseStd), noiseStd, "noiseStd must be finite and >= 0");
        ArgumentNullException.ThrowIfNull(adc);
        int n = received.Length;
        for (int i = 0; i < n; i++)
        {
            double y = 0;
            for (int m = 0; m < devices; m++) y += gains[m] * transmitted[m * n + i];
            y += noiseStd * noiseRng.NextGaussian();
            received[i] = adc.Quantize(y, ref noiseRng);
        }
        if (ledger != null)
        {
            for (int m = 0; m < devices; m++)
            {
                double e = 0; long count = 0;
                for (int i = 0; i < n; i++) { double x = transmitted[m * n + i]; e += x * x; if (x != 0) count++; }
                ledger.RecordSymbols(round, LinkDirection.Uplink, m, ChannelUseKind.Payload, count, e);
            }
            ledger.RecordAirtime(round, LinkDirection.Uplink, n);
        }
    }

    /// <summary>Sends one signal to several receivers over their own gains and noise.</summary>
    /// <param name="transmitted">The broadcast signal.</param>
    /// <param name="gains">Amplitude gain h_m per receiver.</param>
    /// <param name="noiseStd">Receiver noise sigma_c (&gt;= 0).</param>
    /// <param name="adc">Receiver ADC (shared model).</param>
    /// <param name="noiseRng">Noise and ADC-dither stream.</param>
    /// <param name="received">Output, row-major receivers x symbols.</param>
    /// <param name="ledger">Optional ledger (records the broadcaster's symbols/energy and airtime once).</param>
    /// <param name="round">Round index for the ledger.</param>
    public static void Broadcast(ReadOnlySpan<double> transmitted, ReadOnlySpan<double> gains, double noiseStd, IQuantizer adc,
        ref Xoshiro256StarStar noiseRng, Span<double> received, ChannelUseLedger? ledger = null, int round = 0)
    {
        int n = transmitted.Length, receivers = gains.Length;
        if (receivers < 1) throw new ArgumentException("gains must hold at least one receiver", nameof(gains));
        if (received.Length != receivers * n) throw new ArgumentException($"received must have length receivers x symbols = {receivers * n}", nameof(received));
        if (!double.IsFinite(noiseStd) || noiseStd < 0) throw new ArgumentOutOfRangeException(nameof(noiseStd), noiseStd, "noiseStd must be finite and >= 0");
        ArgumentNullException.ThrowIfNull(adc);
        for (int m = 0; m < receivers; m++)
            for (int i = 0; i < n; i++)
                received[m * n + i] = adc.Quantize(gains[m] * transmitted[i] + noiseStd * noiseRng.NextGaussian(), ref noiseRng);
        if (ledger != null)
        {
            double e = 0;
            foreach (double x in transmitted) e += x * x;
            ledger.RecordSymbols(round, LinkDirection.Downlink, ChannelUseLedger.BroadcastLink, ChannelUseKind.Payload, n, e);
            ledger.RecordAirtime(round, LinkDirection.Downlink, n);
        }
    }
}

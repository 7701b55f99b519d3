namespace PhyToolkit.Channels.OverTheAir;

internal static class PowerControlChecks
{
    public static double[] Peaks(ReadOnlySpan<double> peakAmplitudes)
    {
        if (peakAmplitudes.Length == 0) throw new ArgumentException("peakAmplitudes must hold at least one device", nameof(peakAmplitudes));
        foreach (double p in peakAmplitudes)
            if (!double.IsFinite(p) || p <= 0) throw new ArgumentOutOfRangeException(nameof(peakAmplitudes), p, "every peak amplitude must be finite and > 0");
        return peakAmplitudes.ToArray();
    }

    public static double Amplitude(double a)
    {
        if (!double.IsFinite(a) || a <= 0) throw new ArgumentOutOfRangeException("symbolAmplitude", a, "symbolAmplitude must be finite and > 0");
        return a;
    }
}

namespace PhyToolkit.Channels.OverTheAir;

internal static class FadingChecks
{
    public static double MeanGain(double meanGain)
    {
        if (!double.IsFinite(meanGain) || meanGain <= 0)
            throw new ArgumentOutOfRangeException(nameof(meanGain), meanGain, "meanGain must be a finite linear power gain > 0");
        return meanGain;
    }

    public static double Threshold(double threshold)
    {
        if (!double.IsFinite(threshold) || threshold < 0)
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "threshold must be a finite power gain >= 0");
        return threshold;
    }
}

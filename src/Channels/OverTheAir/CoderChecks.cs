namespace PhyToolkit.Channels.OverTheAir;

internal static class CoderChecks
{
    public static int Repetitions(int k)
    {
        if (k < 1 || k > 1 << 20) throw new ArgumentOutOfRangeException("repetitions", k, "repetitions must be an integer in [1, 1048576]");
        return k;
    }

    public static double Coordinate(double v)
    {
        if (!(v >= -1 - 1e-12 && v <= 1 + 1e-12)) throw new ArgumentOutOfRangeException(nameof(v), v, "normalised coordinate v must be in [-1, 1]");
        return Math.Clamp(v, -1, 1);
    }

    public static double Gain(double h)
    {
        if (!double.IsFinite(h) || h <= 0) throw new ArgumentOutOfRangeException("gain", h, "link amplitude gain must be finite and > 0");
        return h;
    }
}

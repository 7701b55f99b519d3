namespace PhyToolkit.Channels.OverTheAir;

/// <summary>
/// The normalised coordinate v ∈ [−1, 1] that the over-the-air coders transmit (a model-update entry divided by its
/// clipping range). Round-off of up to 1e-12 outside the interval is clamped; anything further is refused.
/// </summary>
internal static class NormalisedCoordinate
{
    /// <summary>Returns <paramref name="v"/> clamped to [−1, 1]; throws when it lies more than 1e-12 outside.</summary>
    public static double Checked(double v) =>
        !(v >= -1 - 1e-12 && v <= 1 + 1e-12)
            ? throw new ArgumentOutOfRangeException(nameof(v), v, $"normalised coordinate v = {v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}; allowed: a number in [-1, 1].")
            : Math.Clamp(v, -1, 1);
}

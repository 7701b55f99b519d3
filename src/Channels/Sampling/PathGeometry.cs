using PhyToolkit.Core.Random;

namespace PhyToolkit.Channels.Sampling;

/// <summary>
/// The transmit-side path geometry of one Monte Carlo trial (docs/fa-plkg.md, field-response model of arXiv 2210.05396
/// [L]): for each of L paths the elevation θ_l and azimuth φ_l of departure (radians) and the mean power p_l of the
/// zero-mean complex path gain. Held fixed during a trial (quasi-static geometry); the path gains are redrawn per block.
/// </summary>
public sealed class PathGeometry
{
    private readonly double[] _elevations, _azimuths, _powers;

    /// <summary>Creates a geometry from explicit angles and powers (copied).</summary>
    /// <param name="elevationsRad">θ_l in radians, finite, length L ≥ 1.</param>
    /// <param name="azimuthsRad">φ_l in radians, finite, length L.</param>
    /// <param name="powers">p_l ≥ 0, finite, length L, not all zero.</param>
    /// <exception cref="ArgumentException">Length mismatch, empty, non-finite values, negative or all-zero powers.</exception>
    public PathGeometry(ReadOnlySpan<double> elevationsRad, ReadOnlySpan<double> azimuthsRad, ReadOnlySpan<double> powers)
    {
        int l = elevationsRad.Length;
        if (l < 1) throw new ArgumentException("at least one path is required (L ≥ 1)", nameof(elevationsRad));
        if (azimuthsRad.Length != l) throw new ArgumentException($"azimuthsRad must have length L = {l}; got {azimuthsRad.Length}", nameof(azimuthsRad));
        if (powers.Length != l) throw new ArgumentException($"powers must have length L = {l}; got {powers.Length}", nameof(powers));
        double total = 0;
        for (int i = 0; i < l; i++)
        {
            if (!double.IsFinite(elevationsRad[i])) throw new ArgumentException($"elevationsRad[{i}] is not finite", nameof(elevationsRad));
            if (!double.IsFinite(azimuthsRad[i])) throw new ArgumentException($"azimuthsRad[{i}] is not finite", nameof(azimuthsRad));
            if (!double.IsFinite(powers[i]) || powers[i] < 0) throw new ArgumentException($"powers[{i}] = {powers[i]}; allowed: a finite number ≥ 0", nameof(powers));
            total += powers[i];
        }
        if (total <= 0) throw new ArgumentException("the path powers must not all be zero", nameof(powers));
        _elevations = elevationsRad.ToArray(); _azimuths = azimuthsRad.ToArray(); _powers = powers.ToArray();
    }

    /// <summary>
    /// Draws one trial's geometry: for l = 0..L−1 in order, θ_l ~ U[0, π) then φ_l ~ U[0, π) (the 2210.05396 convention,
    /// docs/fa-plkg.md [L]). Powers: equal p_l = 1/L (spec default [C]) when <paramref name="ricianFactor"/> is null; otherwise
    /// the Rician split of 2210.05396, p_1 = κ/(κ+1), p_{l≥2} = 1/((κ+1)(L−1)) [L] (for L = 1, p_1 = 1). Powers sum to 1,
    /// so R has unit diagonal.
    /// </summary>
    /// <param name="pathCount">L ≥ 1.</param>
    /// <param name="rng">Seeded generator, advanced by 2L draws.</param>
    /// <param name="ricianFactor">κ ≥ 0 (linear) or null for equal powers.</param>
    public static PathGeometry Sample(int pathCount, ref Xoshiro256StarStar rng, double? ricianFactor = null)
    {
        if (pathCount < 1) throw new ArgumentOutOfRangeException(nameof(pathCount), pathCount, "the path count L must be ≥ 1");
        if (ricianFactor is { } k && (!double.IsFinite(k) || k < 0))
            throw new ArgumentOutOfRangeException(nameof(ricianFactor), ricianFactor, "the Rician factor κ must be a finite number ≥ 0 (linear)");
        var theta = new double[pathCount];
        var phi = new double[pathCount];
        var p = new double[pathCount];
        for (int l = 0; l < pathCount; l++)
        {
            theta[l] = Math.PI * rng.NextDouble();
            phi[l] = Math.PI * rng.NextDouble();
        }
        FillPowers(p, ricianFactor);
        return new PathGeometry(theta, phi, p);
    }

    /// <summary>
    /// Path powers of docs/fa-plkg.md: equal (1/L) when <paramref name="ricianFactor"/> is null, otherwise the Rician split
    /// p_1 = κ/(κ+1), p_{l≥2} = 1/((κ+1)(L−1)) (L = 1 gives p_1 = 1).
    /// </summary>
    /// <param name="powers">Output, length L ≥ 1.</param>
    /// <param name="ricianFactor">κ ≥ 0 or null.</param>
    public static void FillPowers(Span<double> powers, double? ricianFactor)
    {
        int l = powers.Length;
        if (l < 1) throw new ArgumentException("powers must have length L ≥ 1", nameof(powers));
        if (ricianFactor is not { } kappa || l == 1)
        {
            if (ricianFactor is { } k0 && (!double.IsFinite(k0) || k0 < 0))
                throw new ArgumentOutOfRangeException(nameof(ricianFactor), ricianFactor, "the Rician factor κ must be a finite number ≥ 0 (linear)");
            powers.Fill(1.0 / l);
            return;
        }
        if (!double.IsFinite(kappa) || kappa < 0)
            throw new ArgumentOutOfRangeException(nameof(ricianFactor), ricianFactor, "the Rician factor κ must be a finite number ≥ 0 (linear)");
        powers[0] = kappa / (kappa + 1);
        for (int i = 1; i < l; i++) powers[i] = 1 / ((kappa + 1) * (l - 1));
    }

    /// <summary>Number of paths L.</summary>
    public int PathCount => _powers.Length;

    /// <summary>Elevation angles θ_l of departure in radians.</summary>
    public ReadOnlySpan<double> ElevationsRad => _elevations;

    /// <summary>Azimuth angles φ_l of departure in radians.</summary>
    public ReadOnlySpan<double> AzimuthsRad => _azimuths;

    /// <summary>Mean path powers p_l (diagonal of Λ).</summary>
    public ReadOnlySpan<double> Powers => _powers;
}

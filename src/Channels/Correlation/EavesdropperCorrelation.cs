using System.Numerics;
using PhyToolkit.Channels.Sampling;
using PhyToolkit.Core.Random;

namespace PhyToolkit.Channels.Correlation;

/// <summary>
/// The second-order statistics of Alice's channels to Bob (h) and to an eavesdropper Eve (g) in the field-response model
/// of docs/fa-plkg.md, for a given antenna layout: R = E[hhᴴ], R_g = E[ggᴴ] and R_hg = E[hgᴴ]. Our model [C], since the
/// paper treats Eve only as independent: Eve stands near Bob, so she sees the first S of Bob's L paths (same departure
/// angles and powers p_l) with path gains correlated with Bob's, σ_E,l = κ·σ_l + √(1 − κ²)·w_l, plus L_E paths of her own
/// (independent angles and gains, equal powers that bring her total path power to 1 when L_E ≥ 1). Then
/// R = Σ_l p_l a_l a_lᴴ, R_g = Σ_{l&lt;S} p_l a_l a_lᴴ + Σ_e q_e b_e b_eᴴ and R_hg = κ·Σ_{l&lt;S} p_l a_l a_lᴴ, with a_l the
/// field response of path l at the layout; [[R, R_hg], [R_hgᴴ, R_g]] is PSD for every κ ∈ [0, 1].
/// </summary>
public sealed class EavesdropperCorrelation
{
    private readonly FieldResponseCovariance _bob;
    private readonly FieldResponseCovariance? _shared, _own;

    /// <summary>Creates the model.</summary>
    /// <param name="bob">Bob's path geometry (L paths).</param>
    /// <param name="sharedPaths">S ∈ [0, L]: how many of Bob's paths (the first S) Eve also receives.</param>
    /// <param name="eveOwnPaths">Eve's own paths (angles and powers), or null for none.</param>
    /// <param name="gainCorrelation">κ ∈ [0, 1]: correlation of the shared paths' gains at Bob and at Eve.</param>
    /// <exception cref="ArgumentOutOfRangeException">S outside [0, L] or κ outside [0, 1].</exception>
    /// <exception cref="ArgumentException">Eve would receive no path at all (S = 0 and no own paths).</exception>
    public EavesdropperCorrelation(PathGeometry bob, int sharedPaths, PathGeometry? eveOwnPaths, double gainCorrelation)
    {
        ArgumentNullException.ThrowIfNull(bob);
        if (sharedPaths < 0 || sharedPaths > bob.PathCount)
            throw new ArgumentOutOfRangeException(nameof(sharedPaths), sharedPaths, $"sharedPaths must be in [0, L = {bob.PathCount}]");
        if (!(gainCorrelation >= 0 && gainCorrelation <= 1))
            throw new ArgumentOutOfRangeException(nameof(gainCorrelation), gainCorrelation, "gainCorrelation (κ) must be in [0, 1]");
        if (sharedPaths == 0 && eveOwnPaths is null)
            throw new ArgumentException("Eve must receive at least one path: sharedPaths ≥ 1 or own paths", nameof(eveOwnPaths));
        _bob = new FieldResponseCovariance(bob);
        if (sharedPaths > 0)
            _shared = new FieldResponseCovariance(new PathGeometry(bob.ElevationsRad[..sharedPaths], bob.AzimuthsRad[..sharedPaths], bob.Powers[..sharedPaths]));
        if (eveOwnPaths is not null) _own = new FieldResponseCovariance(eveOwnPaths);
        Bob = bob;
        SharedPaths = sharedPaths;
        EveOwnPaths = eveOwnPaths;
        GainCorrelation = gainCorrelation;
    }

    /// <summary>Bob's path geometry.</summary>
    public PathGeometry Bob { get; }

    /// <summary>S, the number of Bob's paths Eve shares.</summary>
    public int SharedPaths { get; }

    /// <summary>Eve's own paths, or null.</summary>
    public PathGeometry? EveOwnPaths { get; }

    /// <summary>κ, the gain correlation of the shared paths.</summary>
    public double GainCorrelation { get; }

    /// <summary>
    /// Draws Eve's side for Bob's geometry: Eve shares Bob's first <paramref name="sharedPaths"/> paths and has
    /// <paramref name="ownPaths"/> of her own with θ, φ ~ U[0, π) (2·L_E draws of <paramref name="rng"/>, in path order) and
    /// equal powers (1 − Σ_{l&lt;S} p_l)/L_E (so that tr R_g = M when that is positive; otherwise Eve has no own paths).
    /// </summary>
    /// <param name="bob">Bob's geometry.</param>
    /// <param name="sharedPaths">S ∈ [0, L].</param>
    /// <param name="ownPaths">L_E ≥ 0.</param>
    /// <param name="gainCorrelation">κ ∈ [0, 1].</param>
    /// <param name="rng">Seeded generator.</param>
    public static EavesdropperCorrelation Sample(PathGeometry bob, int sharedPaths, int ownPaths, double gainCorrelation, ref Xoshiro256StarStar rng)
    {
        ArgumentNullException.ThrowIfNull(bob);
        if (sharedPaths < 0 || sharedPaths > bob.PathCount)
            throw new ArgumentOutOfRangeException(nameof(sharedPaths), sharedPaths, $"sharedPaths must be in [0, L = {bob.PathCount}]");
        if (ownPaths < 0) throw new ArgumentOutOfRangeException(nameof(ownPaths), ownPaths, "ownPaths must be ≥ 0");
        double sharedPower = 0;
        for (int l = 0; l < sharedPaths; l++) sharedPower += bob.Powers[l];
        double rest = 1 - sharedPower;
        PathGeometry? own = null;
        if (ownPaths > 0 && rest > 1e-12)
        {
            var theta = new double[ownPaths];
            var phi = new double[ownPaths];
            var q = new double[ownPaths];
            for (int e = 0; e < ownPaths; e++)
            {
                theta[e] = Math.PI * rng.NextDouble();
                phi[e] = Math.PI * rng.NextDouble();
                q[e] = rest / ownPaths;
            }
            own = new PathGeometry(theta, phi, q);
        }
        return new EavesdropperCorrelation(bob, sharedPaths, own, gainCorrelation);
    }

    /// <summary>Writes R, R_g and R_hg (row-major M×M each) for the layout (positions in wavelengths, x/y interleaved).</summary>
    /// <param name="positions">2M coordinates.</param>
    /// <param name="bob">R, length M².</param>
    /// <param name="eve">R_g, length M².</param>
    /// <param name="cross">R_hg, length M².</param>
    public void Covariances(ReadOnlySpan<double> positions, Span<Complex> bob, Span<Complex> eve, Span<Complex> cross)
    {
        _bob.Covariance(positions, bob);
        int mm = bob.Length;
        if (eve.Length != mm || cross.Length != mm)
            throw new ArgumentException($"eve and cross must have length M² = {mm}; got {eve.Length} and {cross.Length}");
        if (_shared is { } s) s.Covariance(positions, cross);
        else cross.Clear();
        if (_own is { } o)
        {
            o.Covariance(positions, eve);
            for (int i = 0; i < mm; i++) eve[i] += cross[i];
        }
        else cross.CopyTo(eve);
        for (int i = 0; i < mm; i++) cross[i] *= GainCorrelation;
    }
}

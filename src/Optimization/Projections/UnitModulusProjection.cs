using System.Numerics;

namespace PhyToolkit.Optimization.Projections;

/// <summary>
/// Projection onto the unit-modulus torus |x_n| = 1 (RIS phase shifts, fa-plkg docs/fa-plkg.md): x_n ← x_n/|x_n|, the
/// nearest unit-modulus point. At x_n = 0 every unit point is equally near; 1 is returned (our choice).
/// </summary>
public sealed class UnitModulusProjection : IComplexProjection
{
    /// <summary>The shared instance (the projection has no state).</summary>
    public static UnitModulusProjection Instance { get; } = new();

    /// <inheritdoc/>
    public void Project(Span<Complex> x)
    {
        for (int i = 0; i < x.Length; i++)
        {
            double m = Complex.Abs(x[i]);
            x[i] = m > 0 && double.IsFinite(m) ? x[i] / m : Complex.One;
        }
    }
}

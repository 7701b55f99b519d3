using System.Numerics;

namespace PhyToolkit.Optimization.Projections;

/// <summary>
/// Euclidean projection onto the ball ‖x‖² ≤ E (for a matrix, the Frobenius ball ‖P‖_F² ≤ E):
/// Π(x) = x·min(1, √E/‖x‖) (fa-plkg docs/fa-plkg.md, the total downlink energy budget E = Kρ of §1.4).
/// </summary>
public sealed class FrobeniusBallProjection : IProjection, IComplexProjection
{
    /// <summary>Creates the projection onto ‖x‖² ≤ <paramref name="maxEnergy"/>.</summary>
    /// <param name="maxEnergy">E, the squared radius, finite ≥ 0 (for a precoder: energy in units of the noise power).</param>
    public FrobeniusBallProjection(double maxEnergy) => MaxEnergy = Guard.NonNegative(maxEnergy, nameof(maxEnergy));

    /// <summary>The squared radius E.</summary>
    public double MaxEnergy { get; }

    /// <inheritdoc/>
    public void Project(Span<double> x)
    {
        double e = 0;
        for (int i = 0; i < x.Length; i++) e += x[i] * x[i];
        if (e <= MaxEnergy) return;
        double a = Math.Sqrt(MaxEnergy / e);
        for (int i = 0; i < x.Length; i++) x[i] *= a;
    }

    /// <inheritdoc/>
    public void Project(Span<Complex> x)
    {
        double e = 0;
        for (int i = 0; i < x.Length; i++) { double re = x[i].Real, im = x[i].Imaginary; e += re * re + im * im; }
        if (e <= MaxEnergy) return;
        double a = Math.Sqrt(MaxEnergy / e);
        for (int i = 0; i < x.Length; i++) x[i] *= a;
    }
}

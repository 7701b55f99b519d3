using System.Numerics;
using PhyToolkit.Core.Random;

namespace PhyToolkit.Channels.Sampling;

/// <summary>
/// Draws the deterministic-per-trial RIS→Alice channel of the RIS benchmark (docs/fa-plkg.md [C]):
/// <c>H_AR = Σ_{q=1}^{L_G} g_q a(ϑ_q) b(ψ_q)ᴴ ∈ ℂ^{M×N}</c>, with g_q ~ CN(0, 1/L_G), and field-response vectors
/// <c>[a(ϑ)]_m = e^{j2π(x_m sinθ cosφ + y_m cosθ)}</c> at Alice's antennas and <c>[b(ψ)]_n</c> likewise at the RIS
/// elements (positions in wavelengths, angles i.i.d. U[0, π) as in docs/fa-plkg.md). Spec default L_G = 2.
/// </summary>
public static class RisLinkSampler
{
    /// <summary>
    /// Fills H_AR (M×N, row-major). Draw order per path q: Alice-side θ, φ; RIS-side θ, φ; then g_q.
    /// </summary>
    /// <param name="alicePositions">Flat planar positions of Alice's M antennas (wavelengths).</param>
    /// <param name="risPositions">Flat planar positions of the N RIS elements (wavelengths).</param>
    /// <param name="pathCount">L_G ≥ 1.</param>
    /// <param name="rng">Seeded generator, advanced by 5·L_G draws (complex counts as two).</param>
    /// <param name="risToAlice">Output H_AR, length M·N.</param>
    public static void SampleRisToAlice(ReadOnlySpan<double> alicePositions, ReadOnlySpan<double> risPositions, int pathCount,
        ref Xoshiro256StarStar rng, Span<Complex> risToAlice)
    {
        if (alicePositions.Length < 2 || alicePositions.Length % 2 != 0) throw new ArgumentException("alicePositions must have even length 2M ≥ 2", nameof(alicePositions));
        if (risPositions.Length < 2 || risPositions.Length % 2 != 0) throw new ArgumentException("risPositions must have even length 2N ≥ 2", nameof(risPositions));
        if (pathCount < 1) throw new ArgumentOutOfRangeException(nameof(pathCount), pathCount, "L_G must be ≥ 1");
        int m = alicePositions.Length / 2, n = risPositions.Length / 2;
        if (risToAlice.Length != m * n) throw new ArgumentException($"risToAlice must have length M·N = {m * n}", nameof(risToAlice));
        risToAlice.Clear();
        const double kappa = 2 * Math.PI;
        for (int q = 0; q < pathCount; q++)
        {
            double ta = Math.PI * rng.NextDouble(), pa = Math.PI * rng.NextDouble();
            double tr = Math.PI * rng.NextDouble(), pr = Math.PI * rng.NextDouble();
            Complex g = rng.NextComplexGaussian(1.0 / pathCount);
            double ua = Math.Sin(ta) * Math.Cos(pa), va = Math.Cos(ta), ur = Math.Sin(tr) * Math.Cos(pr), vr = Math.Cos(tr);
            for (int a = 0; a < m; a++)
            {
                double rhoA = ua * alicePositions[2 * a] + va * alicePositions[2 * a + 1];
                for (int b = 0; b < n; b++)
                {
                    double rhoR = ur * risPositions[2 * b] + vr * risPositions[2 * b + 1];
                    (double s, double c) = Math.SinCos(kappa * (rhoA - rhoR)); // a_m · conj(b_n)
                    risToAlice[a * n + b] += g * new Complex(c, s);
                }
            }
        }
    }
}

using System.Numerics;
using PhyToolkit.Channels.LinearAlgebra;

namespace PhyToolkit.Channels.KeyGeneration;

/// <summary>
/// Euclidean projections of a precoder P (row-major M×K, <c>P[i*K + j]</c> = antenna i, slot j) onto the power
/// constraints of FA-PLKG (docs/fa-plkg.md and §3.3, our choice): the Frobenius ball ‖P‖²_F ≤ E and the per-slot
/// constraint ‖p_k‖² ≤ ρ on each column. Both are radial scalings, so they are exact Euclidean projections.
/// </summary>
public static class PrecoderProjection
{
    /// <summary>
    /// Π(P) = P·min(1, √E/‖P‖_F) in place (docs/fa-plkg.md). The result satisfies ‖P‖²_F ≤ E exactly in floating point
    /// (a final ulp-level shrink guards against round-up).
    /// </summary>
    /// <param name="precoder">P, any layout (all entries are scaled alike); modified in place.</param>
    /// <param name="energyBudget">E, finite, ≥ 0.</param>
    /// <returns>The scale factor applied (1 when P was already feasible).</returns>
    public static double ProjectFrobeniusBall(Span<Complex> precoder, double energyBudget)
    {
        if (!(energyBudget >= 0 && double.IsFinite(energyBudget)))
            throw new ArgumentOutOfRangeException(nameof(energyBudget), energyBudget, "energyBudget (E) must be a finite number >= 0");
        double n2 = ComplexMatrix.FrobeniusNormSquared(precoder);
        if (!double.IsFinite(n2)) throw new ArgumentException("precoder has non-finite entries", nameof(precoder));
        return ScaleInto(precoder, n2, energyBudget, 0, 1, precoder.Length);
    }

    /// <summary>
    /// Per-slot projection: each column p_k of the M×K precoder is scaled onto ‖p_k‖² ≤ <paramref name="powerPerSlot"/>
    /// (docs/fa-plkg.md option, with powerPerSlot = ρ).
    /// </summary>
    /// <param name="precoder">P, row-major M×K; modified in place.</param>
    /// <param name="antennas">M (rows), ≥ 1.</param>
    /// <param name="slots">K (columns), ≥ 1; M·K must equal the span length.</param>
    /// <param name="powerPerSlot">Per-column power limit, finite, ≥ 0.</param>
    public static void ProjectColumnPowers(Span<Complex> precoder, int antennas, int slots, double powerPerSlot)
    {
        if (antennas < 1) throw new ArgumentOutOfRangeException(nameof(antennas), antennas, "antennas (M) must be >= 1");
        if (slots < 1) throw new ArgumentOutOfRangeException(nameof(slots), slots, "slots (K) must be >= 1");
        if (precoder.Length != antennas * slots)
            throw new ArgumentException($"precoder must be M×K = {antennas * slots} entries, got {precoder.Length}", nameof(precoder));
        if (!(powerPerSlot >= 0 && double.IsFinite(powerPerSlot)))
            throw new ArgumentOutOfRangeException(nameof(powerPerSlot), powerPerSlot, "powerPerSlot must be a finite number >= 0");
        for (int c = 0; c < slots; c++)
        {
            double n2 = 0;
            for (int i = 0; i < antennas; i++) { Complex z = precoder[i * slots + c]; n2 += z.Real * z.Real + z.Imaginary * z.Imaginary; }
            if (!double.IsFinite(n2)) throw new ArgumentException("precoder has non-finite entries", nameof(precoder));
            ScaleInto(precoder, n2, powerPerSlot, c, slots, antennas);
        }
    }

    // Scales the strided entries start, start+stride, ... (count of them) so their squared norm is ≤ limit.
    private static double ScaleInto(Span<Complex> x, double n2, double limit, int start, int stride, int count)
    {
        if (n2 <= limit) return 1;
        double scale = limit == 0 ? 0 : Math.Sqrt(limit / n2);
        for (int t = 0; t < 8; t++)
        {
            double s2 = 0;
            for (int i = 0; i < count; i++)
            {
                Complex z = x[start + i * stride] * scale;
                s2 += z.Real * z.Real + z.Imaginary * z.Imaginary;
            }
            if (s2 <= limit) break;
            scale *= 1 - 2e-16 * (1 << t);
        }
        for (int i = 0; i < count; i++) x[start + i * stride] *= scale;
        return scale;
    }
}

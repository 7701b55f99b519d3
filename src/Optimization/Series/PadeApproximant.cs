using System.Numerics;

namespace PhyToolkit.Optimization.Series;

/// <summary>
/// A Padé approximant r(t) = P(t)/Q(t) of type [m/n] with Q(0) = 1, as returned by <see cref="Pade.Robust"/>. The
/// actual degrees may be lower than the requested ones when the robust algorithm removed a defect.
/// </summary>
public sealed class PadeApproximant
{
    internal PadeApproximant(double[] p, double[] q, int requestedM, int requestedN)
    {
        P = p; Q = q; RequestedM = requestedM; RequestedN = requestedN;
    }

    /// <summary>Numerator coefficients p_0..p_μ (ascending).</summary>
    public IReadOnlyList<double> P { get; }

    /// <summary>Denominator coefficients q_0 = 1, q_1..q_ν (ascending).</summary>
    public IReadOnlyList<double> Q { get; }

    /// <summary>The requested numerator degree m.</summary>
    public int RequestedM { get; }

    /// <summary>The requested denominator degree n.</summary>
    public int RequestedN { get; }

    /// <summary>Actual numerator degree μ ≤ m.</summary>
    public int NumeratorDegree => P.Count - 1;

    /// <summary>Actual denominator degree ν ≤ n.</summary>
    public int DenominatorDegree => Q.Count - 1;

    /// <summary>r(t) = P(t)/Q(t).</summary>
    public double Evaluate(double t) => Horner(P, t) / Horner(Q, t);

    /// <summary>Poles: the roots of Q (MathNet companion-matrix roots).</summary>
    public Complex[] Poles() => Q.Count < 2 ? [] : PolynomialRoots.Find([.. Q]);

    /// <summary>Zeros: the roots of P (empty when P is constant).</summary>
    public Complex[] Zeros() => P.Count < 2 || P.All(v => v == 0) ? [] : PolynomialRoots.Find([.. P]);

    private static double Horner(IReadOnlyList<double> c, double t)
    {
        double s = 0;
        for (int k = c.Count - 1; k >= 0; k--) s = s * t + c[k];
        return s;
    }
}

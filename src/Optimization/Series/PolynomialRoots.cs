using System.Numerics;
using MathNet.Numerics;

namespace PhyToolkit.Optimization.Series;

/// <summary>Roots of a real polynomial given by its ascending coefficients.</summary>
public static class PolynomialRoots
{
    /// <summary>
    /// All complex roots of p(x) = Σ c_k x^k. Trailing (highest-degree) zero coefficients are dropped first; a constant
    /// polynomial has no roots. Delegates to MathNet.Numerics <c>FindRoots.Polynomial</c> (companion-matrix eigenvalues).
    /// </summary>
    /// <exception cref="ArgumentException">Empty, all-zero or non-finite coefficients.</exception>
    public static Complex[] Find(ReadOnlySpan<double> coefficients)
    {
        if (coefficients.Length == 0) throw new ArgumentException("coefficients is empty; allowed: at least one entry.", nameof(coefficients));
        int deg = coefficients.Length - 1;
        foreach (double v in coefficients) Guard.Finite(v, nameof(coefficients));
        while (deg >= 0 && coefficients[deg] == 0) deg--;
        if (deg < 0) throw new ArgumentException("coefficients are all zero; allowed: a non-zero polynomial.", nameof(coefficients));
        if (deg == 0) return [];
        return FindRoots.Polynomial(coefficients[..(deg + 1)].ToArray());
    }
}

using PhyToolkit.Optimization.Series;

namespace PhyToolkit.Optimization.Resurgence;

/// <summary>
/// A polynomial landscape L(θ) = Σ_j c_j Π_i θ_i^{e_ji} on ℝ^d (the resurgence test landscapes T1, T2, T4;
/// docs/resurgence.md). Exact value, gradient, Hessian, line Taylor coefficients and the shifted monomial expansion
/// used by the Laplace route.
/// </summary>
public sealed class PolynomialLandscape : IAnalyticLandscape
{
    private readonly double[] _coef;
    private readonly int[][] _exp;

    /// <summary>A polynomial from its terms (coefficient, exponent vector of length d).</summary>
    /// <exception cref="ArgumentException">No terms, exponent vectors of different lengths or negative exponents.</exception>
    public PolynomialLandscape(IReadOnlyList<(double Coefficient, int[] Exponents)> terms)
    {
        if (terms.Count == 0) throw new ArgumentException("terms is empty; allowed: at least one term.", nameof(terms));
        Dimension = Guard.AtLeast(terms[0].Exponents.Length, 1, "terms[0].Exponents length");
        _coef = new double[terms.Count];
        _exp = new int[terms.Count][];
        for (int j = 0; j < terms.Count; j++)
        {
            Guard.Length(terms[j].Exponents.Length, Dimension, $"terms[{j}].Exponents");
            foreach (int e in terms[j].Exponents) Guard.AtLeast(e, 0, $"terms[{j}].Exponents");
            _coef[j] = Guard.Finite(terms[j].Coefficient, $"terms[{j}].Coefficient");
            _exp[j] = (int[])terms[j].Exponents.Clone();
        }
    }

    /// <inheritdoc/>
    public int Dimension { get; }

    /// <summary>Total degree.</summary>
    public int Degree => _exp.Max(e => e.Sum());

    /// <summary>The terms (coefficient, exponents).</summary>
    public IEnumerable<(double Coefficient, int[] Exponents)> Terms => _coef.Select((c, j) => (c, (int[])_exp[j].Clone()));

    /// <inheritdoc/>
    public bool HasGradient => true;

    /// <inheritdoc/>
    public double Evaluate(ReadOnlySpan<double> x)
    {
        Guard.Length(x, Dimension, nameof(x));
        double s = 0;
        for (int j = 0; j < _coef.Length; j++)
        {
            double t = _coef[j];
            for (int i = 0; i < Dimension; i++) t *= Pow(x[i], _exp[j][i]);
            s += t;
        }
        return s;
    }

    /// <inheritdoc/>
    public void Gradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        Guard.Length(x, Dimension, nameof(x));
        gradient.Clear();
        for (int j = 0; j < _coef.Length; j++)
            for (int k = 0; k < Dimension; k++)
            {
                int ek = _exp[j][k];
                if (ek == 0) continue;
                double t = _coef[j] * ek;
                for (int i = 0; i < Dimension; i++) t *= Pow(x[i], i == k ? ek - 1 : _exp[j][i]);
                gradient[k] += t;
            }
    }

    /// <inheritdoc/>
    public void Hessian(ReadOnlySpan<double> x, double[,] hessian)
    {
        Guard.Length(x, Dimension, nameof(x));
        Array.Clear(hessian);
        for (int j = 0; j < _coef.Length; j++)
            for (int k = 0; k < Dimension; k++)
                for (int l = 0; l < Dimension; l++)
                {
                    var e = (int[])_exp[j].Clone();
                    double t = _coef[j] * e[k];
                    if (t == 0) continue;
                    e[k]--;
                    t *= e[l];
                    if (t == 0) continue;
                    e[l]--;
                    for (int i = 0; i < Dimension; i++) t *= Pow(x[i], e[i]);
                    hessian[k, l] += t;
                }
    }

    /// <inheritdoc/>
    public PowerSeries AlongLine(ReadOnlySpan<double> theta0, ReadOnlySpan<double> u, int order)
    {
        Guard.Length(theta0, Dimension, nameof(theta0));
        Guard.Length(u, Dimension, nameof(u));
        Guard.AtLeast(order, 1, nameof(order));
        var lines = new PowerSeries[Dimension];
        for (int i = 0; i < Dimension; i++) lines[i] = PowerSeries.Constant(theta0[i], order) + u[i] * PowerSeries.Identity(order);
        var sum = PowerSeries.Constant(0, order);
        for (int j = 0; j < _coef.Length; j++)
        {
            var t = PowerSeries.Constant(_coef[j], order);
            for (int i = 0; i < Dimension; i++)
                for (int p = 0; p < _exp[j][i]; p++) t *= lines[i];
            sum += t;
        }
        return sum;
    }

    /// <summary>
    /// The polynomial re-expanded around <paramref name="theta0"/>: L(θ0 + s) = Σ c'_α s^α, as a map from exponent vectors to
    /// coefficients (binomial expansion, exact up to round-off).
    /// </summary>
    public Dictionary<MultiIndex, double> ShiftedTerms(ReadOnlySpan<double> theta0)
    {
        Guard.Length(theta0, Dimension, nameof(theta0));
        var result = new Dictionary<MultiIndex, double>();
        var t0 = theta0.ToArray();
        for (int j = 0; j < _coef.Length; j++)
        {
            // Π_i (θ0_i + s_i)^{e_i} = Π_i Σ_{k_i} C(e_i, k_i) θ0_i^{e_i−k_i} s_i^{k_i}
            var partial = new List<(int[] K, double V)> { (new int[Dimension], _coef[j]) };
            for (int i = 0; i < Dimension; i++)
            {
                int e = _exp[j][i];
                var next = new List<(int[] K, double V)>();
                foreach (var (k, v) in partial)
                    for (int ki = 0; ki <= e; ki++)
                    {
                        var kk = (int[])k.Clone();
                        kk[i] = ki;
                        next.Add((kk, v * Binomial(e, ki) * Pow(t0[i], e - ki)));
                    }
                partial = next;
            }
            foreach (var (k, v) in partial)
            {
                var key = new MultiIndex(k);
                result[key] = result.GetValueOrDefault(key) + v;
            }
        }
        return result;
    }

    private static double Binomial(int n, int k)
    {
        double r = 1;
        for (int i = 1; i <= k; i++) r = r * (n - k + i) / i;
        return r;
    }

    private static double Pow(double x, int e)
    {
        double r = 1;
        for (int i = 0; i < e; i++) r *= x;
        return r;
    }
}

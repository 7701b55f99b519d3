namespace PhyToolkit.Optimization.Series;

/// <summary>
/// A truncated power series f(x) = Σ_{k=0}^{N} c_k x^k, immutable, with the arithmetic of formal power series
/// (sum, product, quotient, composition, reversion, exp, log, sqrt). Every result is truncated at the smaller order of
/// its operands, so each coefficient that is returned is exact up to floating-point round-off.
/// </summary>
/// <remarks>
/// Standard formal-power-series recurrences (Knuth, TAOCP vol. 2, §4.7). Used by the resurgence kit (docs/resurgence.md)
/// for the Taylor coefficients of a landscape, w(x) = x·√q(x) and its reversion x(w) (arXiv 2509.01329, [D]).
/// </remarks>
public sealed class PowerSeries
{
    private readonly double[] _c;

    /// <summary>A series from its coefficients c_0..c_N (copied); N = length − 1 is the order.</summary>
    /// <exception cref="ArgumentException">No coefficients, or a non-finite one.</exception>
    public PowerSeries(ReadOnlySpan<double> coefficients)
    {
        if (coefficients.Length == 0) throw new ArgumentException("coefficients is empty; allowed: at least one entry.", nameof(coefficients));
        foreach (double v in coefficients) Guard.Finite(v, nameof(coefficients));
        _c = coefficients.ToArray();
    }

    private PowerSeries(double[] c, bool _) => _c = c;

    /// <summary>The truncation order N (the highest power kept).</summary>
    public int Order => _c.Length - 1;

    /// <summary>Coefficient c_k (0 ≤ k ≤ Order).</summary>
    public double this[int k] => _c[k];

    /// <summary>A copy of the coefficients c_0..c_N.</summary>
    public double[] ToArray() => (double[])_c.Clone();

    /// <summary>The series x (identity) to order <paramref name="order"/> ≥ 1.</summary>
    public static PowerSeries Identity(int order)
    {
        Guard.AtLeast(order, 1, nameof(order));
        var c = new double[order + 1];
        c[1] = 1;
        return new PowerSeries(c, true);
    }

    /// <summary>The constant <paramref name="value"/> to order <paramref name="order"/> ≥ 0.</summary>
    public static PowerSeries Constant(double value, int order)
    {
        Guard.AtLeast(order, 0, nameof(order));
        var c = new double[order + 1];
        c[0] = Guard.Finite(value, nameof(value));
        return new PowerSeries(c, true);
    }

    /// <summary>The series truncated to order <paramref name="order"/> (≤ Order).</summary>
    public PowerSeries Truncate(int order)
    {
        Guard.InRange(order, 0, Order, nameof(order));
        return new PowerSeries(_c[..(order + 1)], true);
    }

    /// <summary>Value of the truncated polynomial at <paramref name="x"/> (Horner).</summary>
    public double Evaluate(double x)
    {
        double s = 0;
        for (int k = _c.Length - 1; k >= 0; k--) s = s * x + _c[k];
        return s;
    }

    /// <summary>Term-wise derivative f'(x) (order N − 1; a constant series gives the zero series of order 0).</summary>
    public PowerSeries Derivative()
    {
        if (Order == 0) return Constant(0, 0);
        var d = new double[Order];
        for (int k = 1; k <= Order; k++) d[k - 1] = k * _c[k];
        return new PowerSeries(d, true);
    }

    /// <summary>f(x)/x^m for a series whose first m coefficients vanish (order N − m); the dropped coefficients are not checked.</summary>
    public PowerSeries ShiftDown(int m)
    {
        Guard.InRange(m, 0, Order, nameof(m));
        return new PowerSeries(_c[m..], true);
    }

    /// <summary>x^m·f(x) (order N + m).</summary>
    public PowerSeries ShiftUp(int m)
    {
        Guard.AtLeast(m, 0, nameof(m));
        var c = new double[_c.Length + m];
        Array.Copy(_c, 0, c, m, _c.Length);
        return new PowerSeries(c, true);
    }

    /// <summary>Sum, truncated at the smaller order.</summary>
    public static PowerSeries operator +(PowerSeries f, PowerSeries g)
    {
        int n = Math.Min(f._c.Length, g._c.Length);
        var c = new double[n];
        for (int k = 0; k < n; k++) c[k] = f._c[k] + g._c[k];
        return new PowerSeries(c, true);
    }

    /// <summary>Difference, truncated at the smaller order.</summary>
    public static PowerSeries operator -(PowerSeries f, PowerSeries g) => f + (-1.0 * g);

    /// <summary>Scalar multiple.</summary>
    public static PowerSeries operator *(double a, PowerSeries f)
    {
        var c = new double[f._c.Length];
        for (int k = 0; k < c.Length; k++) c[k] = a * f._c[k];
        return new PowerSeries(c, true);
    }

    /// <summary>Constant added to the series.</summary>
    public static PowerSeries operator +(PowerSeries f, double a)
    {
        var c = (double[])f._c.Clone();
        c[0] += a;
        return new PowerSeries(c, true);
    }

    /// <summary>Cauchy product, truncated at the smaller order.</summary>
    public static PowerSeries operator *(PowerSeries f, PowerSeries g)
    {
        int n = Math.Min(f._c.Length, g._c.Length);
        var c = new double[n];
        for (int k = 0; k < n; k++)
        {
            double s = 0;
            for (int j = 0; j <= k; j++) s += f._c[j] * g._c[k - j];
            c[k] = s;
        }
        return new PowerSeries(c, true);
    }

    /// <summary>Quotient f/g (g_0 ≠ 0), truncated at the smaller order.</summary>
    /// <exception cref="ArgumentException">g_0 = 0.</exception>
    public static PowerSeries operator /(PowerSeries f, PowerSeries g)
    {
        if (g._c[0] == 0) throw new ArgumentException("divisor has g_0 = 0; allowed: a series with a non-zero constant term.", nameof(g));
        int n = Math.Min(f._c.Length, g._c.Length);
        var q = new double[n];
        for (int k = 0; k < n; k++)
        {
            double s = f._c[k];
            for (int j = 1; j <= k; j++) s -= g._c[j] * q[k - j];
            q[k] = s / g._c[0];
        }
        return new PowerSeries(q, true);
    }

    /// <summary>exp(f) by the recurrence k·e_k = Σ_j j f_j e_{k−j}.</summary>
    public PowerSeries Exp()
    {
        var e = new double[_c.Length];
        e[0] = Math.Exp(_c[0]);
        for (int k = 1; k < e.Length; k++)
        {
            double s = 0;
            for (int j = 1; j <= k; j++) s += j * _c[j] * e[k - j];
            e[k] = s / k;
        }
        return new PowerSeries(e, true);
    }

    /// <summary>log(f) for f_0 &gt; 0, from (log f)' = f'/f.</summary>
    /// <exception cref="ArgumentException">f_0 ≤ 0.</exception>
    public PowerSeries Log()
    {
        if (!(_c[0] > 0)) throw new ArgumentException($"f_0 = {_c[0]}; allowed: f_0 > 0 for the logarithm.", "f");
        var l = new double[_c.Length];
        l[0] = Math.Log(_c[0]);
        for (int k = 1; k < l.Length; k++)
        {
            double s = k * _c[k];
            for (int j = 1; j < k; j++) s -= j * l[j] * _c[k - j];
            l[k] = s / (k * _c[0]);
        }
        return new PowerSeries(l, true);
    }

    /// <summary>√f for f_0 &gt; 0 (principal branch), from s² = f.</summary>
    /// <exception cref="ArgumentException">f_0 ≤ 0.</exception>
    public PowerSeries Sqrt()
    {
        if (!(_c[0] > 0)) throw new ArgumentException($"f_0 = {_c[0]}; allowed: f_0 > 0 for the square root.", "f");
        var s = new double[_c.Length];
        s[0] = Math.Sqrt(_c[0]);
        for (int k = 1; k < s.Length; k++)
        {
            double t = _c[k];
            for (int j = 1; j < k; j++) t -= s[j] * s[k - j];
            s[k] = t / (2 * s[0]);
        }
        return new PowerSeries(s, true);
    }

    /// <summary>Composition f(g(x)) for g_0 = 0 (Horner in series arithmetic), truncated at the smaller order.</summary>
    /// <exception cref="ArgumentException">g_0 ≠ 0 (the composition would not be a formal power series).</exception>
    public PowerSeries Compose(PowerSeries g)
    {
        if (g._c[0] != 0) throw new ArgumentException($"inner series has g_0 = {g._c[0]}; allowed: g_0 = 0.", nameof(g));
        int n = Math.Min(_c.Length, g._c.Length);
        var gg = g.Truncate(n - 1);
        var r = Constant(_c[_c.Length - 1], n - 1);
        for (int k = _c.Length - 2; k >= 0; k--) r = r * gg + _c[k];
        return r;
    }

    /// <summary>
    /// The compositional inverse g with f(g(w)) = w, for f_0 = 0 and f_1 ≠ 0, by Newton's iteration on series,
    /// g ← g − (f(g) − w)/f'(g), which doubles the number of correct coefficients per step (Brent and Kung 1978). Order N.
    /// </summary>
    /// <remarks>Lagrange inversion (g_n = [x^{n−1}](x/f)^n / n) was tried first and lost up to 1e-9 relative by
    /// cancellation at n ≈ 25 for e^x − 1; Newton keeps the round-off at the level of one composition.</remarks>
    /// <exception cref="ArgumentException">f_0 ≠ 0 or f_1 = 0 (no analytic inverse at the origin), or order &lt; 1.</exception>
    public PowerSeries Revert()
    {
        if (Order < 1) throw new ArgumentException("series order is 0; allowed: order >= 1 for reversion.", "f");
        if (_c[0] != 0 || _c[1] == 0)
            throw new ArgumentException($"f_0 = {_c[0]}, f_1 = {_c[1]}; allowed: f_0 = 0 and f_1 != 0 for reversion.", "f");
        int n = Order;
        var w = Identity(n);
        var g = (1 / _c[1]) * w;
        var df = new PowerSeries([.. Derivative().ToArray(), 0.0], true); // f' padded to order n
        int steps = 2 + (int)Math.Ceiling(Math.Log2(n + 1));
        for (int it = 0; it < steps; it++)
        {
            var residual = Compose(g) - w;
            g -= residual / df.Compose(g);
        }
        return g;
    }
}

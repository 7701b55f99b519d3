using PhyToolkit.Optimization.Series;

namespace PhyToolkit.Optimization.Resurgence;

/// <summary>
/// The separable multi-well landscape L(θ) = Σ_i [a·θ_i² + 1 − cos(k·θ_i)] (resurgence test landscapes T3: d = 1,
/// a = 0.05, k = 1; T5: d = 2, a = 1/20, k = 2; docs/resurgence.md, [Proposed]). Global minimum 0 at θ = 0.
/// </summary>
public sealed class CosineWellsLandscape : IAnalyticLandscape
{
    /// <summary>Creates the landscape.</summary>
    /// <param name="dimension">d ≥ 1.</param>
    /// <param name="quadratic">a &gt; 0 (confinement).</param>
    /// <param name="frequency">k &gt; 0.</param>
    public CosineWellsLandscape(int dimension, double quadratic, double frequency)
    {
        Dimension = Guard.AtLeast(dimension, 1, nameof(dimension));
        Quadratic = Guard.Positive(quadratic, nameof(quadratic));
        Frequency = Guard.Positive(frequency, nameof(frequency));
    }

    /// <inheritdoc/>
    public int Dimension { get; }

    /// <summary>a.</summary>
    public double Quadratic { get; }

    /// <summary>k.</summary>
    public double Frequency { get; }

    /// <inheritdoc/>
    public bool HasGradient => true;

    /// <inheritdoc/>
    public double Evaluate(ReadOnlySpan<double> x)
    {
        Guard.Length(x, Dimension, nameof(x));
        double s = 0;
        foreach (double t in x) s += Quadratic * t * t + 1 - Math.Cos(Frequency * t);
        return s;
    }

    /// <inheritdoc/>
    public void Gradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        Guard.Length(x, Dimension, nameof(x));
        for (int i = 0; i < Dimension; i++) gradient[i] = 2 * Quadratic * x[i] + Frequency * Math.Sin(Frequency * x[i]);
    }

    /// <inheritdoc/>
    public void Hessian(ReadOnlySpan<double> x, double[,] hessian)
    {
        Guard.Length(x, Dimension, nameof(x));
        Array.Clear(hessian);
        for (int i = 0; i < Dimension; i++) hessian[i, i] = 2 * Quadratic + Frequency * Frequency * Math.Cos(Frequency * x[i]);
    }

    /// <inheritdoc/>
    /// <remarks>cos(A + Bx) = Σ_n B^n cos(A + nπ/2) x^n / n! per coordinate (closed form).</remarks>
    public PowerSeries AlongLine(ReadOnlySpan<double> theta0, ReadOnlySpan<double> u, int order)
    {
        Guard.Length(theta0, Dimension, nameof(theta0));
        Guard.Length(u, Dimension, nameof(u));
        Guard.AtLeast(order, 2, nameof(order));
        var c = new double[order + 1];
        for (int i = 0; i < Dimension; i++)
        {
            double t = theta0[i], v = u[i];
            c[0] += Quadratic * t * t + 1;
            c[1] += 2 * Quadratic * t * v;
            c[2] += Quadratic * v * v;
            double a = Frequency * t, b = Frequency * v, bn = 1, fact = 1;
            for (int n = 0; n <= order; n++)
            {
                if (n > 0) { bn *= b; fact *= n; }
                c[n] -= bn / fact * Math.Cos(a + n * Math.PI / 2);
            }
        }
        return new PowerSeries(c);
    }
}

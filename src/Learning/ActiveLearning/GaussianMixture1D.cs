namespace PhyToolkit.Learning.ActiveLearning;

/// <summary>
/// A two-component one-dimensional Gaussian mixture fitted by expectation–maximisation (Dempster, Laird, Rubin 1977), the
/// fit the LfOSA-style query uses per predicted class (scikit-learn <c>GaussianMixture(n_components=2, max_iter=10, tol=1e-2,
/// reg_covar=5e-4)</c> in the SAMOSA code).
/// </summary>
/// <remarks>
/// E-step: γ_ij = π_j N(x_i; μ_j, σ_j²)/Σ_l π_l N(x_i; μ_l, σ_l²). M-step: π_j = mean γ_ij, μ_j = Σγx/Σγ,
/// σ_j² = Σγ(x − μ_j)²/Σγ + reg. Stops when the mean log-likelihood changes by less than the tolerance (scikit-learn's
/// lower-bound rule). Initialisation (our choice; scikit-learn uses k-means): means at the 25th and 75th percentiles, both
/// variances the sample variance + reg, equal weights.
/// </remarks>
public sealed class GaussianMixture1D
{
    private GaussianMixture1D(double[] w, double[] mu, double[] var, int iterations)
    {
        Weights = w; Means = mu; Variances = var; Iterations = iterations;
    }

    /// <summary>Mixture weights π (two, summing to 1).</summary>
    public double[] Weights { get; }

    /// <summary>Component means μ.</summary>
    public double[] Means { get; }

    /// <summary>Component variances σ² (including the regularisation).</summary>
    public double[] Variances { get; }

    /// <summary>EM iterations performed.</summary>
    public int Iterations { get; }

    /// <summary>Fits the mixture to <paramref name="x"/> (at least two finite values).</summary>
    /// <exception cref="ArgumentException">Fewer than two values or a non-finite value.</exception>
    /// <exception cref="ArgumentOutOfRangeException">maxIterations &lt; 1, tolerance or regularization ≤ 0.</exception>
    public static GaussianMixture1D Fit(ReadOnlySpan<double> x, int maxIterations = 100, double tolerance = 1e-3, double regularization = 1e-6)
    {
        if (x.Length < 2) throw new ArgumentException("a two-component mixture needs at least two values", nameof(x));
        foreach (double v in x) if (!double.IsFinite(v)) throw new ArgumentException("values must be finite", nameof(x));
        if (maxIterations < 1) throw new ArgumentOutOfRangeException(nameof(maxIterations), maxIterations, "maxIterations must be >= 1");
        if (!(tolerance > 0)) throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "tolerance must be > 0");
        if (!(regularization > 0)) throw new ArgumentOutOfRangeException(nameof(regularization), regularization, "regularization must be > 0");
        int n = x.Length;
        var sorted = x.ToArray();
        Array.Sort(sorted);
        double mean = 0;
        foreach (double v in sorted) mean += v;
        mean /= n;
        double s2 = 0;
        foreach (double v in sorted) s2 += (v - mean) * (v - mean);
        s2 /= n;
        double[] mu = [sorted[(n - 1) / 4], sorted[3 * (n - 1) / 4]];
        double[] var = [s2 + regularization, s2 + regularization];
        double[] w = [0.5, 0.5];
        var gamma = new double[n];   // responsibility of component 1
        double previous = double.NegativeInfinity;
        int it = 0;
        while (it < maxIterations)
        {
            it++;
            double ll = 0;
            for (int i = 0; i < n; i++)
            {
                double l0 = Math.Log(w[0]) + LogNormal(x[i], mu[0], var[0]);
                double l1 = Math.Log(w[1]) + LogNormal(x[i], mu[1], var[1]);
                double m = Math.Max(l0, l1);
                double lse = m + Math.Log(Math.Exp(l0 - m) + Math.Exp(l1 - m));
                gamma[i] = Math.Exp(l1 - lse);
                ll += lse;
            }
            ll /= n;
            double n1 = 0, s1 = 0;
            for (int i = 0; i < n; i++) { n1 += gamma[i]; s1 += gamma[i] * x[i]; }
            double n0 = n - n1, s0 = 0;
            for (int i = 0; i < n; i++) s0 += (1 - gamma[i]) * x[i];
            // A component with (numerically) no responsibility keeps its parameters.
            if (n0 > 1e-12) mu[0] = s0 / n0;
            if (n1 > 1e-12) mu[1] = s1 / n1;
            double v0 = 0, v1 = 0;
            for (int i = 0; i < n; i++)
            {
                v0 += (1 - gamma[i]) * (x[i] - mu[0]) * (x[i] - mu[0]);
                v1 += gamma[i] * (x[i] - mu[1]) * (x[i] - mu[1]);
            }
            if (n0 > 1e-12) var[0] = v0 / n0 + regularization;
            if (n1 > 1e-12) var[1] = v1 / n1 + regularization;
            w[0] = Math.Clamp(n0 / n, 1e-12, 1); w[1] = Math.Clamp(n1 / n, 1e-12, 1);
            double sw = w[0] + w[1]; w[0] /= sw; w[1] /= sw;
            if (Math.Abs(ll - previous) < tolerance) break;
            previous = ll;
        }
        return new GaussianMixture1D(w, mu, var, it);
    }

    /// <summary>Posterior probability P(component j | x) (j = 0 or 1).</summary>
    public double Posterior(double x, int component)
    {
        if (component is not (0 or 1)) throw new ArgumentOutOfRangeException(nameof(component), component, "component must be 0 or 1");
        double l0 = Math.Log(Weights[0]) + LogNormal(x, Means[0], Variances[0]);
        double l1 = Math.Log(Weights[1]) + LogNormal(x, Means[1], Variances[1]);
        double m = Math.Max(l0, l1);
        double p1 = Math.Exp(l1 - m) / (Math.Exp(l0 - m) + Math.Exp(l1 - m));
        return component == 1 ? p1 : 1 - p1;
    }

    private static double LogNormal(double x, double mu, double var) => -0.5 * (Math.Log(2 * Math.PI * var) + (x - mu) * (x - mu) / var);
}

using PhyToolkit.Core.Random;

namespace PhyToolkit.Learning.Optimizers;

/// <summary>
/// Two-point zeroth-order gradient estimates (docs/optim-zeroth-order.md; arXiv:2510.19975):
/// central g = [f(x + δu) − f(x − δu)]/(2δ)·u, or forward g = [f(x + δu) − f(x)]/δ·u, averaged over q directions.
/// </summary>
public static class TwoPointEstimator
{
    /// <summary>
    /// Writes the average of <paramref name="directions"/> two-point estimates at x into <paramref name="gradient"/> and
    /// returns the number of objective evaluations (2q central; q + 1 forward). No allocation.
    /// </summary>
    /// <param name="f">Objective.</param>
    /// <param name="x">Point, length d.</param>
    /// <param name="delta">Perturbation step δ &gt; 0.</param>
    /// <param name="sampler">Direction distribution of dimension d.</param>
    /// <param name="rng">Random stream.</param>
    /// <param name="directions">Directions q ≥ 1.</param>
    /// <param name="central">Central (true) or forward (false) difference.</param>
    /// <param name="gradient">Output, length d.</param>
    /// <param name="workspace">Scratch of length ≥ 2d.</param>
    /// <exception cref="ArithmeticException">The objective returned NaN or Inf.</exception>
    public static int Estimate(ObjectiveFunction f, ReadOnlySpan<double> x, double delta, IPerturbationSampler sampler, ref Xoshiro256StarStar rng,
        int directions, bool central, Span<double> gradient, Span<double> workspace)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(sampler);
        Guard.Positive(delta, nameof(delta));
        Guard.InRange(directions, 1, int.MaxValue, nameof(directions));
        int d = x.Length;
        Guard.Length(sampler.Dimension, d, nameof(sampler));
        Guard.Length(gradient.Length, d, nameof(gradient));
        if (workspace.Length < 2 * d) throw new ArgumentException($"workspace needs length ≥ {2 * d}.", nameof(workspace));
        var u = workspace[..d];
        var xp = workspace.Slice(d, d);
        gradient.Clear();
        int queries = 0;
        double f0 = double.NaN;
        if (!central)
        {
            f0 = Checked(f(x));
            queries++;
        }
        for (int j = 0; j < directions; j++)
        {
            sampler.Sample(ref rng, u);
            for (int i = 0; i < d; i++) xp[i] = x[i] + delta * u[i];
            double fPlus = Checked(f(xp));
            double coefficient;
            if (central)
            {
                for (int i = 0; i < d; i++) xp[i] = x[i] - delta * u[i];
                double fMinus = Checked(f(xp));
                coefficient = (fPlus - fMinus) / (2 * delta);
                queries += 2;
            }
            else
            {
                coefficient = (fPlus - f0) / delta;
                queries++;
            }
            for (int i = 0; i < d; i++) gradient[i] += coefficient * u[i] / directions;
        }
        return queries;
    }

    private static double Checked(double v) =>
        double.IsFinite(v) ? v : throw new ArithmeticException($"The objective returned {v}; a zeroth-order estimate needs finite values.");
}

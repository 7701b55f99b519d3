using PhyToolkit.Core.Random;

namespace PhyToolkit.Core.Asynchrony;

/// <summary>
/// Log-normal duration exp(μ + σZ), Z standard normal: mean exp(μ + σ²/2), variance (exp(σ²) − 1)·exp(2μ + σ²) (option of
/// the Asyn-PD timing model, docs/asyn-pd.md, [Proposed]). <see cref="FromMean"/> builds it from a mean and a coefficient of
/// variation.
/// </summary>
public sealed class LogNormalDelay : IDelayModel
{
    /// <summary>exp(<paramref name="mu"/> + <paramref name="sigma"/>·Z); μ finite, σ &gt;= 0.</summary>
    public LogNormalDelay(double mu, double sigma)
    {
        if (!double.IsFinite(mu)) throw new ArgumentOutOfRangeException(nameof(mu), mu, "mu must be a finite number (log of a time scale).");
        Mu = mu;
        Sigma = Validation.Guard.NonNegative(sigma, nameof(sigma));
    }

    /// <summary>The log-normal with the given <paramref name="mean"/> &gt; 0 and coefficient of variation <paramref name="cv"/> &gt;= 0.</summary>
    public static LogNormalDelay FromMean(double mean, double cv)
    {
        Validation.Guard.Positive(mean, nameof(mean));
        Validation.Guard.NonNegative(cv, nameof(cv));
        double s2 = Math.Log(1 + cv * cv);
        return new LogNormalDelay(Math.Log(mean) - s2 / 2, Math.Sqrt(s2));
    }

    /// <summary>The mean μ of the log duration.</summary>
    public double Mu { get; }

    /// <summary>The standard deviation σ of the log duration.</summary>
    public double Sigma { get; }

    /// <inheritdoc/>
    public string Name => $"lognormal({Reports.Fmt.F(Mu, "0.####")},{Reports.Fmt.F(Sigma, "0.####")})";

    /// <inheritdoc/>
    public double Mean => Math.Exp(Mu + Sigma * Sigma / 2);

    /// <inheritdoc/>
    public double Variance => (Math.Exp(Sigma * Sigma) - 1) * Math.Exp(2 * Mu + Sigma * Sigma);

    /// <inheritdoc/>
    public double Sample(ref Xoshiro256StarStar rng) => Math.Exp(Mu + Sigma * rng.NextGaussian());
}

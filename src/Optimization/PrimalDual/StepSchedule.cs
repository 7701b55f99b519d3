using System.Globalization;

namespace PhyToolkit.Optimization.PrimalDual;

/// <summary>
/// A step-size schedule η_t, t = 0, 1, ... (spec of arXiv 2509.01172 §2 and §6, [Proposed]): <see cref="Harmonic"/>
/// a/(t + t0) (the diminishing schedule behind the O(1/t) rate), <see cref="Constant"/> (converges to an O(step)
/// neighbourhood), <see cref="InverseSqrt"/> η0/√(t + 1).
/// </summary>
public abstract class StepSchedule
{
    private protected StepSchedule() { }

    /// <summary>η_t for t &gt;= 0.</summary>
    public abstract double At(long t);

    /// <summary>Short name for reports.</summary>
    public abstract string Name { get; }

    /// <summary>a/(t + t0): a &gt; 0, t0 &gt; 0.</summary>
    public static StepSchedule Harmonic(double a, double t0) => new HarmonicSchedule(Guard.Positive(a, nameof(a)), Guard.Positive(t0, nameof(t0)));

    /// <summary>The constant step c &gt; 0.</summary>
    public static StepSchedule Constant(double c) => new ConstantSchedule(Guard.Positive(c, nameof(c)));

    /// <summary>η0/√(t + 1), η0 &gt; 0.</summary>
    public static StepSchedule InverseSqrt(double eta0) => new InverseSqrtSchedule(Guard.Positive(eta0, nameof(eta0)));

    /// <summary>
    /// Refuses a harmonic schedule a/(t + t0) that cannot give the O(1/t) rate on a problem with strong-monotonicity modulus
    /// <paramref name="modulus"/>: the squared error of steps a/t decays like t^(−2aμ) when 2aμ &lt; 1 and like 1/t only when
    /// 2aμ &gt; 1 (docs/asyn-pd.md, [Proposed]). Other schedules make no O(1/t) claim and pass.
    /// </summary>
    /// <param name="schedule">The schedule.</param>
    /// <param name="modulus">μ &gt; 0 as it acts on the schedule's index (for a worker updating a fraction p of server iterations, μ·p).</param>
    /// <param name="name">The option's name, for the message.</param>
    /// <exception cref="ArgumentException">2aμ ≤ 1.</exception>
    public static void RequireRateCondition(StepSchedule schedule, double modulus, string name)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        Guard.Positive(modulus, nameof(modulus));
        if (schedule is HarmonicSchedule h && 2 * h.A * modulus <= 1)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"{name}: the schedule a/(t + t0) with a = {h.A:G6} on modulus μ = {modulus:G6} has 2aμ = {2 * h.A * modulus:G4} <= 1, so the squared error decays like t^(-2aμ), not O(1/t); use a > {1 / (2 * modulus):G6} (or allow slow rates explicitly)."), name);
    }

    private sealed class HarmonicSchedule(double a, double t0) : StepSchedule
    {
        public double A { get; } = a;
        public override double At(long t) => A / (t + t0);
        public override string Name => string.Create(CultureInfo.InvariantCulture, $"{A:G4}/(t+{t0:G4})");
    }

    private sealed class ConstantSchedule(double c) : StepSchedule
    {
        public override double At(long t) => c;
        public override string Name => string.Create(CultureInfo.InvariantCulture, $"const {c:G4}");
    }

    private sealed class InverseSqrtSchedule(double eta0) : StepSchedule
    {
        public override double At(long t) => eta0 / Math.Sqrt(t + 1);
        public override string Name => string.Create(CultureInfo.InvariantCulture, $"{eta0:G4}/sqrt(t+1)");
    }
}

using PhyToolkit.Optimization.Swarm;
using PhyToolkit.Optimization.Projections;
using PhyToolkit.Core.Random;

namespace PhyToolkit.Optimization.PrimalDual;

/// <summary>
/// Test case T2 of the Asyn-PD spec (arXiv 2509.01172 §5, [Proposed]): stochastic power allocation over Rayleigh fading.
/// n users, f_i(p_i) = −E[ln(1 + h_i p_i)], h_i ~ Exp(γ_i) (<see cref="FadingRateCost"/>), p_i ∈ [0, P_max], one budget
/// Σ_i p_i − P_tot ≤ 0 (A_1i = 1). Reference by bisection: p_i(λ) solves E[h/(1 + hp)] = λ on [0, P_max], then λ*_δ solves
/// δλ = max(0, Σ_i p_i(λ) − P_tot) (<see cref="Reference"/>).
/// </summary>
public sealed class PowerAllocationProblem
{
    /// <summary>Creates the problem.</summary>
    /// <param name="meanGains">γ_i &gt; 0 per user.</param>
    /// <param name="maxPower">P_max &gt; 0 (spec 5).</param>
    /// <param name="totalPower">P_tot &gt; 0 (spec 10).</param>
    public PowerAllocationProblem(IReadOnlyList<double> meanGains, double maxPower, double totalPower)
    {
        ArgumentNullException.ThrowIfNull(meanGains);
        if (meanGains.Count == 0) throw new ArgumentException("at least one user is needed.", nameof(meanGains));
        MaxPower = Guard.Positive(maxPower, nameof(maxPower));
        TotalPower = Guard.Positive(totalPower, nameof(totalPower));
        Costs = [.. meanGains.Select((g, i) => new FadingRateCost(Guard.Positive(g, $"{nameof(meanGains)}[{i}]"), maxPower))];
        Weights = new double[1, Costs.Count];
        for (int i = 0; i < Costs.Count; i++) Weights[0, i] = 1;
        Budget = new LinearResourceConstraint([1.0], totalPower);
    }

    /// <summary>γ_i log-uniform on [<paramref name="minGain"/>, <paramref name="maxGain"/>] (spec: [0.1, 10]).</summary>
    public static double[] LogUniformGains(int users, double minGain, double maxGain, ulong seed)
    {
        Guard.AtLeast(users, 1, nameof(users));
        Guard.Positive(minGain, nameof(minGain));
        if (!(maxGain >= minGain) || !double.IsFinite(maxGain)) throw new ArgumentOutOfRangeException(nameof(maxGain), maxGain, "maxGain must be finite and >= minGain.");
        var rng = new Xoshiro256StarStar(seed);
        var g = new double[users];
        for (int i = 0; i < users; i++) g[i] = minGain * Math.Pow(maxGain / minGain, rng.NextDouble());
        return g;
    }

    /// <summary>The per-user costs.</summary>
    public IReadOnlyList<FadingRateCost> Costs { get; }

    /// <summary>A_1i = 1.</summary>
    public double[,] Weights { get; }

    /// <summary>Σ p − P_tot.</summary>
    public LinearResourceConstraint Budget { get; }

    /// <summary>P_max.</summary>
    public double MaxPower { get; }

    /// <summary>P_tot.</summary>
    public double TotalPower { get; }

    /// <summary>L_δ of this instance.</summary>
    public RegularizedLagrangian Lagrangian(double delta, double nu = 0) => new([.. Costs], [Budget], Weights, delta, nu);

    /// <summary>The projections onto [0, P_max].</summary>
    public IProjection?[] Projections() => [.. Costs.Select(_ => (IProjection?)new BoxProjection(BoxBounds.Uniform(1, 0, MaxPower)))];

    /// <summary>p_i(λ): the minimiser of f_i(p) + λp on [0, P_max] (E[h/(1 + hp)] = λ, by bisection).</summary>
    public double Allocation(int user, double lambda)
    {
        var c = Costs[user];
        Guard.NonNegative(lambda, nameof(lambda));
        if (lambda >= c.MeanGain) return 0;
        if (c.MarginalRate(MaxPower) >= lambda) return MaxPower;
        return ScalarBisection.Solve(p => c.MarginalRate(p) - lambda, 0, MaxPower);
    }

    /// <summary>The saddle point of L_δ (δ &gt; 0) or the exact solution (δ = 0): λ*_δ by bisection on δλ − max(0, Σ p_i(λ) − P_tot).</summary>
    public SaddlePoint Reference(double delta)
    {
        Guard.NonNegative(delta, nameof(delta));
        double excess(double l) { double s = -TotalPower; for (int i = 0; i < Costs.Count; i++) s += Allocation(i, l); return s; }
        double lambda;
        if (excess(0) <= 0) lambda = 0;
        else
        {
            double hi = Costs.Max(c => c.MeanGain);
            lambda = delta > 0
                ? ScalarBisection.Solve(l => delta * l - Math.Max(0, excess(l)), 0, hi)
                : ScalarBisection.Solve(l => -excess(l), 0, hi);
        }
        return new SaddlePoint([.. Enumerable.Range(0, Costs.Count).Select(i => new[] { Allocation(i, lambda) })], [lambda]);
    }
}

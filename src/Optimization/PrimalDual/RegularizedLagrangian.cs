namespace PhyToolkit.Optimization.PrimalDual;

/// <summary>
/// The regularised Lagrangian of the resource-allocation problem (arXiv 2509.01172 eq. (1)–(2) [Paper]; regularisation
/// [Proposed], the Tikhonov device of Koshal, Nedić and Shanbhag, SIAM J. Optim. 21(3), 2011):
/// L_δ(θ, λ) = Σ_i f_i(θ_i) + Σ_j λ_j g_j(z_j(θ)) − (δ/2)‖λ‖² + (ν/2)‖θ‖², z_j(θ) = Σ_i A_ji θ_i, λ ∈ ℝ^m_+.
/// Its saddle point (θ*_δ, λ*_δ) is what Asyn-PD converges to; λ*_δ,j = max(0, g_j(z*_δ)/δ), so the budget violation at
/// the saddle point is exactly δ λ*_δ,j.
/// </summary>
/// <remarks>All workers and aggregates share one dimension d (the toolkit's test beds; the paper allows more).</remarks>
public sealed class RegularizedLagrangian
{
    private readonly IStochasticCost[] _costs;
    private readonly IResourceConstraint[] _constraints;
    private readonly double[] _a; // m×n row-major

    /// <summary>Creates L_δ.</summary>
    /// <param name="costs">f_1..f_n (same dimension d).</param>
    /// <param name="constraints">g_1..g_m (dimension d).</param>
    /// <param name="weights">A, m×n: weights[j, i] = A_ji (finite).</param>
    /// <param name="delta">Dual regularisation δ &gt; 0 (spec default 0.05, our choice).</param>
    /// <param name="nu">Primal regularisation ν &gt;= 0 (default 0).</param>
    public RegularizedLagrangian(IReadOnlyList<IStochasticCost> costs, IReadOnlyList<IResourceConstraint> constraints, double[,] weights, double delta, double nu = 0)
    {
        ArgumentNullException.ThrowIfNull(costs);
        ArgumentNullException.ThrowIfNull(constraints);
        ArgumentNullException.ThrowIfNull(weights);
        if (costs.Count == 0) throw new ArgumentException("at least one worker cost is needed.", nameof(costs));
        if (constraints.Count == 0) throw new ArgumentException("at least one constraint is needed.", nameof(constraints));
        _costs = [.. costs];
        _constraints = [.. constraints];
        Dimension = _costs[0].Dimension;
        for (int i = 0; i < _costs.Length; i++)
            if (_costs[i] is null || _costs[i].Dimension != Dimension) throw new ArgumentException($"costs[{i}] must have dimension {Dimension}.", nameof(costs));
        for (int j = 0; j < _constraints.Length; j++)
            if (_constraints[j] is null || _constraints[j].Dimension != Dimension) throw new ArgumentException($"constraints[{j}] must have dimension {Dimension}.", nameof(constraints));
        if (weights.GetLength(0) != _constraints.Length || weights.GetLength(1) != _costs.Length)
            throw new ArgumentException($"weights must be m×n = {_constraints.Length}×{_costs.Length}.", nameof(weights));
        _a = new double[M * N];
        for (int j = 0; j < M; j++)
            for (int i = 0; i < N; i++) _a[j * N + i] = Guard.Finite(weights[j, i], $"{nameof(weights)}[{j},{i}]");
        Delta = Guard.Positive(delta, nameof(delta));
        Nu = Guard.NonNegative(nu, nameof(nu));
    }

    /// <summary>Workers n.</summary>
    public int N => _costs.Length;

    /// <summary>Constraints m.</summary>
    public int M => _constraints.Length;

    /// <summary>Decision and aggregate dimension d.</summary>
    public int Dimension { get; }

    /// <summary>δ.</summary>
    public double Delta { get; }

    /// <summary>ν.</summary>
    public double Nu { get; }

    /// <summary>The costs.</summary>
    public IReadOnlyList<IStochasticCost> Costs => _costs;

    /// <summary>The constraints.</summary>
    public IReadOnlyList<IResourceConstraint> Constraints => _constraints;

    /// <summary>A_ji.</summary>
    public double Weight(int j, int i) => _a[j * N + i];

    /// <summary>The smallest strong-convexity modulus min_i μ_i + ν (μ_f of the step defaults).</summary>
    public double StrongConvexity
    {
        get
        {
            double mu = double.PositiveInfinity;
            foreach (var c in _costs) mu = Math.Min(mu, c.StrongConvexity);
            return mu + Nu;
        }
    }

    /// <summary>z_j = Σ_i A_ji θ_i for every j.</summary>
    public void Aggregate(IReadOnlyList<double[]> theta, double[][] z)
    {
        for (int j = 0; j < M; j++)
        {
            Array.Clear(z[j]);
            for (int i = 0; i < N; i++)
            {
                double w = _a[j * N + i];
                if (w == 0) continue;
                var t = theta[i];
                for (int k = 0; k < Dimension; k++) z[j][k] += w * t[k];
            }
        }
    }

    /// <summary>L_δ(θ, λ).</summary>
    public double Value(IReadOnlyList<double[]> theta, ReadOnlySpan<double> lambda)
    {
        var z = NewAggregates();
        Aggregate(theta, z);
        double v = 0;
        for (int i = 0; i < N; i++)
        {
            v += _costs[i].Value(theta[i]);
            foreach (double x in theta[i]) v += 0.5 * Nu * x * x;
        }
        for (int j = 0; j < M; j++) v += lambda[j] * _constraints[j].Value(z[j]) - 0.5 * Delta * lambda[j] * lambda[j];
        return v;
    }

    /// <summary>The price π_i = Σ_j λ_j A_ji ∇g_j(z_j) the server sends worker i (docs/asyn-pd.md).</summary>
    public void Price(int i, double[][] z, ReadOnlySpan<double> lambda, Span<double> price, Span<double> scratch)
    {
        price[..Dimension].Clear();
        for (int j = 0; j < M; j++)
        {
            double w = lambda[j] * _a[j * N + i];
            if (w == 0) continue;
            _constraints[j].Gradient(z[j], scratch);
            for (int k = 0; k < Dimension; k++) price[k] += w * scratch[k];
        }
    }

    /// <summary>∇_{θ_i} L_δ = ∇f_i(θ_i) + π_i + ν θ_i (exact).</summary>
    public void PrimalGradient(IReadOnlyList<double[]> theta, ReadOnlySpan<double> lambda, int i, Span<double> gradient)
    {
        var z = NewAggregates();
        Aggregate(theta, z);
        Span<double> price = new double[Dimension], scratch = new double[Dimension];
        Price(i, z, lambda, price, scratch);
        _costs[i].Gradient(theta[i], gradient);
        for (int k = 0; k < Dimension; k++) gradient[k] += price[k] + Nu * theta[i][k];
    }

    /// <summary>∇_λ L_δ = g(z(θ)) − δλ.</summary>
    public void DualGradient(IReadOnlyList<double[]> theta, ReadOnlySpan<double> lambda, Span<double> gradient)
    {
        var z = NewAggregates();
        Aggregate(theta, z);
        for (int j = 0; j < M; j++) gradient[j] = _constraints[j].Value(z[j]) - Delta * lambda[j];
    }

    /// <summary>g_j(z_j) for every j.</summary>
    public void ConstraintValues(double[][] z, Span<double> g)
    {
        for (int j = 0; j < M; j++) g[j] = _constraints[j].Value(z[j]);
    }

    /// <summary>A new m×d aggregate buffer.</summary>
    public double[][] NewAggregates()
    {
        var z = new double[M][];
        for (int j = 0; j < M; j++) z[j] = new double[Dimension];
        return z;
    }
}

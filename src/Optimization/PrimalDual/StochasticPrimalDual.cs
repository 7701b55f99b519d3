using PhyToolkit.Optimization.Projections;
using PhyToolkit.Core.Asynchrony;
using PhyToolkit.Core.Random;

namespace PhyToolkit.Optimization.PrimalDual;

/// <summary>
/// Stochastic primal-dual distributed resource allocation on the regularised Lagrangian L_δ: Asyn-PD (arXiv 2509.01172:
/// asynchronous workers and server, local stochastic gradients, dual at the server; realisation of its spec §2,
/// [Proposed]) via <see cref="RunAsynchronous"/>, and the synchronous baseline Sync-PD via <see cref="RunSynchronous"/>.
/// </summary>
/// <remarks>
/// <para>Worker i: θ_i ← Π_{C_i}(θ_i − α_{s_i}(∇F_i(θ_i; ξ) + π_i + νθ_i)); server on receiving θ_i: t ← t + 1,
/// z_j ← z_j + A_ji(θ_i − T_i), T_i ← θ_i, λ ← Π_[0, λmax](λ + β_t(g(z) − δλ)), reply π_i = Σ_j λ_j A_ji ∇g_j(z_j), s_i = t.</para>
/// <para>With <see cref="PrimalDualOptions.AggregateChannel"/> set, g(z) in the dual step is evaluated at the channel's
/// measurement of z (e.g. an over-the-air analog sum) instead of the exact aggregate.</para>
/// <para>Randomness: worker i's gradient noise comes from stream Mix(seed, i + 1), the channel's from Mix(seed, 0); timing from the simulator's own seed.
/// A run is a function of the seeds only.</para>
/// </remarks>
public sealed class StochasticPrimalDual
{
    private readonly RegularizedLagrangian _l;
    private readonly IProjection?[] _proj;
    private readonly PrimalDualOptions _o;
    private readonly double[][] _theta, _table, _price, _z, _zMeasured, _theta0;
    private readonly double[] _lambda, _g, _grad, _scratch;
    private readonly long[] _stamp;
    private readonly Xoshiro256StarStar[] _rng;
    private Xoshiro256StarStar _channelRng;
    private readonly ulong _seed;

    /// <summary>Creates a driver.</summary>
    /// <param name="lagrangian">L_δ.</param>
    /// <param name="projections">Π_{C_i} per worker (null entries: C_i = ℝ^d).</param>
    /// <param name="initial">θ_i^0 per worker (projected before use).</param>
    /// <param name="options">Steps and options.</param>
    /// <param name="seed">Seed of the gradient noise.</param>
    public StochasticPrimalDual(RegularizedLagrangian lagrangian, IReadOnlyList<IProjection?> projections, IReadOnlyList<double[]> initial, PrimalDualOptions options, ulong seed)
    {
        _l = lagrangian ?? throw new ArgumentNullException(nameof(lagrangian));
        ArgumentNullException.ThrowIfNull(projections);
        ArgumentNullException.ThrowIfNull(initial);
        _o = options ?? throw new ArgumentNullException(nameof(options));
        _o.Validate();
        int n = _l.N, d = _l.Dimension;
        if (projections.Count != n) throw new ArgumentException($"one projection per worker ({n}) is needed.", nameof(projections));
        if (initial.Count != n) throw new ArgumentException($"one initial point per worker ({n}) is needed.", nameof(initial));
        _proj = [.. projections];
        _theta0 = new double[n][];
        for (int i = 0; i < n; i++)
        {
            if (initial[i] is null || initial[i].Length != d) throw new ArgumentException($"initial[{i}] must have length {d}.", nameof(initial));
            _theta0[i] = (double[])initial[i].Clone();
            _proj[i]?.Project(_theta0[i]);
        }
        _theta = Jagged(n, d); _table = Jagged(n, d); _price = Jagged(n, d);
        _z = _l.NewAggregates();
        _zMeasured = _l.NewAggregates();
        _lambda = new double[_l.M]; _g = new double[_l.M];
        _grad = new double[d]; _scratch = new double[d];
        _stamp = new long[n];
        _rng = new Xoshiro256StarStar[n];
        _seed = seed;
    }

    /// <summary>The server's table θ (after a run).</summary>
    public IReadOnlyList<double[]> Theta => _table;

    /// <summary>The dual λ (after a run).</summary>
    public IReadOnlyList<double> Lambda => _lambda;

    /// <summary>The aggregates z_j of the server's table.</summary>
    public IReadOnlyList<double[]> Aggregates => _z;

    /// <summary>
    /// Asyn-PD for <paramref name="iterations"/> server iterations on <paramref name="simulator"/> (restarted at time 0).
    /// </summary>
    /// <exception cref="ArgumentException">A harmonic schedule violates the O(1/t) condition while <see cref="PrimalDualOptions.EnforceRateCondition"/> is set:
    /// primal 2aμ_f·p_min &gt; 1 with p_min the slowest worker's share of messages (from the simulator's mean cycle times), dual 2bδ &gt; 1.</exception>
    public void RunAsynchronous(AsynchronySimulator simulator, long iterations, IPrimalDualObserver? observer = null)
    {
        ArgumentNullException.ThrowIfNull(simulator);
        if (simulator.Workers != _l.N) throw new ArgumentException($"the simulator has {simulator.Workers} workers; the problem has {_l.N}.", nameof(simulator));
        Guard.AtLeast(iterations, 0, nameof(iterations));
        if (_o.EnforceRateCondition) CheckRates(SlowestShare(simulator));
        Reset();
        simulator.Start();
        int n = _l.N, d = _l.Dimension;
        for (int i = 0; i < n; i++) WorkerStep(i, 0);
        for (long t = 1; t <= iterations; t++)
        {
            var a = simulator.Next();
            int i = a.Worker;
            for (int j = 0; j < _l.M; j++)
            {
                double w = _l.Weight(j, i);
                if (w != 0)
                    for (int k = 0; k < d; k++) _z[j][k] += w * (_theta[i][k] - _table[i][k]);
            }
            Array.Copy(_theta[i], _table[i], d);
            DualStep(a.Iteration);
            _l.Price(i, _z, _lambda, _price[i], _scratch);
            _stamp[i] = a.Iteration;
            simulator.Reply(_o.LocalSteps);
            WorkerStep(i, _stamp[i]);
            if (observer is not null && !observer.Observe(a.Iteration, a.Time, _table, _lambda)) break;
        }
    }

    /// <summary>
    /// Sync-PD for <paramref name="rounds"/> rounds: every round the server broadcasts its prices, every worker steps with
    /// α_r, the server waits for all and updates λ once with β_{r+1}; virtual time from <see cref="AsynchronySimulator.SynchronousRound"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A harmonic schedule violates 2aμ_f &gt; 1 or 2bδ &gt; 1 while <see cref="PrimalDualOptions.EnforceRateCondition"/> is set.</exception>
    public void RunSynchronous(AsynchronySimulator simulator, long rounds, IPrimalDualObserver? observer = null)
    {
        ArgumentNullException.ThrowIfNull(simulator);
        if (simulator.Workers != _l.N) throw new ArgumentException($"the simulator has {simulator.Workers} workers; the problem has {_l.N}.", nameof(simulator));
        Guard.AtLeast(rounds, 0, nameof(rounds));
        if (_o.EnforceRateCondition) CheckRates(1);
        Reset();
        simulator.Start();
        int n = _l.N, d = _l.Dimension;
        for (long r = 0; r < rounds; r++)
        {
            simulator.SynchronousRound(_o.LocalSteps);
            for (int i = 0; i < n; i++)
            {
                WorkerStep(i, r);
                Array.Copy(_theta[i], _table[i], d);
            }
            _l.Aggregate(_table, _z);
            DualStep(r + 1);
            for (int i = 0; i < n; i++) _l.Price(i, _z, _lambda, _price[i], _scratch);
            if (observer is not null && !observer.Observe(r + 1, simulator.Time, _table, _lambda)) break;
        }
    }

    /// <summary>The smallest share p_i = (1/c_i)/Σ_k(1/c_k) of server iterations a worker gets, c_i its mean cycle time.</summary>
    public static double SlowestShare(AsynchronySimulator simulator)
    {
        ArgumentNullException.ThrowIfNull(simulator);
        return SlowestShare(simulator.Timing);
    }

    /// <summary>The smallest share p_i = (1/c_i)/Σ_k(1/c_k) of server iterations a worker gets, c_i its mean cycle time.</summary>
    public static double SlowestShare(IReadOnlyList<WorkerTiming> timing)
    {
        ArgumentNullException.ThrowIfNull(timing);
        double sum = 0, min = double.PositiveInfinity;
        foreach (var w in timing)
        {
            double rate = 1 / Math.Max(w.MeanCycle, 1e-300);
            sum += rate;
            min = Math.Min(min, rate);
        }
        return min / sum;
    }

    private void CheckRates(double share)
    {
        StepSchedule.RequireRateCondition(_o.PrimalStep, _l.StrongConvexity * share, nameof(PrimalDualOptions.PrimalStep));
        StepSchedule.RequireRateCondition(_o.DualStep, _l.Delta, nameof(PrimalDualOptions.DualStep));
    }

    private void Reset()
    {
        int n = _l.N, d = _l.Dimension;
        for (int i = 0; i < n; i++)
        {
            Array.Copy(_theta0[i], _theta[i], d);
            Array.Copy(_theta0[i], _table[i], d);
            Array.Clear(_price[i]);
            _stamp[i] = 0;
            _rng[i] = new Xoshiro256StarStar(SeedMixer.Mix(_seed, (ulong)i + 1));
        }
        Array.Clear(_lambda);
        _channelRng = new Xoshiro256StarStar(SeedMixer.Mix(_seed, 0));
        _l.Aggregate(_table, _z);
        for (int i = 0; i < n; i++) _l.Price(i, _z, _lambda, _price[i], _scratch);
    }

    private void WorkerStep(int i, long stamp)
    {
        double alpha = _o.PrimalStep.At(stamp), nu = _l.Nu;
        var th = _theta[i];
        var cost = _l.Costs[i];
        for (int s = 0; s < _o.LocalSteps; s++)
        {
            cost.SampleGradient(th, ref _rng[i], _grad);
            for (int k = 0; k < th.Length; k++) th[k] -= alpha * (_grad[k] + _price[i][k] + nu * th[k]);
            _proj[i]?.Project(th);
        }
    }

    private void DualStep(long t)
    {
        double beta = _o.DualStep.At(t), delta = _l.Delta;
        if (_o.AggregateChannel is { } channel)
        {
            channel.Measure(_l, _table, _z, _zMeasured, ref _channelRng);
            _l.ConstraintValues(_zMeasured, _g);
        }
        else _l.ConstraintValues(_z, _g);
        for (int j = 0; j < _lambda.Length; j++)
            _lambda[j] = Math.Clamp(_lambda[j] + beta * (_g[j] - delta * _lambda[j]), 0, _o.LambdaMax);
    }

    private static double[][] Jagged(int n, int d)
    {
        var x = new double[n][];
        for (int i = 0; i < n; i++) x[i] = new double[d];
        return x;
    }
}

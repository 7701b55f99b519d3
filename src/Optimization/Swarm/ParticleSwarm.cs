using PhyToolkit.Core.Random;
using PhyToolkit.Optimization.Objectives;
using PhyToolkit.Optimization.Results;

namespace PhyToolkit.Optimization.Swarm;

/// <summary>
/// Global-best particle swarm optimisation with linear inertia (Kennedy and Eberhart 1995; Shi and Eberhart 1998),
/// <b>maximising</b> the fitness (minimise g by maximising <see cref="NegatedObjective"/>).
/// </summary>
/// <remarks>
/// <para>Per move it, particle i, coordinate j (fa-plkg spec §3.1, the pyswarms global-best update):
/// v_ij ← ω_it·v_ij + c1·r1·(pbest_ij − x_ij) + c2·r2·(gbest_j − x_ij), r1, r2 ~ U[0,1);
/// |v_ij| ≤ vmax_j = f·(upper_j − lower_j); x_ij ← x_ij + v_ij; a coordinate leaving the box is clamped to the wall
/// and its velocity component set to 0; then the optional repair hook runs on the particle.</para>
/// <para>The update is <b>synchronous</b>: all S particles move, then the whole swarm is evaluated by <b>one</b>
/// <see cref="IBatchObjective.Evaluate"/> call, then pbest and gbest are updated in particle order (strict
/// improvement; ties keep the earlier point). This makes the batch the unit of acceleration (parallel, SIMD, GPU)
/// and the result independent of how the batch is computed.</para>
/// <para>Length of a run: <see cref="ParticleSwarmOptions.PlannedMoves"/> moves T = min(MaxIterations, ⌊(MaxEvaluations − S)/S⌋),
/// which is also the horizon of the linear inertia schedule; the optional stall rule (<see cref="ParticleSwarmOptions.StallIterations"/>,
/// off by default) or cancellation may end it earlier. With only an evaluation budget set, the budget is used to the last whole move.</para>
/// <para>Randomness: one <see cref="Xoshiro256StarStar"/> per run seeded with the caller's work-unit seed; draws are
/// consumed in a fixed order, so a seed reproduces a run bit for bit.</para>
/// <para>Incumbent seeding: the first k particles are set to caller-supplied points (e.g. the UPA layout or a previous
/// solution) and evaluated unchanged, so the returned value is ≥ the best incumbent fitness.</para>
/// </remarks>
public sealed class ParticleSwarm
{
    /// <summary>Creates the optimizer with validated <paramref name="options"/>.</summary>
    public ParticleSwarm(ParticleSwarmOptions options) => Options = options ?? throw new ArgumentNullException(nameof(options));

    /// <summary>The settings.</summary>
    public ParticleSwarmOptions Options { get; }

    /// <summary>Maximises <c>problem.Objective − problem.Penalty</c> over <c>problem.Bounds</c>.</summary>
    /// <param name="problem">Objective, box and hooks.</param>
    /// <param name="seed">Seed of this run's RNG (derive it from the work unit, e.g. <see cref="SeedMixer.Mix(ulong, ulong)"/>).</param>
    /// <param name="incumbents">Optional k×d row-major initial particles (k ≤ S), each inside the box; evaluated unchanged.</param>
    /// <param name="cancellationToken">Checked once per move; on cancellation the best-so-far is returned with
    /// <see cref="StopReason.Cancelled"/>.</param>
    /// <returns>gbest, its fitness, moves performed, fitness evaluations (S per batch), stop reason and the gbest trace
    /// (point 0 = initial swarm).</returns>
    public OptimizationResult Maximize(ParticleSwarmProblem problem, ulong seed, ReadOnlySpan<double> incumbents = default,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var o = Options;
        int d = problem.Dimension, s = o.SwarmSize;
        var lo = problem.Bounds.Lower;
        var hi = problem.Bounds.Upper;
        if (incumbents.Length % d != 0)
            throw new ArgumentOutOfRangeException(nameof(incumbents), incumbents.Length, $"incumbents.Length must be a multiple of the dimension {d}.");
        int k = incumbents.Length / d;
        if (k > s)
            throw new ArgumentOutOfRangeException(nameof(incumbents), k, $"at most SwarmSize = {s} incumbents are allowed.");
        for (int i = 0; i < k; i++)
            if (!problem.Bounds.Contains(incumbents.Slice(i * d, d)))
                throw new ArgumentOutOfRangeException(nameof(incumbents), $"incumbent {i} is not a finite point inside the bounds.");

        var x = new double[s * d];
        var v = new double[s * d];
        var pbest = new double[s * d];
        var pfit = new double[s];
        var fit = new double[s];
        var gbest = new double[d];
        var vmax = new double[d];
        for (int j = 0; j < d; j++)
        {
            double range = hi[j] - lo[j];
            vmax[j] = double.IsPositiveInfinity(o.VelocityClampFraction) ? double.PositiveInfinity : o.VelocityClampFraction * range;
        }

        var rng = new Xoshiro256StarStar(seed);
        incumbents.CopyTo(x);
        for (int i = k; i < s; i++)
        {
            var row = x.AsSpan(i * d, d);
            for (int j = 0; j < d; j++) row[j] = lo[j] + (hi[j] - lo[j]) * rng.NextDouble();
            problem.Repair?.Invoke(row);
        }
        if (o.InitialVelocity == InitialVelocity.Uniform)
        {
            for (int i = 0; i < s; i++)
                for (int j = 0; j < d; j++)
                {
                    double vm = double.IsPositiveInfinity(vmax[j]) ? hi[j] - lo[j] : vmax[j];
                    v[i * d + j] = vm * (2 * rng.NextDouble() - 1);
                }
        }

        int T = o.PlannedMoves;
        var trace = new ConvergenceTrace(Math.Min(T, 100_000) + 1);
        long evals = 0;
        EvaluateSwarm(problem, x, fit, d);
        evals += s;
        x.AsSpan().CopyTo(pbest);
        double gfit = double.NegativeInfinity;
        int gi = -1;
        for (int i = 0; i < s; i++)
        {
            pfit[i] = fit[i];
            if (fit[i] > gfit) { gfit = fit[i]; gi = i; }
        }
        if (gi >= 0) x.AsSpan(gi * d, d).CopyTo(gbest);
        else x.AsSpan(0, d).CopyTo(gbest); // every fitness non-finite: keep particle 0 as a placeholder
        trace.Add(0, evals, gfit);

        double c1 = o.CognitiveCoefficient, c2 = o.SocialCoefficient;
        double stallRef = gfit;
        int stall = 0, it = 0;
        StopReason reason = StopReason.MaxIterations;
        while (true)
        {
            // The budget is checked first: a run that has used its budget to the last whole move reports MaxEvaluations.
            if (evals > o.MaxEvaluations - s) { reason = StopReason.MaxEvaluations; break; }
            if (it >= T) { reason = StopReason.MaxIterations; break; }
            if (cancellationToken.IsCancellationRequested) { reason = StopReason.Cancelled; break; }
            it++;
            double w = T > 1 ? o.InertiaStart - (o.InertiaStart - o.InertiaEnd) * (it - 1) / (T - 1) : o.InertiaStart;
            for (int i = 0; i < s; i++)
            {
                int b = i * d;
                for (int j = 0; j < d; j++)
                {
                    double r1 = rng.NextDouble(), r2 = rng.NextDouble();
                    double xi = x[b + j];
                    double vi = w * v[b + j] + c1 * r1 * (pbest[b + j] - xi) + c2 * r2 * (gbest[j] - xi);
                    if (vi > vmax[j]) vi = vmax[j];
                    else if (vi < -vmax[j]) vi = -vmax[j];
                    xi += vi;
                    if (xi < lo[j]) { xi = lo[j]; vi = 0; }
                    else if (xi > hi[j]) { xi = hi[j]; vi = 0; }
                    x[b + j] = xi;
                    v[b + j] = vi;
                }
                problem.Repair?.Invoke(x.AsSpan(b, d));
            }
            EvaluateSwarm(problem, x, fit, d);
            evals += s;
            for (int i = 0; i < s; i++)
            {
                if (fit[i] > pfit[i])
                {
                    pfit[i] = fit[i];
                    Array.Copy(x, i * d, pbest, i * d, d);
                    if (fit[i] > gfit) { gfit = fit[i]; Array.Copy(x, i * d, gbest, 0, d); }
                }
            }
            trace.Add(it, evals, gfit);

            if (gfit - stallRef > o.StallRelativeTolerance * Math.Abs(stallRef) + o.StallAbsoluteTolerance
                || (double.IsNegativeInfinity(stallRef) && double.IsFinite(gfit)))
            {
                stallRef = gfit; stall = 0;
            }
            else if (++stall >= o.StallIterations) { reason = StopReason.Stalled; break; }   // never when StallIterations is null
        }
        return new OptimizationResult(gbest, gfit, it, evals, reason, trace);
    }

    /// <summary>Convenience overload: per-point objective (serial) over <paramref name="bounds"/>.</summary>
    public OptimizationResult Maximize(IObjective objective, BoxBounds bounds, ulong seed, ReadOnlySpan<double> incumbents = default) =>
        Maximize(new ParticleSwarmProblem(objective, bounds), seed, incumbents);

    private static void EvaluateSwarm(ParticleSwarmProblem problem, double[] x, double[] fit, int d)
    {
        problem.Objective.Evaluate(x, fit);
        var pen = problem.Penalty;
        for (int i = 0; i < fit.Length; i++)
        {
            double f = fit[i];
            if (pen != null) f -= pen(x.AsSpan(i * d, d));
            fit[i] = double.IsNaN(f) ? double.NegativeInfinity : f; // NaN never wins a comparison
        }
    }
}

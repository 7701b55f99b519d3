using PhyToolkit.Channels.Correlation;
using System.Numerics;
using PhyToolkit.Optimization.Results;

namespace PhyToolkit.Optimization.KeyGeneration;

/// <summary>
/// FA with position gradient ascent (fa-plkg docs/fa-plkg.md, an extra not in the paper, MA-literature style): alternate the
/// optimal precoder (§2.4 oracle) with a projected gradient step on the positions, ∂KGR/∂t_m = 2 Re Σ_n Γ_nm ∂R_mn/∂t_m /
/// ln 2 (§2.5c/d), followed by the box clamp and the spacing repair; steps are accepted only if the KGR rises
/// (adaptive step: ×1.5 on success, ×0.5 on failure).
/// </summary>
public static class PositionGradientAscent
{
    /// <summary>Runs the scheme from <paramref name="incumbent"/>.</summary>
    /// <param name="problem">The problem.</param>
    /// <param name="incumbent">Feasible start layout (the UPA).</param>
    /// <param name="maxIterations">Iterations ≥ 1.</param>
    /// <param name="initialStepWavelengths">Largest coordinate move of the first step, in wavelengths (our choice: 0.1).</param>
    public static SchemeOutcome Run(KeyGenerationProblem problem, double[] incumbent, int maxIterations = 100, double initialStepWavelengths = 0.1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxIterations, 1);
        var ev = new KeyGenerationEvaluator(problem);
        int n = problem.LayoutLength;
        var pos = (double[])incumbent.Clone();
        var trial = new double[n];
        var grad = new double[n];
        var g = new Complex[problem.Antennas * problem.Antennas];
        var p = new Complex[problem.PrecoderLength];
        var trace = new ConvergenceTrace(maxIterations + 1);
        ev.SetLayout(pos);
        double kgr = ev.Oracle(p);
        long evals = 1;
        trace.Add(0, evals, kgr);
        double step = initialStepWavelengths;
        for (int it = 1; it <= maxIterations && step > 1e-6; it++)
        {
            ev.CovarianceGradient(p, g);
            problem.Correlation.PositionGradient(pos, g, grad);
            double gmax = 0;
            foreach (double v in grad) gmax = Math.Max(gmax, Math.Abs(v));
            if (gmax == 0) break;
            for (int i = 0; i < n; i++) trial[i] = pos[i] + step / gmax * grad[i];
            problem.Region.ClampToBox(trial);
            bool feasible = problem.Region.TryRepair(trial);
            double v2 = feasible ? ev.OracleKgr(trial) : double.NegativeInfinity;
            evals++;
            if (v2 > kgr)
            {
                bool tiny = v2 - kgr <= 1e-9 * Math.Max(1, kgr);
                trial.CopyTo(pos, 0);
                kgr = v2;
                step *= 1.5;
                if (tiny) break;
            }
            else step *= 0.5;
            ev.SetLayout(pos);
            ev.Oracle(p);
            trace.Add(it, evals, kgr);
        }
        ev.SetLayout(pos);
        kgr = ev.Oracle(p);
        return new SchemeOutcome(kgr, pos, p, evals, trace);
    }

    /// <summary>
    /// Multi-start gradient ascent at a given evaluation budget (our choice [C], the cost-matched counterpart of a swarm):
    /// the first start is <paramref name="incumbent"/>, later starts are random feasible layouts (the region's sequential
    /// rejection sampler); starts run <see cref="Run"/> until the oracle evaluations reach <paramref name="evaluationBudget"/>.
    /// The best start is returned with the total evaluations spent (the last start may overrun the budget by at most
    /// <paramref name="maxIterationsPerStart"/> + 1 evaluations).
    /// </summary>
    /// <param name="problem">The problem.</param>
    /// <param name="incumbent">Feasible first start (the UPA).</param>
    /// <param name="evaluationBudget">Total oracle evaluations ≥ 1 (e.g. the two-loop AO's fitness evaluations).</param>
    /// <param name="maxIterationsPerStart">Iterations of each start ≥ 1.</param>
    /// <param name="seed">Seed of the random starts.</param>
    public static SchemeOutcome MultiStart(KeyGenerationProblem problem, double[] incumbent, long evaluationBudget, int maxIterationsPerStart, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(evaluationBudget, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxIterationsPerStart, 1);
        var rng = new PhyToolkit.Core.Random.Xoshiro256StarStar(seed);
        var start = (double[])incumbent.Clone();
        SchemeOutcome? best = null;
        long spent = 0;
        while (spent < evaluationBudget)
        {
            if (best != null) problem.Region.SampleFeasible(start, ref rng);
            var o = Run(problem, start, maxIterationsPerStart);
            spent += o.FitnessEvaluations;
            if (best == null || o.Kgr > best.Kgr) best = o;
        }
        return best! with { FitnessEvaluations = spent, Trace = null };
    }
}

using System.Numerics;
using PhyToolkit.Optimization.Objectives;
using PhyToolkit.Optimization.Projections;
using PhyToolkit.Optimization.Results;

namespace PhyToolkit.Optimization.Gradient;

public sealed partial class ProjectedGradient
{
    /// <summary>
    /// Runs S independent projected-ascent problems in lock step, one per particle, each exactly as
    /// <see cref="MaximizeInPlace(IComplexObjective, IComplexProjection?, Span{Complex}, Span{Complex}, ConvergenceTrace?)"/>
    /// (same start projection, step μ₀ = s·‖x‖/‖g‖, Armijo backtracking along the projection arc, stopping rules), with
    /// the objective evaluated for all particles at once: one batched gradient call per iteration and one batched
    /// evaluation per backtracking round, each over the particles still searching (per-particle step sizes μ_s and
    /// acceptance masks). The gradient at an accepted point comes from that point's own evaluation (the fused
    /// value-and-gradient of <see cref="IComplexBatchAscentObjective"/>), so an iteration with one trial costs one
    /// evaluation where the scalar loop spends a gradient and an evaluation.
    /// </summary>
    /// <param name="objective">The batched objective (its S equals <paramref name="summaries"/>.Length).</param>
    /// <param name="projection">Projection applied to each particle's n-vector, or null.</param>
    /// <param name="x">S×n starts (in) and solutions (out), row-major.</param>
    /// <param name="dimension">n ≥ 1.</param>
    /// <param name="workspace">Scratch sized (S, n).</param>
    /// <param name="summaries">Output per particle: value, iterations, evaluations (the start plus every trial, counted as the
    /// scalar loop counts them), stop reason.</param>
    /// <remarks>Allocation-free. The iterates equal the scalar loop's up to the objective's round-off (tested).</remarks>
    public void MaximizeBatchInPlace(IComplexBatchAscentObjective objective, IComplexProjection? projection, Span<Complex> x, int dimension,
        ProjectedGradientBatchWorkspace workspace, Span<SolveSummary> summaries)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(workspace);
        int s = summaries.Length, n = dimension;
        if (s == 0) return;
        if (workspace.Count != s || workspace.Dimension != n)
            throw new ArgumentException($"workspace must be sized (S, n) = ({s}, {n}), got ({workspace.Count}, {workspace.Dimension})", nameof(workspace));
        if (x.Length != s * n)
            throw new ArgumentException($"x must hold S·n = {s * n} entries, got {x.Length}", nameof(x));
        var o = Options;
        Span<Complex> g = workspace.Gradient, trial = workspace.Trial;
        Span<double> f = workspace.Value, ft = workspace.TrialValue, mu = workspace.Step, mu0 = workspace.InitialStep;
        Span<bool> active = workspace.Active, pending = workspace.Pending, accepted = workspace.Accepted;
        Span<int> iterations = workspace.Iterations;
        Span<long> evals = workspace.Evaluations;
        Span<StopReason> reasons = workspace.Reasons;

        for (int p = 0; p < s; p++)
        {
            projection?.Project(x.Slice(p * n, n));
            active[p] = true; iterations[p] = 0; evals[p] = 1; reasons[p] = StopReason.MaxIterations;
        }
        objective.EvaluateTrials(x, active, f);
        objective.AcceptTrials(active);
        x.CopyTo(trial); // every trial row stays finite (rows outside a mask are still read by block-wise objectives)

        for (int it = 1; it <= o.MaxIterations; it++)
        {
            bool any = false;
            for (int p = 0; p < s; p++) any |= active[p];
            if (!any) break;
            objective.Gradients(active, g);
            bool anyPending = false;
            for (int p = 0; p < s; p++)
            {
                pending[p] = false;
                if (!active[p]) continue;
                iterations[p] = it;
                var gp = g.Slice(p * n, n);
                var xp = x.Slice(p * n, n);
                double gn = 0, xn = 0;
                for (int i = 0; i < n; i++)
                {
                    gn += gp[i].Real * gp[i].Real + gp[i].Imaginary * gp[i].Imaginary;
                    xn += xp[i].Real * xp[i].Real + xp[i].Imaginary * xp[i].Imaginary;
                }
                gn = Math.Sqrt(gn); xn = Math.Sqrt(xn);
                if (gn == 0) { reasons[p] = StopReason.Converged; active[p] = false; continue; }
                mu0[p] = o.InitialStepScale * (xn > 0 ? xn : 1) / gn;
                mu[p] = mu0[p];
                pending[p] = true;
                anyPending = true;
            }
            while (anyPending)
            {
                for (int p = 0; p < s; p++)
                {
                    if (!pending[p]) continue;
                    var tp = trial.Slice(p * n, n);
                    var gp = g.Slice(p * n, n);
                    var xp = x.Slice(p * n, n);
                    for (int i = 0; i < n; i++) tp[i] = xp[i] + mu[p] * gp[i];
                    projection?.Project(tp);
                }
                objective.EvaluateTrials(trial, pending, ft);
                anyPending = false;
                bool anyAccepted = false;
                for (int p = 0; p < s; p++)
                {
                    accepted[p] = false;
                    if (!pending[p]) continue;
                    evals[p]++;
                    var tp = trial.Slice(p * n, n);
                    var gp = g.Slice(p * n, n);
                    var xp = x.Slice(p * n, n);
                    double dir = 0;
                    for (int i = 0; i < n; i++)
                    {
                        Complex dx = tp[i] - xp[i];
                        dir += gp[i].Real * dx.Real + gp[i].Imaginary * dx.Imaginary;
                    }
                    dir *= 2; // Wirtinger gradient: df = 2 Re Σ conj(g)·dx
                    if (ft[p] >= f[p] + o.ArmijoConstant * dir) // false for NaN
                    {
                        accepted[p] = true; anyAccepted = true; pending[p] = false;
                        continue;
                    }
                    mu[p] *= o.BacktrackFactor;
                    if (mu[p] < o.MinStepRatio * mu0[p]) { reasons[p] = StopReason.LineSearchFailed; active[p] = false; pending[p] = false; }
                    else anyPending = true;
                }
                if (!anyAccepted) continue;
                objective.AcceptTrials(accepted);
                for (int p = 0; p < s; p++)
                {
                    if (!accepted[p]) continue;
                    trial.Slice(p * n, n).CopyTo(x.Slice(p * n, n));
                    double fOld = f[p];
                    f[p] = ft[p];
                    if (!Improved(fOld, f[p])) { reasons[p] = StopReason.Converged; active[p] = false; }
                }
            }
        }
        for (int p = 0; p < s; p++) summaries[p] = new SolveSummary(f[p], iterations[p], evals[p], reasons[p]);
    }
}

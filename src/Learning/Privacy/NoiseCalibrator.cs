namespace PhyToolkit.Learning.Privacy;

/// <summary>
/// Finds the initial noise multiplier σ_0 at which a node's whole training plan spends exactly its target ε at δ
/// (spec of ADP-VRSGP's personalised budgets, Wu et al., arXiv:2510.20157; calibration by bisection is our realisation).
/// ε(σ_0) is continuous and non-increasing in σ_0 (each RDP term falls with σ, and a minimum of continuous functions is
/// continuous), so bisection on log σ_0 converges.
/// </summary>
public static class NoiseCalibrator
{
    /// <summary>Smallest and largest σ_0 searched.</summary>
    public const double MinSigma = 1e-2, MaxSigma = 1e4;

    /// <summary>
    /// σ_0 with ε(σ_0) ∈ [target − tolerance, target] (never above the target), the ε it gives and the best order.
    /// </summary>
    /// <param name="plan">The node's releases.</param>
    /// <param name="targetEpsilon">ε &gt; 0.</param>
    /// <param name="delta">δ ∈ (0, 1).</param>
    /// <param name="conversion">RDP → (ε, δ) conversion.</param>
    /// <param name="tolerance">Accepted shortfall below the target (default 1e-4).</param>
    /// <exception cref="ArgumentOutOfRangeException">ε ≤ 0, δ ∉ (0, 1), or a target not reachable with σ_0 in [<see cref="MinSigma"/>, <see cref="MaxSigma"/>].</exception>
    public static (double Sigma0, double Epsilon, int Order) Calibrate(DpTrainingPlan plan, double targetEpsilon, double delta,
        RdpConversion conversion = RdpConversion.Classic, double tolerance = 1e-4)
    {
        ArgumentNullException.ThrowIfNull(plan);
        plan.Validated();
        Guard.Positive(targetEpsilon, nameof(targetEpsilon));
        RdpLedger.RequireDelta(delta, nameof(delta));
        Guard.Positive(tolerance, nameof(tolerance));
        var ledger = new RdpLedger();
        (double Eps, int Order) Eval(double sigma)
        {
            ledger.Clear();
            plan.Compose(ledger, sigma);
            return ledger.Epsilon(delta, conversion);
        }
        var hiEval = Eval(MaxSigma);
        if (hiEval.Eps > targetEpsilon)
            throw new ArgumentOutOfRangeException(nameof(targetEpsilon), targetEpsilon,
                $"targetEpsilon = {targetEpsilon}; allowed: at least {hiEval.Eps:G4}, the ε of this plan at σ_0 = {MaxSigma} (δ = {delta}).");
        var loEval = Eval(MinSigma);
        if (loEval.Eps <= targetEpsilon) return (MinSigma, loEval.Eps, loEval.Order);
        double lo = Math.Log(MinSigma), hi = Math.Log(MaxSigma); // ε(lo) > target ≥ ε(hi)
        var best = hiEval;
        double bestSigma = MaxSigma;
        for (int it = 0; it < 200; it++)
        {
            double mid = 0.5 * (lo + hi);
            var e = Eval(Math.Exp(mid));
            if (e.Eps > targetEpsilon) lo = mid;
            else { hi = mid; best = e; bestSigma = Math.Exp(mid); if (targetEpsilon - e.Eps <= tolerance) break; }
        }
        return (bestSigma, best.Eps, best.Order);
    }
}

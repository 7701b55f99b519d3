using PhyToolkit.Examples;

namespace PhyToolkit.Examples.Tests;

/// <summary>
/// Runs each program of examples/ through its public entry method and checks that what it prints and returns makes
/// sense: the physical and algorithmic guarantees the example relies on, not stored numbers.
/// </summary>
public class ExamplesTests
{
    [Fact]
    public void KgrOfLayout_OptimisedPrecoderAndLayoutNeverLoseAndRespectTheConstraints()
    {
        var text = new StringWriter();
        var r = KgrOfLayout.Run(text);

        // The water-filling precoder is the optimum for a layout, so it beats P = √ρI on the same UPA; the swarm starts
        // from the UPA (particle 0), so its layout is never worse than the UPA with the optimal precoder.
        Assert.True(r.UpaIsotropicKgr > 0);
        Assert.True(r.UpaOptimisedKgr >= r.UpaIsotropicKgr - 1e-12, $"{r.UpaOptimisedKgr} < {r.UpaIsotropicKgr}");
        Assert.True(r.FluidOptimisedKgr >= r.UpaOptimisedKgr - 1e-9, $"{r.FluidOptimisedKgr} < {r.UpaOptimisedKgr}");
        // No precoder exceeds log2 det(I + R/σ_A²); the precoder meets the energy budget.
        Assert.True(r.FluidOptimisedKgr <= r.FluidUpperBound + 1e-9, $"{r.FluidOptimisedKgr} > bound {r.FluidUpperBound}");
        Assert.True(r.PrecoderEnergy <= r.EnergyBudget * (1 + 1e-12), $"‖P‖² = {r.PrecoderEnergy} > E = {r.EnergyBudget}");
        // The returned layout stays in the region with the minimum spacing (the 10-bit penalty makes violations lose).
        Assert.True(r.Layout.IsFeasible(r.FluidPositions), string.Join(", ", r.FluidPositions));
        Assert.True(r.FitnessEvaluations > 0);
        Assert.Contains("fluid layout, optimal P", text.ToString());
    }

    [Fact]
    public void PsoBudget_NeverExceedsTheBudgetAndImprovesOnTheInitialSwarm()
    {
        var text = new StringWriter();
        var r = PsoBudget.Run(text);

        // The optimiser's count is the function's own count, and neither exceeds the budget.
        Assert.Equal(r.Calls, r.Evaluations);
        Assert.True(r.Evaluations <= r.Budget, $"{r.Evaluations} evaluations > budget {r.Budget}");
        // A run stopped by the budget has used it up to less than one swarm move.
        if (r.StopReason == PhyToolkit.Optimization.Results.StopReason.MaxEvaluations)
            Assert.True(r.Evaluations > r.Budget - r.SwarmSize, $"stopped by the budget after only {r.Evaluations} of {r.Budget}");
        // Global best never gets worse; the Rastrigin function is ≥ 0 and the swarm improves on its initial best.
        Assert.True(r.BestValue >= 0 && r.BestValue < r.InitialBestValue, $"best {r.BestValue}, initial {r.InitialBestValue}");
        Assert.All(r.BestX, x => Assert.InRange(x, -5.12, 5.12));
        Assert.Contains("stopped by:", text.ToString());
    }

    [Fact]
    public void OtaRound_AverageEstimateIsTheTrueMeanAndTheAirtimeIsKdPlusSideInformation()
    {
        var text = new StringWriter();
        var r = OtaRound.Run(text, rounds: 400);

        // Unbiasedness of the over-the-air estimate: with 400 independent rounds the average of each coordinate lies
        // within 4 standard errors of the true mean (a two-sided 4σ band; 20 coordinates, fixed seed).
        for (int i = 0; i < r.TrueMean.Length; i++)
            Assert.True(Math.Abs(r.AverageEstimate[i] - r.TrueMean[i]) <= 4 * r.StandardError[i],
                $"coordinate {i}: average {r.AverageEstimate[i]}, true {r.TrueMean[i]}, SE {r.StandardError[i]}");
        // Airtime of one round: k·d payload channel uses (all workers at once) + one side-information float per worker
        // (32 bits at rate 1/2 = 64 uses each).
        Assert.Equal(13L * 20 + 10L * 64, r.UplinkSymbols);
        Assert.InRange(r.FirstReport.Participants, 1, 10);
        Assert.True(r.MeanSquaredError > 0 && double.IsFinite(r.MeanSquaredError));
        Assert.Contains("true mean", text.ToString());
    }
}

using PhyToolkit.Optimization.Objectives;
using PhyToolkit.Optimization.Results;
using PhyToolkit.Optimization.Swarm;

namespace PhyToolkit.Optimization.Tests;

/// <summary>The evaluation budget decides a run's length unless the caller asks for a move cap or a stall stop.</summary>
public class ParticleSwarmBudgetTests
{
    private static readonly IObjective NegRastrigin = new NegatedObjective(new TestFunctions.Rastrigin());

    [Theory]
    [InlineData(40, 30_000, 30_000)]   // 40 + 749·40 = 30 000: the whole budget
    [InlineData(30, 10_000, 9_990)]    // 30 + 332·30 = 9 990; a 333rd move would need 10 020
    [InlineData(7, 50, 49)]            // 7 + 6·7
    public void BudgetOnly_DefaultOptions_UseTheBudgetToTheLastWholeMove(int swarm, long budget, long expectedEvaluations)
    {
        // Default options (no stall stop) with only a budget: before, 200 moves (8 040 evaluations at S = 40) or the stall rule
        // (≈ 920 evaluations on Rastrigin) ended the run long before a 30 000-evaluation budget.
        var o = new ParticleSwarmOptions { SwarmSize = swarm, MaxEvaluations = budget };
        var r = new ParticleSwarm(o).Maximize(NegRastrigin, BoxBounds.Uniform(10, -5.12, 5.12), 3);
        Assert.Equal(expectedEvaluations, r.Evaluations);
        Assert.Equal((expectedEvaluations - swarm) / swarm, r.Iterations);
        Assert.Equal(StopReason.MaxEvaluations, r.StopReason);
        Assert.Equal(r.Iterations, o.PlannedMoves);
    }

    [Fact]
    public void BudgetOnly_OnAFlatObjective_IsNotCutShortByAStallRule()
    {
        // A flat objective never improves: with a stall rule it would stop after N moves; by default it runs the budget.
        var r = new ParticleSwarm(new ParticleSwarmOptions { SwarmSize = 10, MaxEvaluations = 2_000 })
            .Maximize(new LambdaObjective(_ => 1.0), BoxBounds.Uniform(3, 0, 1), 1);
        Assert.Equal(199, r.Iterations);
        Assert.Equal(2_000, r.Evaluations);
        Assert.Equal(StopReason.MaxEvaluations, r.StopReason);
    }

    [Fact]
    public void StallStop_WhenAskedFor_StillStopsAfterTheWindow()
    {
        var r = new ParticleSwarm(new ParticleSwarmOptions { SwarmSize = 10, MaxEvaluations = 2_000, StallIterations = 5 })
            .Maximize(new LambdaObjective(_ => 1.0), BoxBounds.Uniform(3, 0, 1), 1);
        Assert.Equal(StopReason.Stalled, r.StopReason);
        Assert.Equal(5, r.Iterations);
    }

    [Fact]
    public void MoveCap_AndBudget_TheSmallerDecides()
    {
        var box = BoxBounds.Uniform(4, -5.12, 5.12);
        var capped = new ParticleSwarm(new ParticleSwarmOptions { SwarmSize = 10, MaxIterations = 20, MaxEvaluations = 10_000 }).Maximize(NegRastrigin, box, 2);
        Assert.Equal(20, capped.Iterations);
        Assert.Equal(StopReason.MaxIterations, capped.StopReason);
        var budget = new ParticleSwarm(new ParticleSwarmOptions { SwarmSize = 10, MaxIterations = 500, MaxEvaluations = 1_005 }).Maximize(NegRastrigin, box, 2);
        Assert.Equal(99, budget.Iterations);
        Assert.Equal(StopReason.MaxEvaluations, budget.StopReason);
    }

    [Fact]
    public void NoBudget_NoCap_KeepsTheDefaultMoveCount()
    {
        var o = new ParticleSwarmOptions { SwarmSize = 5 };
        Assert.Equal(ParticleSwarmOptions.DefaultMaxIterations, o.MaxIterations);
        Assert.Null(o.StallIterations);
        var r = new ParticleSwarm(o).Maximize(new LambdaObjective(_ => 0.0), BoxBounds.Uniform(2, 0, 1), 4);
        Assert.Equal(ParticleSwarmOptions.DefaultMaxIterations, r.Iterations);
        Assert.Equal(StopReason.MaxIterations, r.StopReason);
    }

    [Fact]
    public void BudgetBelowOneMove_EvaluatesTheInitialSwarmOnly()
    {
        var r = new ParticleSwarm(new ParticleSwarmOptions { SwarmSize = 10, MaxEvaluations = 15 }).Maximize(NegRastrigin, BoxBounds.Uniform(2, -1, 1), 1);
        Assert.Equal(0, r.Iterations);
        Assert.Equal(10, r.Evaluations);
        Assert.Equal(StopReason.MaxEvaluations, r.StopReason);
    }

    [Fact]
    public void InertiaSchedule_SpansTheMovesTheBudgetAffords()
    {
        // One particle, c1 = c2 = 0: v_it = ω_it·v_{it−1}, so displacement ratios expose ω_it. With only a budget of 1 + 10 moves,
        // ω runs linearly from 0.9 at move 1 to 0.4 at move 10 (T = PlannedMoves = 10).
        var o = new ParticleSwarmOptions
        {
            SwarmSize = 1, MaxEvaluations = 11, InertiaStart = 0.9, InertiaEnd = 0.4, CognitiveCoefficient = 0, SocialCoefficient = 0, VelocityClampFraction = 1e-3,
        };
        Assert.Equal(10, o.PlannedMoves);
        var rec = new RecordingBatchObjective(new LambdaObjective(_ => 0));
        new ParticleSwarm(o).Maximize(new ParticleSwarmProblem(rec, BoxBounds.Uniform(1, -1000, 1000)), 11, [0.0]);
        var x = rec.Batches.Select(b => b[0]).ToArray();
        Assert.Equal(11, x.Length);
        for (int it = 2; it <= 10; it++)
            Assert.Equal(0.9 - 0.5 * (it - 1) / 9.0, (x[it] - x[it - 1]) / (x[it - 1] - x[it - 2]), 1e-9);
    }

    [Fact]
    public void FaPlkgPreset_KeepsItsStallRule()
    {
        Assert.Equal(20, ParticleSwarmOptions.FaPlkg.StallIterations);
        Assert.Equal(100, ParticleSwarmOptions.FaPlkg.PlannedMoves);
    }
}

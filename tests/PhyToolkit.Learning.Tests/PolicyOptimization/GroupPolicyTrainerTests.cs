using PhyToolkit.Core.Random;
using PhyToolkit.Learning.Optimizers;
using PhyToolkit.Learning.PolicyOptimization;
using PhyToolkit.Learning.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace PhyToolkit.Learning.Tests.PolicyOptimization;

/// <summary>The RLVR loop: determinism, budget accounting, dynamic sampling, SAS state, GRPO ≡ GSPO on one-token responses, learning.</summary>
public class GroupPolicyTrainerTests
{
    private sealed record Trace(double[] Accuracy, TrainStepStats[] Stats, PromptRewardStats[] Prompts);

    private static Trace Run(PolicyOptimConfig config, IVerifiableTokenTask task, int steps, ulong seed = 11, long budget = long.MaxValue)
    {
        TorchRuntime.EnsureLoaded(1);
        using var gen = new Generator(seed);
        using var scope = NewDisposeScope();
        using var policy = new MlpTokenPolicy(task, 32, gen);
        using var opt = new ManagedAdam(policy.Parameters, 1e-2, beta2: 0.999);
        var trainer = new GroupPolicyTrainer(policy, task, config, opt);
        var cycler = new PromptCycler(task.PromptCount, seed + 1);
        var rng = new Xoshiro256StarStar(seed + 2);
        var acc = new List<double> { TokenPolicyEvaluation.GreedyAccuracy(policy, task) };
        var stats = new List<TrainStepStats>();
        long used = 0;
        for (int s = 0; s < steps && budget - used >= config.NumGenerations; s++)
        {
            var st = trainer.Step(cycler.Next, 16, ref rng, budget - used);
            used += st.GeneratedResponses;
            stats.Add(st);
            acc.Add(TokenPolicyEvaluation.GreedyAccuracy(policy, task));
        }
        return new Trace([.. acc], [.. stats], [.. trainer.PromptStats]);
    }

    [Fact]
    public void SameSeedGivesTheSameTrajectory()
    {
        var a = Run(PolicyOptimConfig.Dcpo(), DigitSumTask.T2(), 4);
        var b = Run(PolicyOptimConfig.Dcpo(), DigitSumTask.T2(), 4);
        Assert.Equal(a.Accuracy, b.Accuracy);
        Assert.Equal(a.Stats, b.Stats);
    }

    [Fact]
    public void GrpoAndGspoCoincideOnSingleTokenResponses()
    {
        // On T1 every response has one token, so the sequence ratio equals the token ratio and both losses are the same
        // function with the same ε: the trajectories must agree exactly.
        var g = Run(PolicyOptimConfig.Grpo(), DigitSumTask.T1(), 5);
        var s = Run(PolicyOptimConfig.Gspo(), DigitSumTask.T1(), 5);
        Assert.Equal(g.Accuracy, s.Accuracy);
        Assert.Equal(g.Stats.Select(x => x.TokenClipFraction), s.Stats.Select(x => x.TokenClipFraction));
    }

    [Fact]
    public void DynamicSamplingCountsDiscardedResponsesAndRespectsTheBudget()
    {
        var t = Run(PolicyOptimConfig.Dapo(), DigitSumTask.T2(), 6, budget: 2000);
        long total = t.Stats.Sum(x => (long)x.GeneratedResponses);
        Assert.True(total <= 2000);
        foreach (var s in t.Stats)
        {
            Assert.Equal(0, s.GeneratedResponses % 8);
            Assert.True(s.TrainedResponses <= 16 * 8);
            Assert.True(s.TrainedResponses <= s.GeneratedResponses);
            Assert.InRange(s.Refills, 0, 5);
            // Every kept group is mixed, so each trained response has a non-zero advantage (binary rewards, G = 8).
            Assert.Equal((double)s.TrainedResponses / s.GeneratedResponses, s.NonZeroAdvantageFraction, 12);
        }
        // An untrained policy is mostly wrong on T2: at least one step needs a refill.
        Assert.Contains(t.Stats, s => s.Refills > 0);
    }

    [Fact]
    public void SmoothStandardisationKeepsPerPromptVisitCounts()
    {
        var t = Run(PolicyOptimConfig.Dcpo(), DigitSumTask.T1(), 13);   // 13 × 16 = 208 draws: two shuffled epochs and 8 more
        Assert.Equal(208, t.Prompts.Sum(p => p.Visits));
        Assert.All(t.Prompts, p => Assert.InRange(p.Visits, 2, 3));
        var g = Run(PolicyOptimConfig.Grpo(), DigitSumTask.T1(), 2);
        Assert.All(g.Prompts, p => Assert.Equal(0, p.Visits));
    }

    [Fact]
    public void TrainingRaisesTheMeanRewardOnT1()
    {
        // 40 DCPO steps from a random MLP: the mean sampled reward over the last 10 steps exceeds that of the first 10 (chance is 0.1).
        var t = Run(PolicyOptimConfig.Dcpo(), DigitSumTask.T1(), 40);
        double early = t.Stats.Take(10).Average(s => s.MeanReward), late = t.Stats.Skip(30).Average(s => s.MeanReward);
        Assert.True(late > early, $"early {early}, late {late}");
    }

    [Theory]
    [InlineData("grpo")]
    [InlineData("dapo")]
    [InlineData("gspo")]
    [InlineData("dcpo")]
    public void StepsDoNotGrowTheLiveTensorCount(string method)
    {
        // STYLE §5: no leaked temporaries. The first step creates gradients and the optimiser state.
        TorchRuntime.EnsureLoaded(1);
        var task = DigitSumTask.T2();
        var config = method switch { "grpo" => PolicyOptimConfig.Grpo(), "dapo" => PolicyOptimConfig.Dapo(), "gspo" => PolicyOptimConfig.Gspo(), _ => PolicyOptimConfig.Dcpo() };
        using var gen = new Generator(3);
        using var policy = new MlpTokenPolicy(task, 16, gen);
        using var opt = new ManagedAdam(policy.Parameters, 1e-2, beta2: 0.999);
        var trainer = new GroupPolicyTrainer(policy, task, config, opt) { RatioObserver = (_, _) => { } };
        var cycler = new PromptCycler(100, 4);
        var rng = new Xoshiro256StarStar(5);
        trainer.Step(cycler.Next, 8, ref rng);
        long before = DisposeScopeManager.Statistics.TensorStatistics.ThreadTotalLiveCount;
        for (int s = 0; s < 3; s++)
        {
            trainer.Step(cycler.Next, 8, ref rng);
            TokenPolicyEvaluation.GreedyAccuracy(policy, task);
            TokenPolicyEvaluation.AnswerLogProbabilities(policy, task);
        }
        Assert.Equal(before, DisposeScopeManager.Statistics.TensorStatistics.ThreadTotalLiveCount);
    }

    [Fact]
    public void BudgetBelowOneGroupIsRejected()
    {
        TorchRuntime.EnsureLoaded(1);
        using var gen = new Generator(1);
        using var policy = new MlpTokenPolicy(DigitSumTask.T1(), 8, gen);
        using var opt = new ManagedAdam(policy.Parameters, 1e-2);
        var trainer = new GroupPolicyTrainer(policy, DigitSumTask.T1(), PolicyOptimConfig.Grpo(), opt);
        var rng = new Xoshiro256StarStar(1);
        var cycler = new PromptCycler(100, 1);
        Assert.Equal("maxResponses", Assert.Throws<ArgumentOutOfRangeException>(() => trainer.Step(cycler.Next, 16, ref rng, 7)).ParamName);
    }
}

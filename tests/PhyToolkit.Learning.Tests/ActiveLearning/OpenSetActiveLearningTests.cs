using PhyToolkit.Learning.ActiveLearning;

namespace PhyToolkit.Learning.Tests.ActiveLearning;

/// <summary>The generated open-set pool and the round loop's bookkeeping (budgets, sets, costs, determinism).</summary>
public class OpenSetActiveLearningTests
{
    private static readonly OpenSetPoolOptions Small = new() { PoolSize = 600, InitialLabelled = 20, TestSize = 200 };
    private static readonly ActiveLearningOptions Fast = new() { Rounds = 2, Budget = 30, Training = new ClassifierTrainingOptions { Epochs = 2, HiddenUnits = 16 } };

    [Fact]
    public void Pool_HasTheRequestedMixture()
    {
        var pool = OpenSetPool.Generate(new OpenSetPoolOptions(), 3);
        Assert.Equal(6000, pool.Count);
        Assert.Equal(3000, Enumerable.Range(0, pool.Count).Count(pool.IsKnown));   // 50 % mismatch, exact by construction
        // Rare share: binomial with p = 0.05, n = 6000 → SE 0.0028; ±0.011 is 4 SE.
        double rare = (double)Enumerable.Range(0, pool.Count).Count(pool.IsRare) / pool.Count;
        Assert.InRange(rare, 0.05 - 0.011, 0.05 + 0.011);
        Assert.Equal(40, pool.InitialLabelled.Distinct().Count());
        Assert.All(pool.InitialLabelled, i => Assert.True(pool.IsKnown(i)));
        Assert.Equal(2000, pool.TestLabels.Length);
        Assert.All(pool.TestLabels, y => Assert.InRange(y, 0, 3));
        Assert.All(pool.Classes, c => Assert.InRange(c, 0, 7));
        Assert.Equal(pool.Features, OpenSetPool.Generate(new OpenSetPoolOptions(), 3).Features);
        Assert.NotEqual(pool.Features, OpenSetPool.Generate(new OpenSetPoolOptions(), 4).Features);
    }

    [Theory]
    [InlineData("KnownClasses")]
    [InlineData("RareWeight")]
    [InlineData("MismatchRatio")]
    [InlineData("InitialLabelled")]
    [InlineData("NoiseSd")]
    public void Pool_RejectsOptionsOutOfRange_NamingTheField(string field)
    {
        var o = field switch
        {
            "KnownClasses" => Small with { KnownClasses = 1 },
            "RareWeight" => Small with { RareWeight = 0.5 },
            "MismatchRatio" => Small with { MismatchRatio = 0.99 },
            "InitialLabelled" => Small with { InitialLabelled = 2 },
            _ => Small with { NoiseSd = 0 },
        };
        Assert.Equal(field, Assert.Throws<ArgumentOutOfRangeException>(() => OpenSetPool.Generate(o, 1)).ParamName);
    }

    [Theory]
    [InlineData(QueryStrategy.Random)]
    [InlineData(QueryStrategy.Entropy)]
    [InlineData(QueryStrategy.Lfosa)]
    [InlineData(QueryStrategy.SamosaHigh)]
    [InlineData(QueryStrategy.SamosaDynamic)]
    public void Loop_SpendsTheSameBudgetPerRound_AndCountsItsCost(QueryStrategy s)
    {
        var pool = OpenSetPool.Generate(Small, 5);
        var r = OpenSetActiveLearning.Run(pool, s, Fast, 9);
        Assert.Equal(2, r.Rounds.Count);
        Assert.Equal([20, 50], r.Rounds.Select(x => x.LabelsSpent));
        Assert.Equal(80, r.FinalLabelsSpent);
        int known = 20;
        foreach (var x in r.Rounds)
        {
            Assert.Equal(known, x.KnownLabelled);
            Assert.Equal(2L * x.KnownLabelled, x.ClassifierPasses);          // 2 epochs over D_L
            Assert.InRange(x.QueryPrecision, 0, 1);
            Assert.InRange(x.TestAccuracy, 0, 1);
            bool samosa = s is QueryStrategy.SamosaHigh or QueryStrategy.SamosaDynamic;
            Assert.Equal(s is QueryStrategy.Lfosa || samosa ? 2L * x.LabelsSpent : 0, x.SgdPasses);   // 2 epochs over D_L ∪ D_I
            Assert.Equal(samosa ? 2 * x.SgdPasses : 0, x.SamPasses);
            Assert.Equal(samosa, double.IsFinite(x.ScoreMarginSpearman));
            if (samosa) Assert.InRange(x.ScoreMarginSpearman, -1, 1);
            known += (int)Math.Round(x.QueryPrecision * 30);
        }
        Assert.Equal(2L * known, r.FinalClassifierPasses);
        var again = OpenSetActiveLearning.Run(pool, s, Fast, 9);
        Assert.Equal(r.Rounds, again.Rounds);
        Assert.Equal(r.FinalAccuracy, again.FinalAccuracy);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void ClaimS1_DisagreementFallsWithTheMargin_AtASmallScale()
    {
        // Spec claim S1 with the plan's schedule (60 epochs) on a 2000-sample pool, one seed, rounds 2–3 (round 1 has no
        // unknown labels yet): Spearman(s, margin) < −0.2 in each. The report-scale run decides the claim with intervals over seeds.
        var pool = OpenSetPool.Generate(new OpenSetPoolOptions { PoolSize = 2000, TestSize = 200 }, 21);
        var r = OpenSetActiveLearning.Run(pool, QueryStrategy.SamosaHigh, new ActiveLearningOptions { Rounds = 3 }, 21);
        Assert.All(r.Rounds.Skip(1), x => Assert.True(x.ScoreMarginSpearman < -0.2, $"round {x.Round}: Spearman {x.ScoreMarginSpearman}"));
    }

    [Fact]
    public void Loop_RejectsABudgetLargerThanThePool()
    {
        var pool = OpenSetPool.Generate(Small, 5);
        Assert.Throws<ArgumentOutOfRangeException>(() => OpenSetActiveLearning.Run(pool, QueryStrategy.Random, Fast with { Rounds = 20 }, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => OpenSetActiveLearning.Run(pool, QueryStrategy.Random, Fast with { Budget = 0 }, 1));
    }
}

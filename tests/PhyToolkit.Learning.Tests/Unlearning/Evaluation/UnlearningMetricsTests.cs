using PhyToolkit.Learning.Unlearning.Evaluation;

namespace PhyToolkit.Learning.Tests.Unlearning.Evaluation;

/// <summary>The evaluation kit on hand-computable cases (values in the comments; tolerances are round-off only).</summary>
public class UnlearningMetricsTests
{
    private static ClassifierOutputs Out(int[] labels, params double[] probs) => new(probs, labels, probs.Length / labels.Length);

    [Fact]
    public void AccuracyLossAndYeomOnThreeSamples()
    {
        // rows: p_y = 0.8 (correct), 0.4 (wrong: 0.6 on the other class), 0.5 (tie -> class 0 predicted, label 0: correct)
        var o = Out([0, 1, 0], 0.8, 0.2, 0.6, 0.4, 0.5, 0.5);
        Assert.Equal(2.0 / 3, UnlearningMetrics.Accuracy(o), 15);
        double mean = -(Math.Log(0.8) + Math.Log(0.4) + Math.Log(0.5)) / 3;
        Assert.Equal(mean, UnlearningMetrics.MeanLoss(o), 14);
        // tau = -ln 0.5 = 0.693: losses 0.223 and 0.693 are <= tau, 0.916 is not
        Assert.Equal(2.0 / 3, UnlearningMetrics.YeomMemberRate(o, -Math.Log(0.5)), 15);
    }

    [Fact]
    public void YeomAdvantageOnAMemorisingAndOnAnUninformativeModel()
    {
        // member losses -ln(0.99, 0.98, 0.97, 0.99) = (0.0101, 0.0202, 0.0305, 0.0101), mean tau = 0.0177: two of four are
        // <= tau (TPR 1/2); every non-member loss is >= -ln 0.7 > tau (FPR 0): advantage 1/2
        var members = Out([0, 1, 0, 1], 0.99, 0.01, 0.02, 0.98, 0.97, 0.03, 0.01, 0.99);
        var nonMembers = Out([0, 1, 0, 1], 0.4, 0.6, 0.7, 0.3, 0.5, 0.5, 0.45, 0.55);
        Assert.Equal(0.5, UnlearningMetrics.YeomAdvantage(members, nonMembers), 15);
        var uniform = Out([0, 1, 1, 0], 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5);
        Assert.Equal(0.0, UnlearningMetrics.YeomAdvantage(uniform, uniform), 15);
    }

    [Fact]
    public void ModifiedEntropyMatchesItsDefinition()
    {
        // p = (0.5, 0.5), y = 0: -(0.5) ln 0.5 - 0.5 ln(0.5) = ln 2
        Assert.Equal(Math.Log(2), UnlearningMetrics.ModifiedEntropy([0.5, 0.5], 0), 15);
        // p = (0.7, 0.2, 0.1), y = 0: -0.3 ln 0.7 - 0.2 ln 0.8 - 0.1 ln 0.9
        Assert.Equal(-0.3 * Math.Log(0.7) - 0.2 * Math.Log(0.8) - 0.1 * Math.Log(0.9), UnlearningMetrics.ModifiedEntropy([0.7, 0.2, 0.1], 0), 15);
    }

    [Fact]
    public void BestThresholdSeparatesSeparableScoresAndThresholdAttackFindsMembers()
    {
        Assert.Equal(3.0, UnlearningMetrics.BestThreshold([3.0, 4.0, 5.0], [0.0, 1.0, 2.0]));
        // all equal scores: no threshold beats 1/2, the smallest threshold (everyone member) is returned
        Assert.Equal(1.0, UnlearningMetrics.BestThreshold([1.0, 1.0], [1.0, 1.0]));
        var members = Out([0, 1, 0, 1], 0.99, 0.01, 0.02, 0.98, 0.97, 0.03, 0.01, 0.99);
        var nonMembers = Out([0, 1, 0, 1], 0.4, 0.6, 0.7, 0.3, 0.5, 0.5, 0.45, 0.55);
        Assert.Equal(1.0, UnlearningMetrics.ThresholdAttackMemberRate(members, nonMembers, members), 15);
        Assert.Equal(0.0, UnlearningMetrics.ThresholdAttackMemberRate(members, nonMembers, nonMembers), 15);
    }

    [Fact]
    public void DivergencesAgreementAndDistance()
    {
        var p = Out([0], 0.5, 0.5);
        var q = Out([0], 0.25, 0.75);
        Assert.Equal(0.5 * Math.Log(2) + 0.5 * Math.Log(2.0 / 3), UnlearningMetrics.MeanKl(p, q), 14);
        Assert.Equal(0.0, UnlearningMetrics.MeanKl(p, p), 15);
        Assert.Equal(Math.Log(2), UnlearningMetrics.MeanJs(Out([0], 1, 0), Out([0], 0, 1)), 14);   // disjoint supports
        Assert.Equal(0.5, UnlearningMetrics.Agreement(Out([0, 0], 0.9, 0.1, 0.9, 0.1), Out([0, 0], 0.8, 0.2, 0.1, 0.9)), 15);
        Assert.Equal(5.0, UnlearningMetrics.Distance([0.0, 0.0], [3.0, 4.0]), 15);
    }

    [Fact]
    public void AverageGapAndCost()
    {
        UnlearningEvaluation E(double ra, double fa, double ta, double mia) => new()
        {
            RetainAccuracy = ra, ForgetAccuracy = fa, TestAccuracy = ta, CanaryAccuracy = double.NaN, MiaYeom = mia, MiaThreshold = double.NaN,
            YeomAdvantage = double.NaN, KlToReference = double.NaN, JsToReference = double.NaN, AgreementWithReference = double.NaN, WeightDistance = double.NaN,
        };
        // |UA gap| = 0.2, |RA| = 0.1, |TA| = 0, |MIA| = 0.3 -> 0.15
        Assert.Equal(0.15, E(0.9, 0.6, 0.8, 0.5).AverageGap(E(1.0, 0.8, 0.8, 0.2)), 14);
        var c = new UnlearningCost(3, 19, 1000, 0);
        Assert.Equal(19 * 1000 * 4L, c.BytesCommunicated);
        Assert.Equal(4000L, c.BytesStored);
        Assert.Equal(201 * 1000 * 4L, (c with { StoredVectors = 200 }).BytesStored);
    }

    [Fact]
    public void BadInputIsRefused()
    {
        Assert.Throws<ArgumentException>(() => new ClassifierOutputs([0.5, 0.5], [0, 1], 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ClassifierOutputs([0.5, 0.5], [2], 2));
        Assert.Throws<ArgumentException>(() => UnlearningMetrics.Accuracy(new ClassifierOutputs([], [], 2)));
        Assert.Throws<ArgumentException>(() => UnlearningMetrics.MeanKl(Out([0], 0.5, 0.5), Out([0, 0], 0.5, 0.5, 0.5, 0.5)));
    }
}

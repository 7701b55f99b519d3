using PhyToolkit.Core.Random;
using PhyToolkit.Learning.Federated;

namespace PhyToolkit.Learning.Unlearning.Evaluation;

/// <summary>
/// Evaluates models against fixed <see cref="UnlearningSplits"/> (the shared kit of docs/unlearning-puf.md, usable by
/// every unlearning method): accuracies, the Yeom and per-class threshold membership attacks with shadow members from
/// D_r and shadow non-members from D_test, and distances to a retrained reference.
/// </summary>
/// <remarks>
/// The attacked target set is D_f together with the canaries (both are the forgotten client's data). To bound cost the
/// shadow sets and the retain accuracy use a fixed seeded subsample of at most <c>maxShadow</c> samples of D_r and of
/// D_test (our choice; the PUF code uses 10,000 of each).
/// </remarks>
public sealed class UnlearningEvaluator
{
    private readonly IProbabilisticClassifier model;
    private readonly int[] retainSample, testSample, testAll, target, targetLabels;

    /// <summary>Creates the evaluator.</summary>
    /// <param name="model">The classifier.</param>
    /// <param name="splits">The splits.</param>
    /// <param name="maxShadow">Largest D_r and D_test subsample for shadow sets and retain accuracy (&gt;= 1).</param>
    /// <param name="seed">Seed of the subsample.</param>
    public UnlearningEvaluator(IProbabilisticClassifier model, UnlearningSplits splits, int maxShadow, ulong seed)
    {
        this.model = model ?? throw new ArgumentNullException(nameof(model));
        Splits = splits ?? throw new ArgumentNullException(nameof(splits));
        if (maxShadow < 1) throw new ArgumentOutOfRangeException(nameof(maxShadow), maxShadow, "maxShadow must be >= 1");
        retainSample = Subsample(splits.Retain, maxShadow, SeedMixer.Mix(seed, 1));
        testAll = [.. Enumerable.Range(0, splits.Test.Count)];
        testSample = Subsample(testAll, maxShadow, SeedMixer.Mix(seed, 2));
        target = [.. splits.Forget, .. splits.Canaries];
        targetLabels = [.. target.Select(i => splits.Data.Labels[i])];
    }

    /// <summary>The splits.</summary>
    public UnlearningSplits Splits { get; }

    private static int[] Subsample(int[] idx, int max, ulong seed)
    {
        if (idx.Length <= max) return idx;
        var a = (int[])idx.Clone();
        var rng = new Xoshiro256StarStar(seed);
        for (int j = 0; j < max; j++) { int r = j + rng.NextInt(a.Length - j); (a[j], a[r]) = (a[r], a[j]); }
        return [.. a.AsSpan(0, max).ToArray().Order()];
    }

    /// <summary>The attacked target set: D_f followed by the canaries (indices into the training data, scored against their training labels).</summary>
    public IReadOnlyList<int> Target => target;

    /// <summary>Mean loss on <see cref="Target"/> (the quantity relearning drives down; see <see cref="RelearnTime"/>).</summary>
    public double TargetLoss(ReadOnlySpan<double> parameters) =>
        UnlearningMetrics.MeanLoss(ClassifierOutputs.Of(model, parameters, Splits.Data, target, targetLabels));

    /// <summary>Outputs on D_f (for divergences against a reference).</summary>
    public ClassifierOutputs ForgetOutputs(ReadOnlySpan<double> parameters) => ClassifierOutputs.Of(model, parameters, Splits.Data, Splits.Forget);

    /// <summary>Evaluates the model at <paramref name="parameters"/>; with <paramref name="reference"/> (retrained
    /// parameters) also the divergences on D_f and the weight distance.</summary>
    public UnlearningEvaluation Evaluate(ReadOnlySpan<double> parameters, double[]? reference = null)
    {
        var members = ClassifierOutputs.Of(model, parameters, Splits.Data, retainSample);
        var nonMembers = ClassifierOutputs.Of(model, parameters, Splits.Test, testSample);
        var test = testSample.Length == testAll.Length ? nonMembers : ClassifierOutputs.Of(model, parameters, Splits.Test, testAll);
        var forget = ForgetOutputs(parameters);
        var tgt = ClassifierOutputs.Of(model, parameters, Splits.Data, target, targetLabels);
        double canary = double.NaN;
        if (Splits.Canaries.Length > 0) canary = UnlearningMetrics.Accuracy(ClassifierOutputs.Of(model, parameters, Splits.Data, Splits.Canaries));
        double tau = UnlearningMetrics.MeanLoss(members);
        double kl = double.NaN, js = double.NaN, agree = double.NaN, dist = double.NaN;
        if (reference is not null)
        {
            var r = ForgetOutputs(reference);
            kl = UnlearningMetrics.MeanKl(r, forget);
            js = UnlearningMetrics.MeanJs(r, forget);
            agree = UnlearningMetrics.Agreement(r, forget);
            dist = UnlearningMetrics.Distance(parameters, reference);
        }
        return new UnlearningEvaluation
        {
            RetainAccuracy = UnlearningMetrics.Accuracy(members),
            ForgetAccuracy = UnlearningMetrics.Accuracy(forget),
            TestAccuracy = UnlearningMetrics.Accuracy(test),
            CanaryAccuracy = canary,
            MiaYeom = UnlearningMetrics.YeomMemberRate(tgt, tau),
            MiaThreshold = UnlearningMetrics.ThresholdAttackMemberRate(members, nonMembers, tgt),
            YeomAdvantage = UnlearningMetrics.YeomAdvantage(members, nonMembers),
            KlToReference = kl,
            JsToReference = js,
            AgreementWithReference = agree,
            WeightDistance = dist,
        };
    }
}

using PhyToolkit.Learning.Unlearning.Evaluation;

namespace PhyToolkit.Learning.Tests.Unlearning.Evaluation;

/// <summary>Relearn time on a convex model: 0 when already at the target, censored when the target is unreachable, finite in between.</summary>
public class RelearnTimeTests
{
    [Fact]
    public void RelearnStepsAreZeroCensoredOrFiniteAsTheTargetRequires()
    {
        var task = PhyToolkit.Learning.Federated.SyntheticDatasets.LogisticD1(2, workers: 2, samplesPerWorker: 40, dimension: 4, testSamples: 10);
        var model = new PhyToolkit.Learning.Federated.LogisticRegressionModel(4);
        var w = new double[model.ParameterCount];
        int[] s = task.Partition[0];
        double l0 = model.LossAndGradient(w, task.Train, s, Span<double>.Empty);   // ln 2 at w = 0
        Assert.Equal(0, RelearnTime.Steps(model, w, task.Train, s, l0, 1));
        Assert.Equal(51, RelearnTime.Steps(model, w, task.Train, s, -1, 1, maxSteps: 50));       // a loss is never negative
        int k = RelearnTime.Steps(model, w, task.Train, s, 0.9 * l0, 1, learningRate: 0.5, batchSize: 8, maxSteps: 200);
        Assert.InRange(k, 1, 200);
    }
}

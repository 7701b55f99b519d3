using PhyToolkit.Core.Random;
using PhyToolkit.Learning.Federated;

namespace PhyToolkit.Learning.Unlearning.Evaluation;

/// <summary>
/// Relearn time (in the sense of Golatkar et al., "Eternal Sunshine of the Spotless Net", CVPR 2020): plain SGD steps on
/// the forgotten samples, from a given model, until their mean loss drops to a target, e.g. 1.05 x the original model's
/// loss on them (docs/unlearning-puf.md; defaults [Proposed]: rate 0.01, batch 32, at most 200 steps). A much smaller
/// relearn time than the retrained model's signals residual knowledge. Not to be confused with PUF's recovery rounds.
/// </summary>
public static class RelearnTime
{
    /// <summary>
    /// Steps until the mean loss of <paramref name="model"/> on <paramref name="samples"/> of <paramref name="data"/> is
    /// at most <paramref name="targetLoss"/>: 0 if it already is, <paramref name="maxSteps"/> + 1 if it never gets there
    /// (censored). Mini-batches are drawn with replacement from a stream of <paramref name="seed"/>.
    /// </summary>
    public static int Steps(IFederatedModel model, ReadOnlySpan<double> parameters, LabeledDataset data, int[] samples, double targetLoss,
        ulong seed, double learningRate = 0.01, int batchSize = 32, int maxSteps = 200)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Length == 0) throw new ArgumentException("samples must not be empty", nameof(samples));
        if (!double.IsFinite(targetLoss)) throw new ArgumentOutOfRangeException(nameof(targetLoss), targetLoss, "targetLoss must be finite");
        if (!(learningRate > 0) || !double.IsFinite(learningRate)) throw new ArgumentOutOfRangeException(nameof(learningRate), learningRate, "learningRate must be finite and > 0");
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "batchSize must be >= 1");
        if (maxSteps < 0) throw new ArgumentOutOfRangeException(nameof(maxSteps), maxSteps, "maxSteps must be >= 0");
        var w = parameters.ToArray();
        var g = new double[w.Length];
        var batch = new int[batchSize];
        var rng = new Xoshiro256StarStar(seed);
        for (int step = 0; step <= maxSteps; step++)
        {
            if (model.LossAndGradient(w, data, samples, Span<double>.Empty) <= targetLoss) return step;
            if (step == maxSteps) break;
            for (int b = 0; b < batchSize; b++) batch[b] = samples[rng.NextInt(samples.Length)];
            model.LossAndGradient(w, data, batch, g);
            for (int i = 0; i < w.Length; i++) w[i] -= learningRate * g[i];
        }
        return maxSteps + 1;
    }
}

namespace PhyToolkit.Learning.Decentralized;

/// <summary>
/// Trace of one <see cref="SgpTrainer"/> run. Curves are sampled at <see cref="Iterations"/> (iteration counts after the
/// update, starting with 0 for the initial model); model metrics are of the average de-biased model z̄ = (1/n) Σ z_i.
/// </summary>
public sealed record SgpRunResult
{
    /// <summary>Iteration of each evaluation (0 = before training, K = after the last).</summary>
    public required int[] Iterations { get; init; }

    /// <summary>Training loss of z̄ on all nodes' data.</summary>
    public required double[] TrainLoss { get; init; }

    /// <summary>Test accuracy of z̄.</summary>
    public required double[] TestAccuracy { get; init; }

    /// <summary>Consensus error (1/n) Σ ‖z_i − z̄‖².</summary>
    public required double[] ConsensusError { get; init; }

    /// <summary>ε spent per evaluation and node, [evaluation][node] (zeros when not private).</summary>
    public required double[][] EpsilonSpent { get; init; }

    /// <summary>Calibrated σ_{i,0} per node (0 when not private).</summary>
    public required double[] InitialNoiseMultiplier { get; init; }

    /// <summary>Test accuracy of the worst node's own de-biased model at the end.</summary>
    public required double WorstNodeTestAccuracy { get; init; }

    /// <summary>Final z̄.</summary>
    public required double[] FinalModel { get; init; }
}

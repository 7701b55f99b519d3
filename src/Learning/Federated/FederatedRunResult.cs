namespace PhyToolkit.Learning.Federated;

/// <summary>
/// Per-evaluation trajectory of one federated run. All arrays are aligned with <see cref="Rounds"/> (completed rounds at
/// each evaluation, starting with 0 = the initial model).
/// </summary>
public sealed class FederatedRunResult
{
    /// <summary>Method or optimiser name.</summary>
    public required string Method { get; init; }

    /// <summary>Trial seed.</summary>
    public required ulong Seed { get; init; }

    /// <summary>Completed rounds at each evaluation (0, ..., T).</summary>
    public required int[] Rounds { get; init; }

    /// <summary>Training loss F(x_t) of the server model on the union of the workers' data.</summary>
    public required double[] TrainLoss { get; init; }

    /// <summary>||grad F(x_t)||^2 on the training union.</summary>
    public required double[] GradientNormSquared { get; init; }

    /// <summary>Test loss.</summary>
    public required double[] TestLoss { get; init; }

    /// <summary>Test accuracy in [0, 1].</summary>
    public required double[] TestAccuracy { get; init; }

    /// <summary>Cumulative airtime (real channel uses of the shared medium, both directions, payload and side information).</summary>
    public required long[] CumulativeAirtime { get; init; }

    /// <summary>Cumulative symbols per worker link: uplink symbols of worker links / M + downlink broadcast symbols (payload and side information).</summary>
    public required double[] CumulativeSymbolsPerWorker { get; init; }

    /// <summary>As <see cref="CumulativeSymbolsPerWorker"/> but payload only (no scale floats).</summary>
    public required double[] CumulativePayloadSymbolsPerWorker { get; init; }

    /// <summary>Final server parameters.</summary>
    public required double[] FinalParameters { get; init; }

    /// <summary>Mean number of uplink participants per round (after sampling and truncation).</summary>
    public required double MeanParticipants { get; init; }

    /// <summary>Packet counters of an adaptive digital uplink (null for the other uplinks).</summary>
    public PacketCounts? UplinkPackets { get; init; }

    /// <summary>Packet counters of an adaptive digital downlink (null for the other downlinks).</summary>
    public PacketCounts? DownlinkPackets { get; init; }

    /// <summary>Final training loss.</summary>
    public double FinalTrainLoss => TrainLoss[^1];

    /// <summary>Final test accuracy.</summary>
    public double FinalTestAccuracy => TestAccuracy[^1];

    /// <summary>min over evaluations with Rounds &lt; <paramref name="rounds"/> of ||grad F||^2 (min_{t&lt;T} of docs/ota-fl.md).</summary>
    public double MinGradientNormSquared(int rounds)
    {
        double best = double.PositiveInfinity;
        for (int i = 0; i < Rounds.Length && Rounds[i] < rounds; i++) best = Math.Min(best, GradientNormSquared[i]);
        return best;
    }
}

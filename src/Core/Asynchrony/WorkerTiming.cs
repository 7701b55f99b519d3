namespace PhyToolkit.Core.Asynchrony;

/// <summary>
/// The timing of one worker: the duration of one local computation pass and the latencies of its uplink (worker → server)
/// and downlink (server → worker) messages (Asyn-PD timing model, spec of arXiv 2509.01172 §1.3, [Proposed]: default
/// compute Exp(tc_i) and links Exp(κ_i = 0.1) each — our choice, the paper gives no values).
/// </summary>
/// <param name="Compute">Computation time per local pass.</param>
/// <param name="Uplink">Worker → server latency.</param>
/// <param name="Downlink">Server → worker latency.</param>
public sealed record WorkerTiming(IDelayModel Compute, IDelayModel Uplink, IDelayModel Downlink)
{
    /// <summary>Exponential compute time of mean <paramref name="computeMean"/> and exponential links of mean <paramref name="linkMean"/> (0 means no latency).</summary>
    public static WorkerTiming Exponential(double computeMean, double linkMean = 0.1)
    {
        IDelayModel link = linkMean == 0 ? FixedDelay.Zero : new ExponentialDelay(linkMean);
        return new WorkerTiming(new ExponentialDelay(computeMean), link, link);
    }

    /// <summary>The mean duration of one full cycle (downlink + compute + uplink).</summary>
    public double MeanCycle => Compute.Mean + Uplink.Mean + Downlink.Mean;

    /// <summary>Checks that every model is set.</summary>
    internal void Validate(string name)
    {
        if (Compute is null || Uplink is null || Downlink is null)
            throw new ArgumentException($"{name}: compute, uplink and downlink delay models must all be set.", name);
    }
}

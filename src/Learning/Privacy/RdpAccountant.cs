namespace PhyToolkit.Learning.Privacy;

/// <summary>
/// Per-node RDP accounting for decentralised DP training: one <see cref="RdpLedger"/> per node (node-level, personalised
/// budgets (ε_i, δ_i) as in ADP-VRSGP, Wu et al., arXiv:2510.20157), each composing its node's sampled-Gaussian steps with
/// their own noise multipliers. Converts with <see cref="RdpConversion.Classic"/> unless told otherwise.
/// </summary>
public sealed class RdpAccountant
{
    private readonly RdpLedger[] _ledgers;
    private readonly double[] _delta;

    /// <summary>Creates the accountant.</summary>
    /// <param name="deltas">δ_i ∈ (0, 1) per node (n ≥ 1 entries).</param>
    /// <param name="conversion">RDP → (ε, δ) conversion.</param>
    /// <param name="orders">Integer orders (default <see cref="RdpLedger.DefaultOrders"/>).</param>
    public RdpAccountant(IReadOnlyList<double> deltas, RdpConversion conversion = RdpConversion.Classic, IReadOnlyList<int>? orders = null)
    {
        ArgumentNullException.ThrowIfNull(deltas);
        if (deltas.Count == 0) throw new ArgumentException("deltas is empty; allowed: one δ per node.", nameof(deltas));
        _delta = new double[deltas.Count];
        for (int i = 0; i < deltas.Count; i++) _delta[i] = RdpLedger.RequireDelta(deltas[i], $"deltas[{i}]");
        _ledgers = new RdpLedger[deltas.Count];
        for (int i = 0; i < _ledgers.Length; i++) _ledgers[i] = new RdpLedger(orders);
        Conversion = conversion;
    }

    /// <summary>Number of nodes.</summary>
    public int NodeCount => _ledgers.Length;

    /// <summary>The conversion used by <see cref="Epsilon"/>.</summary>
    public RdpConversion Conversion { get; }

    /// <summary>Node <paramref name="node"/>'s ledger.</summary>
    public RdpLedger Ledger(int node) => _ledgers[Guard.InRange(node, 0, NodeCount - 1, nameof(node))];

    /// <summary>δ_i of node <paramref name="node"/>.</summary>
    public double Delta(int node) => _delta[Guard.InRange(node, 0, NodeCount - 1, nameof(node))];

    /// <summary>Records one (or <paramref name="steps"/>) sampled-Gaussian release(s) of node <paramref name="node"/>.</summary>
    public void Record(int node, double samplingRate, double noiseMultiplier, long steps = 1) =>
        Ledger(node).Record(samplingRate, noiseMultiplier, steps);

    /// <summary>ε_i spent so far by node <paramref name="node"/> at its δ_i.</summary>
    public double Epsilon(int node) => Ledger(node).Epsilon(Delta(node), Conversion).Epsilon;
}

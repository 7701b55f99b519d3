namespace PhyToolkit.Learning.Federated;

/// <summary>
/// Server-side optimiser of a federated round: turns the received aggregate gradient estimate (and the channel variance
/// the server knows) into the model difference <c>Delta_t = x_{t+1} - x_t</c>.
/// </summary>
public interface IServerOptimizer
{
    /// <summary>Short name for reports.</summary>
    string Name { get; }

    /// <summary>Writes Delta_t for the estimate <paramref name="gradientEstimate"/>.</summary>
    /// <param name="gradientEstimate">g_hat_t (length = parameter count).</param>
    /// <param name="knownChannelVariance">V_ch,t summed over coordinates (&gt;= 0), 0 if unknown.</param>
    /// <param name="delta">Output Delta_t.</param>
    void ComputeUpdate(ReadOnlySpan<double> gradientEstimate, double knownChannelVariance, Span<double> delta);

    /// <summary>Returns to the initial state.</summary>
    void Reset();
}

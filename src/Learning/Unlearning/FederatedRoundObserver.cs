namespace PhyToolkit.Learning.Unlearning;

/// <summary>Called after every round with the server model; return false to stop the run (e.g. the recovery stopping rule).</summary>
/// <param name="round">Absolute round just completed.</param>
/// <param name="model">Server model after the round.</param>
public delegate bool FederatedRoundObserver(int round, ReadOnlySpan<double> model);

namespace PhyToolkit.Optimization.Resurgence;

/// <summary>A critical point θ_c of a landscape: location, value L(θ_c) and Morse index (number of negative Hessian eigenvalues).</summary>
/// <param name="Theta">Location.</param>
/// <param name="Value">L(θ_c).</param>
/// <param name="Index">Morse index: 0 minimum, d maximum, otherwise saddle.</param>
public sealed record CriticalPoint(double[] Theta, double Value, int Index);

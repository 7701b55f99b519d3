namespace PhyToolkit.Learning.Diffusion.Solvers;

/// <summary>Observer of a diffusion solver: iteration, forward+backward calls used per image so far, current images.</summary>
/// <returns>False to stop after this iteration.</returns>
public delegate bool DiffusionCallback(int iteration, long forwardBackwardCalls, double[][] images);

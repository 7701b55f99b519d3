namespace PhyToolkit.Learning.Diffusion.Solvers;

/// <summary>
/// Outcome of a diffusion-prior solver on a batch of images. <see cref="Images"/> is the last iterate (oracle-free);
/// <see cref="Selected"/> is the iterate chosen by the method's oracle-free rule (ES-WMV for DMPlug; the last iterate
/// otherwise). Budgets are per image, counted in single-step network calls (docs/inverse-imaging.md).
/// </summary>
/// <param name="Images">Last iterate per image, on [-1, 1].</param>
/// <param name="Selected">Oracle-free selected iterate per image.</param>
/// <param name="SelectedIteration">Iteration of the selected iterate per image.</param>
/// <param name="Iterations">Iterations run (DMPlug: optimizer steps; DMILO / DMILO-PGD: outer iterations).</param>
/// <param name="ForwardBackwardCalls">Single-step network forward+backward calls per image.</param>
/// <param name="ForwardOnlyCalls">Forward-only network calls per image (chain propagation).</param>
/// <param name="ResidualCurves">Measurement residual ‖A(x) − y‖/sqrt(m) after each recorded iterate, per image.</param>
/// <param name="DeviationMagnitude">DMILO / DMILO-PGD: <c>Σ_i |ν_i|</c> per pixel and image at the end (null for DMPlug).</param>
public sealed record DiffusionSolveResult(double[][] Images, double[][] Selected, int[] SelectedIteration, int Iterations,
    long ForwardBackwardCalls, long ForwardOnlyCalls, IReadOnlyList<double>[] ResidualCurves, double[][]? DeviationMagnitude);

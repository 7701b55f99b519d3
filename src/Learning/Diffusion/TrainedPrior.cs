namespace PhyToolkit.Learning.Diffusion;

/// <summary>A trained (EMA) ε-network with the facts a report must state (docs/inverse-imaging.md).</summary>
/// <param name="Network">The EMA network, in eval mode.</param>
/// <param name="Recipe">The recipe it was trained with.</param>
/// <param name="ParameterCount">Trainable scalars.</param>
/// <param name="StepsDone">Optimizer steps.</param>
/// <param name="InitialLoss">Mean training loss over the first min(50, steps) steps.</param>
/// <param name="FinalLoss">Mean training loss over the last min(50, steps) steps.</param>
/// <param name="WallSeconds">Training wall time (0 when loaded from a checkpoint that did not record it).</param>
/// <param name="FromCheckpoint">True when loaded rather than trained in this process.</param>
/// <param name="LossCurve">Training loss per step (empty when loaded from a checkpoint).</param>
public sealed record TrainedPrior(DenoiserNetwork Network, DdpmTrainingRecipe Recipe, long ParameterCount, int StepsDone,
    double InitialLoss, double FinalLoss, double WallSeconds, bool FromCheckpoint, IReadOnlyList<double> LossCurve);

namespace PhyToolkit.Learning.PhysicsInformed;

/// <summary>
/// Settings of <see cref="MorephyTrainer"/>, the evolutionary multi-objective training loop of Morephy-Net
/// (Lu, Mou, Lin, arXiv 2509.00663): population, generations, local replica-exchange SGLD phases, breeding, and the final
/// posterior sampling of the knee-point individual.
/// </summary>
/// <remarks>
/// The paper's hyperparameters were not reachable (docs/morephy.md). Defaults are our choice [Proposed]: K = 6, G = 20,
/// L_s = 50 from the reproduction plan; τ1 = 1, τ2 = 10, η2 = η1 (the plan's 2η1 was unstable here), swap attempt every 10 steps (the reSGLD defaults of
/// <see cref="PhyToolkit.Optimization.Sampling.ReplicaExchangeSgldOptions"/>); blend crossover λ ~ U(−0.25, 1.25) per layer and
/// Gaussian mutation of relative size 0.01 with probability 0.2 per layer (plan §1.4); batch 8 functions × 128
/// collocation points (plan §4.2).
/// </remarks>
public sealed record MorephyOptions
{
    /// <summary>Population size K ≥ 4 (NSGA-II needs a front and a tournament).</summary>
    public int PopulationSize { get; init; } = 6;

    /// <summary>Generations G ≥ 1.</summary>
    public int Generations { get; init; } = 20;

    /// <summary>Local reSGLD steps L_s ≥ 1 of each individual per generation (each of its two replicas takes L_s steps).</summary>
    public int LocalSteps { get; init; } = 50;

    /// <summary>
    /// Step size in mean-loss units, lr &gt; 0: the low-temperature replica uses η1 = lr / S on the energy
    /// Û = S·(scalarised mean losses) + prior, i.e. a gradient step of size lr on the mean loss (plan §1.3). Default 5e-3 (our
    /// choice: half of the largest value that stayed finite in a short trial on the operator-learning scenario's problem; 3e-2 diverged).
    /// </summary>
    public double StepSize { get; init; } = 5e-3;

    /// <summary>Temperature τ1 &gt; 0 of the sampling replica (default 1: the posterior).</summary>
    public double LowTemperature { get; init; } = 1.0;

    /// <summary>Temperature τ2 &gt; τ1 of the exploring replica (default 10).</summary>
    public double HighTemperature { get; init; } = 10.0;

    /// <summary>
    /// Ratio η2/η1 &gt; 0 of the exploring replica's step size to the sampling replica's (default 1, our choice: the plan's 2
    /// made the hot replica leave the stable region of the physics-informed energy in short trials; its higher temperature
    /// alone makes it explore).
    /// </summary>
    public double HighStepRatio { get; init; } = 1.0;

    /// <summary>Steps between swap attempts, ≥ 1 (default 10).</summary>
    public int SwapEvery { get; init; } = 10;

    /// <summary>Independent energy-difference probes per swap attempt, ≥ 2 (default 2).</summary>
    public int VarianceProbes { get; init; } = 2;

    /// <summary>Functions per mini-batch n ≥ 1 (capped at the data set's size).</summary>
    public int BatchFunctions { get; init; } = 8;

    /// <summary>Collocation points per function ≥ 1.</summary>
    public int CollocationPoints { get; init; } = 128;

    /// <summary>Functions of the fixed validation batch on which the objective vectors are measured, ≥ 1 (capped at the data set's size).</summary>
    public int ValidationFunctions { get; init; } = 8;

    /// <summary>
    /// Energy scale S &gt; 0 multiplying the scalarised mean losses; null (default) = F·Q, the number of training
    /// observations, so that S·L_op is the full-data sum of squared errors (our choice; with S = F, the plan's per-function
    /// scaling, the posterior of a mean loss normalised to O(1) is so wide that the hot replica leaves the stable region).
    /// </summary>
    public double? EnergyScale { get; init; }

    /// <summary>Prior standard deviation σ_prior &gt; 0 of the network weights (default 1).</summary>
    public double PriorSigma { get; init; } = 1.0;

    /// <summary>Probability in [0, 1] that a child's layer is mutated (default 0.2).</summary>
    public double MutationProbability { get; init; } = 0.2;

    /// <summary>Relative mutation size ≥ 0: a mutated layer gets N(0, (s·‖θ_layer‖/√size)²) added per entry (default 0.01).</summary>
    public double MutationScale { get; init; } = 0.01;

    /// <summary>Standard deviation ≥ 0 of the perturbation of a child's data weight a (default 0.1).</summary>
    public double WeightMutationSigma { get; init; } = 0.1;

    /// <summary>Steps ≥ 2 of the final reSGLD run of the knee-point individual that yields the posterior samples (default 200).</summary>
    public int PosteriorSteps { get; init; } = 200;

    /// <summary>Keep a posterior sample every this many steps after the 50 % burn-in, in [1, PosteriorSteps/2] (default 10).</summary>
    public int PosteriorThinning { get; init; } = 10;

    /// <summary>Checks every field; throws <see cref="ArgumentOutOfRangeException"/> naming the field and its range.</summary>
    public MorephyOptions Validate()
    {
        Guard.InRange(PopulationSize, 4, 10_000, nameof(PopulationSize));
        Guard.InRange(Generations, 1, 100_000, nameof(Generations));
        Guard.InRange(LocalSteps, 1, 10_000_000, nameof(LocalSteps));
        Guard.Positive(StepSize, nameof(StepSize));
        Guard.Positive(LowTemperature, nameof(LowTemperature));
        Guard.Positive(HighTemperature, nameof(HighTemperature));
        if (!(HighTemperature > LowTemperature))
            throw new ArgumentOutOfRangeException(nameof(HighTemperature), HighTemperature, $"{nameof(HighTemperature)} = {HighTemperature}; allowed: a number > LowTemperature = {LowTemperature}.");
        Guard.Positive(HighStepRatio, nameof(HighStepRatio));
        Guard.AtLeast(SwapEvery, 1, nameof(SwapEvery));
        Guard.AtLeast(VarianceProbes, 2, nameof(VarianceProbes));
        Guard.AtLeast(BatchFunctions, 1, nameof(BatchFunctions));
        Guard.AtLeast(CollocationPoints, 1, nameof(CollocationPoints));
        Guard.AtLeast(ValidationFunctions, 1, nameof(ValidationFunctions));
        Guard.Positive(PriorSigma, nameof(PriorSigma));
        if (EnergyScale is double es) Guard.Positive(es, nameof(EnergyScale));
        Guard.InRange(MutationProbability, 0.0, 1.0, nameof(MutationProbability));
        Guard.NonNegative(MutationScale, nameof(MutationScale));
        Guard.NonNegative(WeightMutationSigma, nameof(WeightMutationSigma));
        Guard.AtLeast(PosteriorSteps, 2, nameof(PosteriorSteps));
        Guard.InRange(PosteriorThinning, 1, PosteriorSteps / 2, nameof(PosteriorThinning));
        return this;
    }
}

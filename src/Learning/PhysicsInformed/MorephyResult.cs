namespace PhyToolkit.Learning.PhysicsInformed;

/// <summary>Outcome of a <see cref="MorephyTrainer"/> run: the final population, its Pareto front, the knee point and its posterior samples.</summary>
public sealed class MorephyResult
{
    internal MorephyResult(int dimension, double[] states, double[] objectives, double[] dataWeights, int[] front, int knee,
        double[] posteriorSamples, double[] history, double swapRate, bool trainableViscosity, int rejectedPhases, double stepBackoff)
    {
        Dimension = dimension; States = states; Objectives = objectives; DataWeights = dataWeights; ParetoFront = front;
        KneeIndex = knee; PosteriorSamples = posteriorSamples; History = history; SwapRate = swapRate;
        TrainableViscosity = trainableViscosity; RejectedPhases = rejectedPhases; StepBackoff = stepBackoff;
    }

    /// <summary>State dimension d (network parameters, plus log ν when ν is trainable).</summary>
    public int Dimension { get; }

    /// <summary>Population size K.</summary>
    public int PopulationSize => DataWeights.Length;

    /// <summary>Low-temperature replica state of every individual, K×d row-major.</summary>
    public double[] States { get; }

    /// <summary>Objective vectors (L_op, L_phys + L_ic) on the validation batch, K×2 row-major.</summary>
    public double[] Objectives { get; }

    /// <summary>Data weight a_i ∈ [0, 1] of each individual's scalarisation a·L̃_op + (1 − a)·L̃_phys+ic.</summary>
    public double[] DataWeights { get; }

    /// <summary>Indices (increasing) of the non-dominated individuals.</summary>
    public int[] ParetoFront { get; }

    /// <summary>Index of the knee point (a member of <see cref="ParetoFront"/>).</summary>
    public int KneeIndex { get; }

    /// <summary>The knee point's state (d values).</summary>
    public double[] KneeState => States.AsSpan(KneeIndex * Dimension, Dimension).ToArray();

    /// <summary>The front's objective vectors, in <see cref="ParetoFront"/> order (N×2 row-major).</summary>
    public double[] FrontObjectives() => ParetoFront.SelectMany(i => new[] { Objectives[2 * i], Objectives[2 * i + 1] }).ToArray();

    /// <summary>Posterior samples of the knee individual (low-temperature replica after burn-in, thinned), count×d row-major.</summary>
    public double[] PosteriorSamples { get; }

    /// <summary>Number of posterior samples.</summary>
    public int SampleCount => PosteriorSamples.Length / Dimension;

    /// <summary>
    /// Per generation g = 0 … G (0 = the initial population before any local phase): the smallest L_op and the smallest
    /// L_phys + L_ic over the population, (G + 1)×2 row-major.
    /// </summary>
    public double[] History { get; }

    /// <summary>Accepted fraction of all swap attempts of the local phases.</summary>
    public double SwapRate { get; }

    /// <summary>Local phases discarded because the energy turned non-finite (the step size is too large when this is not 0).</summary>
    public int RejectedPhases { get; }

    /// <summary>Factor (1, ½, ¼, …) applied to the step sizes at the end of the run: halved after every diverged phase.</summary>
    public double StepBackoff { get; }

    /// <summary>True when the last state coordinate is log ν (inverse problem).</summary>
    public bool TrainableViscosity { get; }

    /// <summary>Posterior samples of ν = exp(last coordinate) (inverse problem only).</summary>
    /// <exception cref="InvalidOperationException">ν was not trainable.</exception>
    public double[] ViscositySamples()
    {
        if (!TrainableViscosity) throw new InvalidOperationException("ν was not trainable in this run.");
        var nu = new double[SampleCount];
        for (int s = 0; s < nu.Length; s++) nu[s] = Math.Exp(PosteriorSamples[(s + 1) * Dimension - 1]);
        return nu;
    }

    /// <summary>The network parameters of posterior sample <paramref name="sample"/> (without log ν).</summary>
    public double[] NetworkParameters(int sample, int parameterCount) =>
        PosteriorSamples.AsSpan(sample * Dimension, parameterCount).ToArray();
}

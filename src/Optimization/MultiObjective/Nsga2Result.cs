namespace PhyToolkit.Optimization.MultiObjective;

/// <summary>Outcome of an <see cref="Nsga2"/> run (minimisation).</summary>
public sealed class Nsga2Result
{
    internal Nsga2Result(int dimension, int objectiveCount, double[] population, double[] objectives, int[] ranks,
        int[] paretoFront, ParetoArchive archive, double[] hypervolumeHistory, int generations, long evaluations)
    {
        Dimension = dimension; ObjectiveCount = objectiveCount; Population = population; Objectives = objectives;
        Ranks = ranks; ParetoFront = paretoFront; Archive = archive; HypervolumeHistory = hypervolumeHistory;
        Generations = generations; Evaluations = evaluations;
    }

    /// <summary>Decision dimension d.</summary>
    public int Dimension { get; }

    /// <summary>Number of objectives M.</summary>
    public int ObjectiveCount { get; }

    /// <summary>Final population, N×d row-major.</summary>
    public double[] Population { get; }

    /// <summary>Objective vectors of the final population, N×M row-major.</summary>
    public double[] Objectives { get; }

    /// <summary>Non-domination rank of each final member (0 = first front).</summary>
    public int[] Ranks { get; }

    /// <summary>Indices (into <see cref="Population"/>) of the final first front, increasing.</summary>
    public int[] ParetoFront { get; }

    /// <summary>Non-dominated archive of every evaluated point (initial population and all offspring).</summary>
    public ParetoArchive Archive { get; }

    /// <summary>
    /// Hypervolume of <see cref="Archive"/> after the initial population (entry 0) and after each generation, when a
    /// two-objective reference point was given; empty otherwise.
    /// </summary>
    public double[] HypervolumeHistory { get; }

    /// <summary>Generations performed.</summary>
    public int Generations { get; }

    /// <summary>Objective evaluations performed (N per generation plus N initial).</summary>
    public long Evaluations { get; }

    /// <summary>Objective vectors of the final first front, |F0|×M row-major (same order as <see cref="ParetoFront"/>).</summary>
    public double[] FrontObjectives()
    {
        var f = new double[ParetoFront.Length * ObjectiveCount];
        for (int k = 0; k < ParetoFront.Length; k++)
            Array.Copy(Objectives, ParetoFront[k] * ObjectiveCount, f, k * ObjectiveCount, ObjectiveCount);
        return f;
    }

    /// <summary>Index into <see cref="Population"/> of the knee point of the final first front (two objectives; <see cref="ParetoMetrics.KneePoint"/>).</summary>
    public int KneeIndex() => ParetoFront[ParetoMetrics.KneePoint(FrontObjectives())];
}

namespace PhyToolkit.Optimization.MultiObjective;

/// <summary>Settings of <see cref="Nsga2"/>.</summary>
/// <remarks>
/// Defaults are those of Deb et al., IEEE TEVC 6(2), 2002, §V (crossover probability 0.9, mutation probability 1/d,
/// η_c = 20, η_m = 20); population 100 and 250 generations are our choice (the paper used 100 and 250 on ZDT).
/// </remarks>
public sealed record Nsga2Options
{
    /// <summary>Population size N, even, ≥ 4 (default 100).</summary>
    public int PopulationSize { get; init; } = 100;

    /// <summary>Number of generations G ≥ 1 (default 250).</summary>
    public int Generations { get; init; } = 250;

    /// <summary>Probability that a parent pair is recombined by SBX, in [0, 1] (default 0.9).</summary>
    public double CrossoverProbability { get; init; } = 0.9;

    /// <summary>SBX distribution index η_c ≥ 0 (default 20).</summary>
    public double CrossoverDistributionIndex { get; init; } = 20;

    /// <summary>Per-coordinate mutation probability in [0, 1]; null (default) means 1/d.</summary>
    public double? MutationProbability { get; init; }

    /// <summary>Polynomial-mutation distribution index η_m ≥ 0 (default 20).</summary>
    public double MutationDistributionIndex { get; init; } = 20;

    /// <summary>Checks every field; throws <see cref="ArgumentOutOfRangeException"/> naming the field and its range.</summary>
    public Nsga2Options Validate()
    {
        Guard.AtLeast(PopulationSize, 4, nameof(PopulationSize));
        if (PopulationSize % 2 != 0)
            throw new ArgumentOutOfRangeException(nameof(PopulationSize), PopulationSize, $"{nameof(PopulationSize)} = {PopulationSize}; allowed: an even integer ≥ 4.");
        Guard.AtLeast(Generations, 1, nameof(Generations));
        Guard.UnitInterval(CrossoverProbability, nameof(CrossoverProbability));
        Guard.NonNegative(CrossoverDistributionIndex, nameof(CrossoverDistributionIndex));
        if (MutationProbability is double pm) Guard.UnitInterval(pm, nameof(MutationProbability));
        Guard.NonNegative(MutationDistributionIndex, nameof(MutationDistributionIndex));
        return this;
    }
}

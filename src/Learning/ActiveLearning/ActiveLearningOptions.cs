namespace PhyToolkit.Learning.ActiveLearning;

/// <summary>Rounds, budget and training of the open-set active-learning loop (<see cref="OpenSetActiveLearning"/>).</summary>
/// <remarks>Defaults from the SAMOSA reproduction plan (arXiv 2510.16757 uses 11 rounds of 1500 on CIFAR): R = 6 rounds of
/// b = 100 queries, SAM radius ρ = 0.05 (Foret et al.'s and the authors' default).</remarks>
public sealed record ActiveLearningOptions
{
    /// <summary>Query rounds R (1..100).</summary>
    public int Rounds { get; init; } = 6;

    /// <summary>Queries per round b (1..100 000), the labelling budget every strategy spends per round.</summary>
    public int Budget { get; init; } = 100;

    /// <summary>SAM radius ρ of SAMOSA's model B (0..10; ρ = 0 makes B equal A).</summary>
    public double SamRho { get; init; } = 0.05;

    /// <summary>Schedule of every network.</summary>
    public ClassifierTrainingOptions Training { get; init; } = new();

    /// <summary>Checks every field.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A field is outside its range.</exception>
    public void Validate()
    {
        if (Rounds < 1 || Rounds > 100) throw new ArgumentOutOfRangeException(nameof(Rounds), Rounds, "Rounds must be in [1, 100]");
        if (Budget < 1 || Budget > 100_000) throw new ArgumentOutOfRangeException(nameof(Budget), Budget, "Budget must be in [1, 100000]");
        if (!(SamRho >= 0 && SamRho <= 10)) throw new ArgumentOutOfRangeException(nameof(SamRho), SamRho, "SamRho must be in [0, 10]");
        ArgumentNullException.ThrowIfNull(Training);
        Training.Validate();
    }
}

namespace PhyToolkit.Learning.ActiveLearning;

/// <summary>
/// Training schedule of every network in the open-set active-learning loop (<see cref="MlpClassifier.Train"/>): minibatch
/// SGD with heavy-ball momentum and weight decay, optionally wrapped in SAM.
/// </summary>
/// <remarks>
/// Defaults are the SAMOSA reproduction plan's replacement of the paper's ResNet-18 schedule (arXiv 2510.16757 code: SGD
/// lr 0.01, momentum 0.9, weight decay 5e-4, 300 epochs, batch 128): an MLP d→64→64→C, lr 0.05, momentum 0.9, weight decay
/// 5e-4, 60 epochs, batch 64. The authors' StepLR (halve every 60 epochs) never fires within 60 epochs and is left out.
/// </remarks>
public sealed record ClassifierTrainingOptions
{
    /// <summary>Width of both hidden layers (1..4096; plan: 64).</summary>
    public int HiddenUnits { get; init; } = 64;

    /// <summary>Passes over the training set per round (1..10 000; plan: 60).</summary>
    public int Epochs { get; init; } = 60;

    /// <summary>Minibatch size (1..100 000; plan: 64).</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>Learning rate η (0, 10] (plan: 0.05).</summary>
    public double LearningRate { get; init; } = 0.05;

    /// <summary>Momentum μ in [0, 1) (authors' script: 0.9).</summary>
    public double Momentum { get; init; } = 0.9;

    /// <summary>L2 weight decay λ in [0, 1] (authors' script: 5e-4).</summary>
    public double WeightDecay { get; init; } = 5e-4;

    /// <summary>Checks every field; the message names the field and its allowed range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A field is outside its range.</exception>
    public void Validate()
    {
        if (HiddenUnits < 1 || HiddenUnits > 4096) throw new ArgumentOutOfRangeException(nameof(HiddenUnits), HiddenUnits, "HiddenUnits must be in [1, 4096]");
        if (Epochs < 1 || Epochs > 10_000) throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "Epochs must be in [1, 10000]");
        if (BatchSize < 1 || BatchSize > 100_000) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "BatchSize must be in [1, 100000]");
        if (!(LearningRate > 0 && LearningRate <= 10)) throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "LearningRate must be in (0, 10]");
        if (!(Momentum >= 0 && Momentum < 1)) throw new ArgumentOutOfRangeException(nameof(Momentum), Momentum, "Momentum must be in [0, 1)");
        if (!(WeightDecay >= 0 && WeightDecay <= 1)) throw new ArgumentOutOfRangeException(nameof(WeightDecay), WeightDecay, "WeightDecay must be in [0, 1]");
    }
}

using PhyToolkit.Core.Configuration;

namespace PhyToolkit.Scenarios.Optimizers;

/// <summary>Parameters of <c>optim-adago</c>.</summary>
public sealed record AdaGoParameters : IValidatable
{
    /// <summary>Full-batch steps of the least-squares run R1, in [100, 10^5] (spec: 3000).</summary>
    public int LeastSquaresSteps { get; init; } = 3000;

    /// <summary>Minibatch steps of the function-regression run R2, in [100, 10^5] (spec: 3000).</summary>
    public int RegressionSteps { get; init; } = 3000;

    /// <summary>Training samples of the classification run R3, in [200, 10^5] (spec: 5000).</summary>
    public int ClassificationTrain { get; init; } = 5000;

    /// <summary>Epochs of the classification run R3, in [1, 100] (spec: 3).</summary>
    public int ClassificationEpochs { get; init; } = 3;

    /// <summary>Adam learning rates (spec R2: 3e-4, 1e-3, 3e-3), each in (0, 1].</summary>
    public double[] AdamRates { get; init; } = [3e-4, 1e-3, 3e-3];

    /// <summary>Muon learning rates (spec: 0.005, 0.01, 0.02, 0.05), each in (0, 10].</summary>
    public double[] MuonRates { get; init; } = [0.005, 0.01, 0.02, 0.05];

    /// <summary>AdaGO base steps η (spec: 0.03, 0.1, 0.3, 1), each in (0, 10].</summary>
    public double[] AdaGoRates { get; init; } = [0.03, 0.1, 0.3, 1];

    /// <inheritdoc/>
    public void Validate(string path)
    {
        Check.InRange(LeastSquaresSteps, 100, 100_000, Check.Path(path, "leastSquaresSteps"));
        Check.InRange(RegressionSteps, 100, 100_000, Check.Path(path, "regressionSteps"));
        Check.InRange(ClassificationTrain, 200, 100_000, Check.Path(path, "classificationTrain"));
        Check.InRange(ClassificationEpochs, 1, 100, Check.Path(path, "classificationEpochs"));
        Check.AllInRange(AdamRates, 1e-9, 1, Check.Path(path, "adamRates"));
        Check.Distinct(AdamRates, Check.Path(path, "adamRates"));
        Check.AllInRange(MuonRates, 1e-9, 10, Check.Path(path, "muonRates"));
        Check.Distinct(MuonRates, Check.Path(path, "muonRates"));
        Check.AllInRange(AdaGoRates, 1e-9, 10, Check.Path(path, "adaGoRates"));
        Check.Distinct(AdaGoRates, Check.Path(path, "adaGoRates"));
    }
}

namespace PhyToolkit.Learning.Unlearning;

/// <summary>
/// Settings of one federated-unlearning trial (<see cref="PufTrial"/>): data, model width, FedAvg, the length of the
/// original training and of the retrain-from-scratch reference, the recovery rule and the FedEraser baseline's settings.
/// Defaults follow the reproduction plan of docs/unlearning-puf.md ([Proposed], scaled from the paper's code).
/// </summary>
public sealed record PufTrialOptions
{
    /// <summary>Data and canaries.</summary>
    public CanaryTaskOptions Data { get; init; } = new() { CanaryClients = [0, 1, 2] };

    /// <summary>Hidden width of the ReLU MLP (plan: 128).</summary>
    public int HiddenUnits { get; init; } = 128;

    /// <summary>Train the TorchSharp MLP (<c>MlpModel</c>, ReLU, float64 autograd) instead of the managed one (same
    /// architecture and layout; slower per call, our choice of default: managed).</summary>
    public bool TorchSharpModel { get; init; }

    /// <summary>FedAvg settings of every run.</summary>
    public FedAvgSettings FedAvg { get; init; } = new();

    /// <summary>Rounds T of the original training and of the retrain-from-scratch reference (plan: 100).</summary>
    public int Rounds { get; init; } = 100;

    /// <summary>Largest number of recovery rounds after the unlearning round ([code]: 30).</summary>
    public int RecoveryRoundsMax { get; init; } = 30;

    /// <summary>Recovery ends at the first round with test accuracy &gt;= retrained test accuracy - this (fraction; [code]: 0).</summary>
    public double RecoveryTolerance { get; init; }

    /// <summary>FedEraser retention interval (code tag: 2).</summary>
    public int FedEraserInterval { get; init; } = 2;

    /// <summary>FedEraser calibration ratio of local steps (code tag: 0.5).</summary>
    public double FedEraserCalibrationRatio { get; init; } = 0.5;

    /// <summary>Largest D_r / D_test subsample of the evaluation's shadow sets.</summary>
    public int MaxShadow { get; init; } = 2000;

    /// <summary>Checks every field (names the field).</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Data, nameof(Data));
        ArgumentNullException.ThrowIfNull(FedAvg, nameof(FedAvg));
        Data.Validate();
        FedAvg.Validate();
        if (HiddenUnits < 1 || HiddenUnits > 4096) throw new ArgumentOutOfRangeException(nameof(HiddenUnits), HiddenUnits, "HiddenUnits must be in [1, 4096]");
        if (Rounds < 1) throw new ArgumentOutOfRangeException(nameof(Rounds), Rounds, "Rounds must be >= 1");
        if (RecoveryRoundsMax < 0) throw new ArgumentOutOfRangeException(nameof(RecoveryRoundsMax), RecoveryRoundsMax, "RecoveryRoundsMax must be >= 0");
        if (!(RecoveryTolerance >= 0 && RecoveryTolerance < 1)) throw new ArgumentOutOfRangeException(nameof(RecoveryTolerance), RecoveryTolerance, "RecoveryTolerance must be in [0, 1)");
        if (FedEraserInterval < 1) throw new ArgumentOutOfRangeException(nameof(FedEraserInterval), FedEraserInterval, "FedEraserInterval must be >= 1");
        if (!(FedEraserCalibrationRatio > 0 && FedEraserCalibrationRatio <= 1)) throw new ArgumentOutOfRangeException(nameof(FedEraserCalibrationRatio), FedEraserCalibrationRatio, "FedEraserCalibrationRatio must be in (0, 1]");
        if (MaxShadow < 1) throw new ArgumentOutOfRangeException(nameof(MaxShadow), MaxShadow, "MaxShadow must be >= 1");
    }
}

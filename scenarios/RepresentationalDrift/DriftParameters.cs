using PhyToolkit.Core.Configuration;

namespace PhyToolkit.Scenarios.RepresentationalDrift;

/// <summary>
/// Parameters of the <c>representational-drift</c> scenario (docs/representational-drift.md). Defaults are the
/// reproduction grid we propose for Pashakhanloo, arXiv 2510.21588 ([Proposed]); the paper's own values were not available.
/// </summary>
public sealed record DriftParameters : IValidatable
{
    /// <summary>Learners studied: "oja", "sm" (similarity matching), "ae" (tied autoencoder), "sup" (supervised two-layer SGD).</summary>
    public string[] Learners { get; init; } = ["oja", "sm", "ae", "sup"];

    /// <summary>Relevant variance λ∥ of each of the m = 2 relevant directions (1).</summary>
    public double RelevantVariance { get; init; } = 1;

    /// <summary>The λ⊥ grid of the variance study (0, 0.05, 0.1, 0.2, 0.3); must include 0 (claims 2 and 3).</summary>
    public double[] IrrelevantVariances { get; init; } = [0, 0.05, 0.1, 0.2, 0.3];

    /// <summary>The n − m grid of the dimension study (2, 5, 10, 20, 40).</summary>
    public int[] IrrelevantDimensions { get; init; } = [2, 5, 10, 20, 40];

    /// <summary>λ⊥ of the dimension, synaptic-comparison, anisotropy and η studies (0.1, our choice).</summary>
    public double ReferenceIrrelevantVariance { get; init; } = 0.1;

    /// <summary>n − m of the variance, anisotropy and η studies (10, our choice).</summary>
    public int ReferenceIrrelevantDimension { get; init; } = 10;

    /// <summary>η of Oja's rule (5e-3).</summary>
    public double OjaLearningRate { get; init; } = 5e-3;

    /// <summary>η of similarity matching (1e-2).</summary>
    public double SimilarityMatchingLearningRate { get; init; } = 1e-2;

    /// <summary>τ of similarity matching (0.5).</summary>
    public double Tau { get; init; } = 0.5;

    /// <summary>η of the tied autoencoder (5e-3).</summary>
    public double AutoencoderLearningRate { get; init; } = 5e-3;

    /// <summary>η of the supervised network (5e-3).</summary>
    public double SupervisedLearningRate { get; init; } = 5e-3;

    /// <summary>Hidden width h of the supervised network (4); its k = 2 outputs learn y* = a + ε (A = I).</summary>
    public int HiddenWidth { get; init; } = 4;

    /// <summary>Label-noise standard deviation s of the supervised network (0.1).</summary>
    public double LabelNoiseSd { get; init; } = 0.1;

    /// <summary>σ_s of the synaptic-noise control (λ⊥ = 0), our choice: 1e-3.</summary>
    public double SynapticNoiseSd { get; init; } = 1e-3;

    /// <summary>Relevant variances of the m = 3 anisotropy study (1.0, 0.7, 0.5).</summary>
    public double[] AnisotropicVariances { get; init; } = [1.0, 0.7, 0.5];

    /// <summary>η grid of Oja's exploratory η-exponent study (2.5e-3, 5e-3, 1e-2).</summary>
    public double[] EtaSweep { get; init; } = [2.5e-3, 5e-3, 1e-2];

    /// <summary>Updates before measurement (2·10⁴).</summary>
    public int BurnIn { get; init; } = 20_000;

    /// <summary>Updates during measurement (2·10⁵).</summary>
    public int Measurement { get; init; } = 200_000;

    /// <summary>Updates between recorded weights s₀ (100).</summary>
    public int RecordEvery { get; init; } = 100;

    /// <summary>Fraction of the run's recordings used as the largest fitted lag (0.1).</summary>
    public double FitFraction { get; init; } = 0.1;

    /// <inheritdoc/>
    public void Validate(string path)
    {
        string lp = Check.Path(path, "learners");
        Check.Distinct(Learners, lp);
        if (Learners.Length == 0) throw new ConfigException(lp, "is empty; allowed: one or more of 'oja', 'sm', 'ae', 'sup'");
        for (int i = 0; i < Learners.Length; i++) Check.OneOf(Learners[i], $"{lp}[{i}]", "oja", "sm", "ae", "sup");
        Check.InRange(RelevantVariance, 1e-3, 1e3, Check.Path(path, "relevantVariance"));
        string iv = Check.Path(path, "irrelevantVariances");
        Check.AllInRange(IrrelevantVariances, 0, 0.95 * RelevantVariance, iv);
        Check.Distinct(IrrelevantVariances, iv);
        if (!IrrelevantVariances.Contains(0) || IrrelevantVariances.Count(v => v > 0) < 2)
            throw new ConfigException(iv, "needs 0 and at least two positive values (claims 2 and 3)");
        string id = Check.Path(path, "irrelevantDimensions");
        Check.AllInRange(IrrelevantDimensions, 1, 500, id);
        Check.Distinct(IrrelevantDimensions, id);
        if (IrrelevantDimensions.Length < 3) throw new ConfigException(id, $"has {IrrelevantDimensions.Length} values; allowed: at least 3 (a line fit with a residual)");
        Check.InRange(ReferenceIrrelevantVariance, 1e-3, 0.95 * RelevantVariance, Check.Path(path, "referenceIrrelevantVariance"));
        Check.InRange(ReferenceIrrelevantDimension, 1, 500, Check.Path(path, "referenceIrrelevantDimension"));
        Check.InRange(OjaLearningRate, 1e-6, 0.1, Check.Path(path, "ojaLearningRate"));
        Check.InRange(SimilarityMatchingLearningRate, 1e-6, 0.1, Check.Path(path, "similarityMatchingLearningRate"));
        Check.InRange(Tau, 0.2, 10, Check.Path(path, "tau"));
        Check.InRange(AutoencoderLearningRate, 1e-6, 0.1, Check.Path(path, "autoencoderLearningRate"));
        Check.InRange(SupervisedLearningRate, 1e-6, 0.1, Check.Path(path, "supervisedLearningRate"));
        Check.InRange(HiddenWidth, 2, 64, Check.Path(path, "hiddenWidth"));
        Check.InRange(LabelNoiseSd, 0, 10, Check.Path(path, "labelNoiseSd"));
        Check.InRange(SynapticNoiseSd, 1e-6, 0.1, Check.Path(path, "synapticNoiseSd"));
        string av = Check.Path(path, "anisotropicVariances");
        if (AnisotropicVariances is not { Length: 3 }) throw new ConfigException(av, "must hold exactly three numbers (m = 3)");
        Check.AllInRange(AnisotropicVariances, 1e-3, 1e3, av);
        if (AnisotropicVariances.Min() <= ReferenceIrrelevantVariance)
            throw new ConfigException(av, $"smallest value {AnisotropicVariances.Min()} must exceed referenceIrrelevantVariance = {ReferenceIrrelevantVariance}");
        string es = Check.Path(path, "etaSweep");
        Check.AllInRange(EtaSweep, 1e-6, 0.1, es);
        Check.Distinct(EtaSweep, es);
        if (EtaSweep.Length < 2) throw new ConfigException(es, "needs at least two learning rates");
        Check.InRange(BurnIn, 0, 10_000_000, Check.Path(path, "burnIn"));
        Check.InRange(RecordEvery, 1, 100_000, Check.Path(path, "recordEvery"));
        Check.InRange(Measurement, 1, 100_000_000, Check.Path(path, "measurement"));
        if (Measurement / RecordEvery < 40)
            throw new ConfigException(Check.Path(path, "measurement"), $"got {Measurement}; allowed: at least 40 recordings (measurement >= 40 × recordEvery = {40 * RecordEvery})");
        Check.InRange(FitFraction, 0.01, 0.5, Check.Path(path, "fitFraction"));
    }
}

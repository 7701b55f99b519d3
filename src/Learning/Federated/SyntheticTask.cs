namespace PhyToolkit.Learning.Federated;

/// <summary>A generated train/test pair with its worker partition (index lists into <see cref="Train"/>).</summary>
/// <param name="Train">Training set (the union of the workers' data).</param>
/// <param name="Test">Held-out test set from the same distribution.</param>
/// <param name="Partition">Partition[m] = indices of worker m's samples.</param>
public sealed record SyntheticTask(LabeledDataset Train, LabeledDataset Test, int[][] Partition);

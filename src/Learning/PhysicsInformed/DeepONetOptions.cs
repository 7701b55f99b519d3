namespace PhyToolkit.Learning.PhysicsInformed;

/// <summary>
/// Shape of a <see cref="DeepONet"/>: branch MLP m → w → … → p on the sensor values, trunk MLP γ(x,t) → w → … → p on
/// the coordinates with optional Fourier features γ(x,t) = [x, t, cos 2π B[x,t], sin 2π B[x,t]], B ∈ ℝ^{q×2}, B_ij ~ N(0, s²).
/// </summary>
/// <remarks>
/// Defaults follow the Morephy-Net reproduction plan (branch 64→64→64→32, trunk [x, t, 16 Fourier features]→64→64→32, tanh;
/// docs/morephy.md, our choice: the paper, arXiv 2509.00663, gives no sizes).
/// </remarks>
public sealed record DeepONetOptions
{
    /// <summary>Number of sensors m ≥ 1 (values of the input function at fixed points).</summary>
    public int Sensors { get; init; } = 64;

    /// <summary>Width w ≥ 1 of every hidden layer.</summary>
    public int HiddenWidth { get; init; } = 64;

    /// <summary>Hidden layers per net, ≥ 1.</summary>
    public int HiddenLayers { get; init; } = 2;

    /// <summary>Latent dimension p ≥ 1 (number of basis functions).</summary>
    public int Latent { get; init; } = 32;

    /// <summary>Number q ≥ 0 of Fourier feature rows (0 = plain trunk on (x, t)); the trunk input has 2 + 2q columns.</summary>
    public int FourierFeatures { get; init; } = 16;

    /// <summary>Standard deviation s &gt; 0 of the Fourier matrix entries (default 1, our choice).</summary>
    public double FourierScale { get; init; } = 1.0;

    /// <summary>Checks every field; throws <see cref="ArgumentOutOfRangeException"/> naming the field and its range.</summary>
    public DeepONetOptions Validate()
    {
        Guard.InRange(Sensors, 1, 100_000, nameof(Sensors));
        Guard.InRange(HiddenWidth, 1, 4096, nameof(HiddenWidth));
        Guard.InRange(HiddenLayers, 1, 16, nameof(HiddenLayers));
        Guard.InRange(Latent, 1, 4096, nameof(Latent));
        Guard.InRange(FourierFeatures, 0, 1024, nameof(FourierFeatures));
        Guard.Positive(FourierScale, nameof(FourierScale));
        return this;
    }
}

namespace PhyToolkit.Learning.Diffusion.Solvers;

/// <summary>Settings of <see cref="DmPlug"/> (docs/inverse-imaging.md §2.2 and §4.5).</summary>
public sealed record DmPlugOptions
{
    /// <summary>K, Adam steps on the seed z (budget K·N forward+backward calls per image).</summary>
    public int Iterations { get; init; } = 1000;

    /// <summary>Adam learning rate on z (code: 1e-2 [code]).</summary>
    public double LearningRate { get; init; } = 1e-2;

    /// <summary>Seed of the initial z (code: 123 [code]).</summary>
    public ulong Seed { get; init; } = 123;

    /// <summary>ES-WMV window W; scaled by K/5000 when <see cref="ScaleEsWmv"/> (our choice, §2.2).</summary>
    public int EsWmvWindow { get; init; } = 50;

    /// <summary>ES-WMV patience P; scaled by K/5000 when <see cref="ScaleEsWmv"/>.</summary>
    public int EsWmvPatience { get; init; } = 300;

    /// <summary>Scale W and P by K/5000 (floors 2 and 1).</summary>
    public bool ScaleEsWmv { get; init; } = true;

    internal void Validate()
    {
        Guard.AtLeast(Iterations, 1, nameof(Iterations));
        Guard.Positive(LearningRate, nameof(LearningRate));
        Guard.AtLeast(EsWmvWindow, 2, nameof(EsWmvWindow));
        Guard.AtLeast(EsWmvPatience, 1, nameof(EsWmvPatience));
    }
}

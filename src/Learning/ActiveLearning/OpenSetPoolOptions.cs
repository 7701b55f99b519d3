namespace PhyToolkit.Learning.ActiveLearning;

/// <summary>
/// Geometry and sizes of the generated open-set pool (<see cref="OpenSetPool"/>): K known and U unknown classes in ℝ^d, each a
/// mixture of Gaussian sub-clusters of which one is rare. The layout is the SAMOSA reproduction plan's replacement for the
/// CIFAR open-set splits of Kim, Agiollo and Khanna (arXiv 2510.16757); every default is our choice unless stated.
/// </summary>
/// <remarks>
/// A sample of class c and sub-cluster j is x = μ_c + o_{c,j} + σ_n·z with class centres μ_c ~ N(0, σ_c² I), sub-cluster offsets
/// o_{c,j} ~ N(0, σ_o² I) and z ~ N(0, I). Sub-cluster 0 of every class is the rare one (weight <see cref="RareWeight"/>), the
/// others share the rest equally. Sizes (d = 10, K = U = 4, three sub-clusters, 5 % rare, 6000 pool samples at 50 % mismatch,
/// 40 initial labels, 2000 test samples) follow the reproduction plan; the scales σ_c, σ_o, σ_n are our choice.
/// </remarks>
public sealed record OpenSetPoolOptions
{
    /// <summary>Feature dimension d (1..1000; plan: 10).</summary>
    public int Dimension { get; init; } = 10;

    /// <summary>Known classes K (2..100; plan: 4).</summary>
    public int KnownClasses { get; init; } = 4;

    /// <summary>Unknown (out-of-distribution) classes U (1..100; plan: 4).</summary>
    public int UnknownClasses { get; init; } = 4;

    /// <summary>Gaussian sub-clusters per class (2..20; plan: 3).</summary>
    public int SubClusters { get; init; } = 3;

    /// <summary>Weight of the rare sub-cluster of each class, in (0, 1/SubClusters] (plan: 0.05).</summary>
    public double RareWeight { get; init; } = 0.05;

    /// <summary>Unlabelled pool size before the initial labels are drawn from it (100..1 000 000; plan: 6000).</summary>
    public int PoolSize { get; init; } = 6000;

    /// <summary>Share of the pool drawn from unknown classes, in [0, 0.95] (plan: 0.5).</summary>
    public double MismatchRatio { get; init; } = 0.5;

    /// <summary>Known-class samples moved from the pool to the initial labelled set (≥ K, plan: 40).</summary>
    public int InitialLabelled { get; init; } = 40;

    /// <summary>Known-class test samples (10..1 000 000; plan: 2000).</summary>
    public int TestSize { get; init; } = 2000;

    /// <summary>Standard deviation σ_c of the class centres (our choice: 0.5).</summary>
    public double ClassSpread { get; init; } = 0.5;

    /// <summary>Standard deviation σ_o of the sub-cluster offsets around the class centre (our choice: 0.8).</summary>
    public double SubClusterSpread { get; init; } = 0.8;

    /// <summary>Standard deviation σ_n of the within-sub-cluster noise (our choice: 1.0).</summary>
    public double NoiseSd { get; init; } = 1.0;

    /// <summary>Checks every field; the message names the field and its allowed range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A field is outside its range.</exception>
    public void Validate()
    {
        Range(Dimension, 1, 1000, nameof(Dimension));
        Range(KnownClasses, 2, 100, nameof(KnownClasses));
        Range(UnknownClasses, 1, 100, nameof(UnknownClasses));
        Range(SubClusters, 2, 20, nameof(SubClusters));
        if (!(RareWeight > 0 && RareWeight <= 1.0 / SubClusters))
            throw new ArgumentOutOfRangeException(nameof(RareWeight), RareWeight, $"RareWeight must be in (0, 1/{SubClusters}]");
        Range(PoolSize, 100, 1_000_000, nameof(PoolSize));
        if (!(MismatchRatio >= 0 && MismatchRatio <= 0.95))
            throw new ArgumentOutOfRangeException(nameof(MismatchRatio), MismatchRatio, "MismatchRatio must be in [0, 0.95]");
        int known = KnownCount;
        if (InitialLabelled < KnownClasses || InitialLabelled > known / 2)
            throw new ArgumentOutOfRangeException(nameof(InitialLabelled), InitialLabelled, $"InitialLabelled must be in [{KnownClasses}, {known / 2}] (K to half the known-class pool samples)");
        Range(TestSize, 10, 1_000_000, nameof(TestSize));
        Positive(ClassSpread, nameof(ClassSpread));
        Positive(SubClusterSpread, nameof(SubClusterSpread));
        Positive(NoiseSd, nameof(NoiseSd));
    }

    /// <summary>Number of known-class samples in the generated pool, round(PoolSize·(1 − MismatchRatio)).</summary>
    public int KnownCount => (int)Math.Round(PoolSize * (1 - MismatchRatio));

    private static void Range(int v, int lo, int hi, string name)
    {
        if (v < lo || v > hi) throw new ArgumentOutOfRangeException(name, v, $"{name} must be in [{lo}, {hi}]");
    }

    private static void Positive(double v, string name)
    {
        if (!(v > 0 && v <= 100)) throw new ArgumentOutOfRangeException(name, v, $"{name} must be in (0, 100]");
    }
}

using PhyToolkit.Core.Random;

namespace PhyToolkit.Learning.ActiveLearning;

/// <summary>
/// A generated open-set active-learning problem (the SAMOSA reproduction plan's replacement for CIFAR open-set splits,
/// arXiv 2510.16757): an unlabelled pool of known- and unknown-class samples, an initial labelled set of known-class samples
/// taken from it, and a known-class test set. Class labels 0..K−1 are known, K..K+U−1 unknown.
/// </summary>
/// <remarks>Features are row-major (n × d) doubles. The geometry is in <see cref="OpenSetPoolOptions"/>; the same options and
/// seed give the same pool on every machine (managed Xoshiro256** draws only).</remarks>
public sealed class OpenSetPool
{
    private OpenSetPool(OpenSetPoolOptions options, double[] x, int[] cls, int[] sub, int[] initial, double[] testX, int[] testY)
    {
        Options = options; Features = x; Classes = cls; SubCluster = sub; InitialLabelled = initial; TestFeatures = testX; TestLabels = testY;
    }

    /// <summary>The options the pool was generated with.</summary>
    public OpenSetPoolOptions Options { get; }

    /// <summary>Feature dimension d.</summary>
    public int Dimension => Options.Dimension;

    /// <summary>Known classes K (labels 0..K−1); label K stands for "unknown" in (K+1)-way models.</summary>
    public int KnownClasses => Options.KnownClasses;

    /// <summary>Pool features, n × d row-major (including the initial labelled samples, see <see cref="InitialLabelled"/>).</summary>
    public double[] Features { get; }

    /// <summary>True class of each pool sample (0..K+U−1; ≥ K is unknown).</summary>
    public int[] Classes { get; }

    /// <summary>Sub-cluster of each pool sample (0 = the rare one).</summary>
    public int[] SubCluster { get; }

    /// <summary>Pool indices of the initial labelled set (known classes only).</summary>
    public int[] InitialLabelled { get; }

    /// <summary>Known-class test features, TestSize × d row-major.</summary>
    public double[] TestFeatures { get; }

    /// <summary>Known-class test labels (0..K−1).</summary>
    public int[] TestLabels { get; }

    /// <summary>Number of pool samples.</summary>
    public int Count => Classes.Length;

    /// <summary>Whether pool sample <paramref name="i"/> belongs to a known class.</summary>
    public bool IsKnown(int i) => Classes[i] < KnownClasses;

    /// <summary>Whether pool sample <paramref name="i"/> comes from its class's rare sub-cluster.</summary>
    public bool IsRare(int i) => SubCluster[i] == 0;

    /// <summary>Generates the pool, the initial labelled set and the test set from <paramref name="seed"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The options are invalid (<see cref="OpenSetPoolOptions.Validate"/>).</exception>
    public static OpenSetPool Generate(OpenSetPoolOptions options, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        int d = options.Dimension, k = options.KnownClasses, u = options.UnknownClasses, m = options.SubClusters;
        var rng = new Xoshiro256StarStar(SeedMixer.Mix(seed, 0x0F5E7UL));
        int classes = k + u;
        // Centres of sub-cluster j of class c: μ_c + o_{c,j}.
        var centre = new double[classes * m * d];
        for (int c = 0; c < classes; c++)
        {
            var mu = new double[d];
            for (int t = 0; t < d; t++) mu[t] = options.ClassSpread * rng.NextGaussian();
            for (int j = 0; j < m; j++)
                for (int t = 0; t < d; t++) centre[(c * m + j) * d + t] = mu[t] + options.SubClusterSpread * rng.NextGaussian();
        }
        int n = options.PoolSize, known = options.KnownCount;
        var x = new double[n * d];
        var cls = new int[n];
        var sub = new int[n];
        for (int i = 0; i < n; i++)
        {
            cls[i] = i < known ? rng.NextInt(k) : k + rng.NextInt(u);
            sub[i] = SubClusterOf(options, ref rng);
            Draw(options, centre, cls[i], sub[i], x.AsSpan(i * d, d), ref rng);
        }
        // Shuffle so that pool order carries no class information (Fisher–Yates).
        var order = Permutation(n, ref rng);
        var xs = new double[n * d]; var cs = new int[n]; var ss = new int[n];
        for (int i = 0; i < n; i++)
        {
            int o = order[i];
            x.AsSpan(o * d, d).CopyTo(xs.AsSpan(i * d, d));
            cs[i] = cls[o]; ss[i] = sub[o];
        }
        // Initial labelled set: the first InitialLabelled known-class samples of a second random order.
        var perm = Permutation(n, ref rng);
        var initial = new List<int>(options.InitialLabelled);
        foreach (int i in perm)
        {
            if (cs[i] >= k) continue;
            initial.Add(i);
            if (initial.Count == options.InitialLabelled) break;
        }
        initial.Sort();
        var testX = new double[options.TestSize * d];
        var testY = new int[options.TestSize];
        for (int i = 0; i < testY.Length; i++)
        {
            testY[i] = rng.NextInt(k);
            Draw(options, centre, testY[i], SubClusterOf(options, ref rng), testX.AsSpan(i * d, d), ref rng);
        }
        return new OpenSetPool(options, xs, cs, ss, initial.ToArray(), testX, testY);
    }

    private static int SubClusterOf(OpenSetPoolOptions o, ref Xoshiro256StarStar rng)
    {
        double v = rng.NextDouble();
        if (v < o.RareWeight) return 0;
        int j = 1 + (int)((v - o.RareWeight) / (1 - o.RareWeight) * (o.SubClusters - 1));
        return Math.Min(j, o.SubClusters - 1);
    }

    private static void Draw(OpenSetPoolOptions o, double[] centre, int c, int j, Span<double> row, ref Xoshiro256StarStar rng)
    {
        int d = o.Dimension, baseIndex = (c * o.SubClusters + j) * d;
        for (int t = 0; t < d; t++) row[t] = centre[baseIndex + t] + o.NoiseSd * rng.NextGaussian();
    }

    /// <summary>A uniformly random permutation of 0..n−1 (Fisher–Yates).</summary>
    internal static int[] Permutation(int n, ref Xoshiro256StarStar rng)
    {
        var p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--)
        {
            int j = rng.NextInt(i + 1);
            (p[i], p[j]) = (p[j], p[i]);
        }
        return p;
    }
}

namespace PhyToolkit.Channels.KeyGeneration.Batched;

/// <summary>Scalar parameters of the ILGPU KGR kernels (blittable; passed by value to every launch).</summary>
internal readonly struct KgrKernelParameters
{
    public KgrKernelParameters(int antennas, int slots, int paths, int particles, double aliceNoiseVariance, double bobNoiseVariance,
        double energyBudget)
    {
        M = antennas; K = slots; L = paths; S = particles;
        AliceNoiseVariance = aliceNoiseVariance; BobNoiseVariance = bobNoiseVariance; EnergyBudget = energyBudget;
    }

    /// <summary>M, antennas.</summary>
    public int M { get; }
    /// <summary>K, slots.</summary>
    public int K { get; }
    /// <summary>L, paths.</summary>
    public int L { get; }
    /// <summary>S, particles in the launch (the scratch stride).</summary>
    public int S { get; }
    /// <summary>σ_A².</summary>
    public double AliceNoiseVariance { get; }
    /// <summary>σ_B².</summary>
    public double BobNoiseVariance { get; }
    /// <summary>E.</summary>
    public double EnergyBudget { get; }

    /// <summary>Complex scratch entries per particle of the KGR kernel: A (LM), R, L_C, W (3M²), V, Z, U (3MK), X_Q, Y (2K²).</summary>
    public int KgrScratch => L * M + 3 * M * M + 3 * M * K + 2 * K * K;

    /// <summary>Complex scratch entries per particle of the oracle kernel: A (LM), R (M²), plus M reals (eigenvalues) and
    /// min(M, K) reals (mode powers), counted as complex entries.</summary>
    public int OracleScratch => L * M + M * M + M + K;
}

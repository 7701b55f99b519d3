using System.Numerics;

namespace PhyToolkit.Channels.KeyGeneration;

/// <summary>
/// Scratch buffers for <see cref="KgrModel"/> at a fixed size (M antennas at Alice, K downlink pilot slots).
/// Allocate once per worker and reuse: every <see cref="KgrModel"/> method is allocation-free given a workspace.
/// Not thread-safe; one workspace per thread.
/// </summary>
/// <remarks>
/// The workspace caches Q = σ_A²·R·(R + σ_A²I)⁻¹, R − Q = R(R + σ_A²I)⁻¹R and the Cholesky factor of R + σ_A²I for the last covariance and Alice
/// noise variance seen (compared entry by entry, O(M²)), so repeated calls with the same R (precoder optimization)
/// skip the O(M³) preparation. Our choice.
/// </remarks>
public sealed class KgrWorkspace
{
    /// <summary>Largest supported M and K (our choice: the small-matrix kernels target per-array sizes).</summary>
    public const int MaxDimension = 256;

    /// <summary>Creates the buffers.</summary>
    /// <param name="antennas">M, number of antennas at Alice, in [1, <see cref="MaxDimension"/>].</param>
    /// <param name="slots">K, number of downlink pilot slots (columns of the precoder), in [1, <see cref="MaxDimension"/>].</param>
    public KgrWorkspace(int antennas, int slots)
    {
        if (antennas < 1 || antennas > MaxDimension)
            throw new ArgumentOutOfRangeException(nameof(antennas), antennas, $"antennas (M) must be in [1, {MaxDimension}]");
        if (slots < 1 || slots > MaxDimension)
            throw new ArgumentOutOfRangeException(nameof(slots), slots, $"slots (K) must be in [1, {MaxDimension}]");
        Antennas = antennas;
        Slots = slots;
        int m = antennas, k = slots, mm = m * m, mk = m * k, kk = k * k;
        int big = Math.Max(m, k);
        CachedR = new Complex[mm];
        Q = new Complex[mm];
        SignalPart = new Complex[mm];
        CholCa = new Complex[mm];
        Mm1 = new Complex[mm];
        Mm2 = new Complex[Math.Max(mm, big * big)];
        Mk1 = new Complex[mk];
        Mk2 = new Complex[mk];
        Mk3 = new Complex[mk];
        Mk4 = new Complex[mk];
        Km1 = new Complex[mk];
        Km2 = new Complex[mk];
        Kk1 = new Complex[kk];
        Kk2 = new Complex[kk];
        Kk3 = new Complex[kk];
        int j = m + 2 * k;
        Joint1 = new Complex[j * j];
        Joint2 = new Complex[j * j];
        Eigenvalues = new double[m];
        Eigenvectors = new Complex[mm];
        ModePowers = new double[k];
        Precoder = new Complex[mk];
    }

    /// <summary>M, number of antennas at Alice (rows of the precoder, order of R).</summary>
    public int Antennas { get; }

    /// <summary>K, number of downlink pilot slots (columns of the precoder).</summary>
    public int Slots { get; }

    internal Complex[] CachedR { get; }
    internal Complex[] Q { get; }
    internal Complex[] SignalPart { get; }
    internal Complex[] CholCa { get; }
    internal double CachedAliceNoiseVariance { get; set; } = double.NaN;
    internal bool CacheValid { get; set; }
    internal Complex[] Mm1 { get; }
    internal Complex[] Mm2 { get; }
    internal Complex[] Mk1 { get; }
    internal Complex[] Mk2 { get; }
    internal Complex[] Mk3 { get; }
    internal Complex[] Mk4 { get; }
    internal Complex[] Km1 { get; }
    internal Complex[] Km2 { get; }
    internal Complex[] Kk1 { get; }
    internal Complex[] Kk2 { get; }
    internal Complex[] Kk3 { get; }
    internal Complex[] Joint1 { get; }
    internal Complex[] Joint2 { get; }
    internal double[] Eigenvalues { get; }
    internal Complex[] Eigenvectors { get; }
    internal double[] ModePowers { get; }
    internal Complex[] Precoder { get; }
}

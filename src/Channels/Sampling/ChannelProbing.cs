using System.Numerics;
using PhyToolkit.Core.Random;

namespace PhyToolkit.Channels.Sampling;

/// <summary>
/// One TDD probing round of the PLKG protocol (docs/fa-plkg.md [C]), for Monte Carlo cross-checks of the closed-form
/// KGR: Alice's uplink LS estimate <c>ĥ_A = h + e_A</c>, e_A ~ CN(0, σ_A² I_M), and Bob's precoded downlink observation
/// <c>ĥ_B = Pᴴ h + e_B</c>, e_B ~ CN(0, σ_B² I_K), with P ∈ ℂ^{M×K} (row-major, column k = slot k's precoder p_k).
/// The joint covariance is that of docs/fa-plkg.md: C_A = R + σ_A² I, C_B = Pᴴ R P + σ_B² I, E[ĥ_A ĥ_Bᴴ] = R P.
/// </summary>
/// <remarks>Immutable; <see cref="Probe"/> is allocation-free.</remarks>
public sealed class ChannelProbing
{
    /// <summary>Creates the probing model.</summary>
    /// <param name="noise">σ², p_B, τ_u.</param>
    public ChannelProbing(ProbingNoise noise)
    {
        ArgumentNullException.ThrowIfNull(noise);
        Noise = noise;
    }

    /// <summary>The noise settings.</summary>
    public ProbingNoise Noise { get; }

    /// <summary>
    /// Simulates one probing round for channel h. Draw order: the M entries of e_A, then the K entries of e_B.
    /// </summary>
    /// <param name="channel">h, length M.</param>
    /// <param name="precoder">P, M×K row-major (K ≥ 1 = precoder.Length / M).</param>
    /// <param name="rng">Seeded generator, advanced by M + K complex draws.</param>
    /// <param name="aliceEstimate">Output ĥ_A, length M.</param>
    /// <param name="bobObservation">Output ĥ_B, length K.</param>
    public void Probe(ReadOnlySpan<Complex> channel, ReadOnlySpan<Complex> precoder, ref Xoshiro256StarStar rng,
        Span<Complex> aliceEstimate, Span<Complex> bobObservation)
    {
        int m = channel.Length;
        if (m < 1) throw new ArgumentException("channel must have length M ≥ 1", nameof(channel));
        if (precoder.Length < m || precoder.Length % m != 0) throw new ArgumentException($"precoder must be M×K row-major with M = {m}, K ≥ 1; got length {precoder.Length}", nameof(precoder));
        int k = precoder.Length / m;
        if (aliceEstimate.Length != m) throw new ArgumentException($"aliceEstimate must have length M = {m}", nameof(aliceEstimate));
        if (bobObservation.Length != k) throw new ArgumentException($"bobObservation must have length K = {k}", nameof(bobObservation));
        double va = Noise.AliceEstimationVariance, vb = Noise.BobObservationVariance;
        for (int a = 0; a < m; a++) aliceEstimate[a] = channel[a] + rng.NextComplexGaussian(va);
        for (int s = 0; s < k; s++)
        {
            Complex y = Complex.Zero;
            for (int a = 0; a < m; a++) y += Complex.Conjugate(precoder[a * k + s]) * channel[a]; // p_kᴴ h
            bobObservation[s] = y + rng.NextComplexGaussian(vb);
        }
    }
}

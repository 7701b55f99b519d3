using MathNet.Numerics;

namespace PhyToolkit.Channels.ErrorRates;

/// <summary>Closed-form bit error rates of coherent BPSK and Gray-mapped QPSK.</summary>
/// <remarks>Proakis, Digital Communications, 5th ed.: AWGN eq. (4.3-13); flat Rayleigh fading eq. (13.3-7).</remarks>
public static class BitErrorRate
{
    /// <summary>
    /// BPSK (and Gray QPSK per bit) over AWGN: P_b = ½·erfc(√(Eb/N0)).
    /// </summary>
    /// <param name="ebN0Linear">Eb/N0 as a linear ratio, ≥ 0.</param>
    public static double BpskAwgn(double ebN0Linear)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ebN0Linear);
        return 0.5 * SpecialFunctions.Erfc(Math.Sqrt(ebN0Linear));
    }

    /// <summary>
    /// BPSK (and Gray QPSK per bit) over flat Rayleigh fading with average Eb/N0 = γ̄, perfect CSI:
    /// P_b = ½·(1 − √(γ̄ / (1 + γ̄))).
    /// </summary>
    /// <param name="ebN0Linear">Average Eb/N0 as a linear ratio, ≥ 0.</param>
    public static double BpskRayleigh(double ebN0Linear)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ebN0Linear);
        return 0.5 * (1 - Math.Sqrt(ebN0Linear / (1 + ebN0Linear)));
    }
}

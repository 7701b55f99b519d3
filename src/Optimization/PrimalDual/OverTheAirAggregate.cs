using PhyToolkit.Channels.OverTheAir;
using PhyToolkit.Core.Random;
using PhyToolkit.Core.Units;

namespace PhyToolkit.Optimization.PrimalDual;

/// <summary>
/// Over-the-air aggregation of z_j = Σ_i A_ji θ_i: all workers transmit A_ji θ_i simultaneously and the server receives
/// the superposition plus receiver noise through <see cref="OtaMac.AnalogSum"/> (src/Channels). Ideal channel inversion
/// (unit effective gains) and an ideal ADC are assumed, so the measurement is unbiased (Asyn-PD spec of arXiv 2509.01172
/// §6, [Proposed]: check that the O(1/t) rate survives at 10 dB).
/// </summary>
/// <remarks>
/// SNR convention (our choice): the receiver noise variance is the mean transmitted symbol energy of a device,
/// (1/(n d)) Σ_i ‖A_ji θ_i‖², divided by the linear SNR, per constraint j and per use.
/// </remarks>
public sealed class OverTheAirAggregate : IAggregateChannel
{
    private readonly double _snrLinear;
    private double[] _x = [];

    /// <summary>An analog-sum channel at per-device SNR <paramref name="snrDb"/> (finite, dB).</summary>
    public OverTheAirAggregate(double snrDb)
    {
        SnrDb = Guard.Finite(snrDb, nameof(snrDb));
        _snrLinear = Decibel.ToLinear(snrDb);
    }

    /// <summary>The per-device SNR in dB.</summary>
    public double SnrDb { get; }

    /// <inheritdoc/>
    public void Measure(RegularizedLagrangian lagrangian, IReadOnlyList<double[]> theta, double[][] exact, double[][] measured, ref Xoshiro256StarStar rng)
    {
        ArgumentNullException.ThrowIfNull(lagrangian);
        int n = lagrangian.N, d = lagrangian.Dimension;
        Span<double> gains = n <= 256 ? stackalloc double[n] : new double[n];
        gains.Fill(1);
        if (_x.Length != n * d) _x = new double[n * d];
        var x = _x;
        for (int j = 0; j < lagrangian.M; j++)
        {
            double energy = 0;
            for (int i = 0; i < n; i++)
            {
                double w = lagrangian.Weight(j, i);
                for (int k = 0; k < d; k++) { double s = w * theta[i][k]; x[i * d + k] = s; energy += s * s; }
            }
            double noiseStd = Math.Sqrt(energy / (n * d) / _snrLinear);
            OtaMac.AnalogSum(x, n, gains, noiseStd, IdealQuantizer.Instance, ref rng, measured[j]);
        }
    }
}

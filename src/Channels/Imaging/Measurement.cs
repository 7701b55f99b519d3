using PhyToolkit.Core.Random;

namespace PhyToolkit.Channels.Imaging;

/// <summary>
/// One measured instance of an inverse problem, <c>(y, A, noise, seed, x*)</c> (docs/inverse-imaging.md
/// [proposal]): every solver receives the same record, so they all see identical data.
/// </summary>
public sealed class Measurement
{
    private readonly double[] _y, _truth;

    private Measurement(IForwardOperator op, INoiseModel noise, ulong seed, double[] truth, double[] y)
    {
        Operator = op; Noise = noise; Seed = seed; _truth = truth; _y = y;
    }

    /// <summary>Draws <c>y = A(x*) + ε</c> with the noise generator seeded by <paramref name="seed"/>.</summary>
    /// <param name="op">Forward operator A.</param>
    /// <param name="truth">Ground truth x* on [-1, 1], length <c>op.InputShape.Length</c>; copied.</param>
    /// <param name="noise">Noise model.</param>
    /// <param name="seed">Seed of the noise draw.</param>
    public static Measurement Create(IForwardOperator op, ReadOnlySpan<double> truth, INoiseModel noise, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(op);
        ArgumentNullException.ThrowIfNull(noise);
        Guard.Length(truth.Length, op.InputShape.Length, nameof(truth));
        var y = new double[op.OutputShape.Length];
        op.Apply(truth, y);
        var rng = new Xoshiro256StarStar(seed);
        noise.Corrupt(y, ref rng);
        return new Measurement(op, noise, seed, truth.ToArray(), y);
    }

    /// <summary>Forward operator A.</summary>
    public IForwardOperator Operator { get; }

    /// <summary>Noise model.</summary>
    public INoiseModel Noise { get; }

    /// <summary>Seed of the noise draw.</summary>
    public ulong Seed { get; }

    /// <summary>The measurement y (length <c>Operator.OutputShape.Length</c>).</summary>
    public ReadOnlySpan<double> Y => _y;

    /// <summary>The ground truth x* (for metrics and oracle logging only; a solver must not read it).</summary>
    public ReadOnlySpan<double> Truth => _truth;

    /// <summary>Image shape.</summary>
    public ImageShape Shape => Operator.InputShape;
}

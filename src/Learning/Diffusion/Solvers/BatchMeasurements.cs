using PhyToolkit.Channels.Imaging;
using static TorchSharp.torch;

namespace PhyToolkit.Learning.Diffusion.Solvers;

/// <summary>
/// A batch of measurements seen by the diffusion solvers, and the data-term gradient computed by the operators
/// themselves (<see cref="IForwardOperator.JacobianAdjoint"/>, float64) and handed to autograd as the upstream
/// gradient of the image tensor — one home for every operator, no torch re-implementation. Per image b the data term
/// is <c>mean((A_b(x_b) − t_b)²)</c> as in the paper code's MSELoss [code]; its gradient is
/// <c>(2/m)·J_bᵀ(A_b(x_b) − t_b)</c>.
/// </summary>
internal sealed class BatchMeasurements
{
    public BatchMeasurements(IReadOnlyList<Measurement> measurements, ImageShape shape)
    {
        ArgumentNullException.ThrowIfNull(measurements);
        if (measurements.Count == 0) throw new ArgumentException("measurements is empty; allowed: at least one.", nameof(measurements));
        foreach (var m in measurements)
            if (m.Shape != shape) throw new ArgumentException($"A measurement has image shape {m.Shape}; the prior's is {shape}.", nameof(measurements));
        Items = measurements;
        Shape = shape;
    }

    public IReadOnlyList<Measurement> Items { get; }

    public ImageShape Shape { get; }

    public int Count => Items.Count;

    public static double[][] ToArrays(Tensor x)
    {
        var flat = x.detach().to_type(ScalarType.Float64).data<double>().ToArray();
        int b = (int)x.shape[0], n = (int)x.shape[1];
        var result = new double[b][];
        for (int i = 0; i < b; i++) result[i] = flat.AsSpan(i * n, n).ToArray();
        return result;
    }

    public static Tensor FromArrays(double[][] images)
    {
        int b = images.Length, n = images[0].Length;
        var flat = new float[b * n];
        for (int i = 0; i < b; i++)
            for (int p = 0; p < n; p++) flat[i * n + p] = (float)images[i][p];
        return tensor(flat, new long[] { b, n });
    }

    /// <summary>A_b(x_b) for every image.</summary>
    public double[][] Apply(double[][] x)
    {
        var result = new double[Count][];
        for (int b = 0; b < Count; b++)
        {
            result[b] = new double[Items[b].Operator.OutputShape.Length];
            Items[b].Operator.Apply(x[b], result[b]);
        }
        return result;
    }

    /// <summary>
    /// Gradient of <c>scale·Σ_b mean((A_b(x_b) − t_b)²)</c> with respect to x, t_b = y_b unless <paramref name="targets"/>
    /// is given; returns it as an array and writes the per-image residual ‖A(x) − y‖/sqrt(m) (always against y).
    /// </summary>
    public double[][] DataGradient(double[][] x, double[][]? targets, double scale, Span<double> residuals)
    {
        var grad = new double[Count][];
        for (int b = 0; b < Count; b++)
        {
            var op = Items[b].Operator;
            int m = op.OutputShape.Length;
            var ax = new double[m];
            op.Apply(x[b], ax);
            ReadOnlySpan<double> y = Items[b].Y;
            double rr = 0;
            var r = new double[m];
            for (int i = 0; i < m; i++)
            {
                double ry = ax[i] - y[i];
                rr += ry * ry;
                r[i] = (ax[i] - (targets is null ? y[i] : targets[b][i])) * 2 * scale / m;
            }
            if (!residuals.IsEmpty) residuals[b] = Math.Sqrt(rr / m);
            grad[b] = new double[x[b].Length];
            op.JacobianAdjoint(x[b], r, grad[b]);
        }
        return grad;
    }
}

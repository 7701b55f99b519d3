using System.Buffers;
using System.Runtime.Intrinsics;

namespace PhyToolkit.Learning.Federated;

/// <summary>
/// One-hidden-layer ReLU softmax classifier in plain managed code (double precision, hand-written backpropagation):
/// <c>h = relu(W1 x + b1)</c>, <c>z = W2 h + b2</c>, loss <c>-log softmax(z)_y</c> averaged over the samples. The small
/// MLP of the federated-unlearning reproduction plan (docs/unlearning-puf.md, [Proposed]); same flat layout and
/// base-point convention as the TorchSharp <see cref="MlpModel"/>, without the per-call native overhead.
/// </summary>
/// <remarks>
/// <para>Layout (length <c>H(d + 1) + C(H + 1)</c>): <c>W1</c> (H x d, row-major), <c>b1</c> (H), <c>W2</c> (C x H,
/// row-major), <c>b2</c> (C). The weights are <c>theta = theta0 + parameters</c> with a fixed base point <c>theta0</c>
/// (e.g. <see cref="MlpModel.GlorotBasePoint"/>), because the engine starts every model at the zero vector.</para>
/// <para>Backpropagation per sample: <c>dz = softmax(z) - e_y</c>; <c>dW2 = dz h^T</c>; <c>dh = (W2^T dz) .* 1[W1 x + b1 &gt; 0]</c>;
/// <c>dW1 = dh x^T</c> (the subgradient at 0 is 0, as in PyTorch). Cost about <c>3 (H d + C H)</c> multiply-adds per sample.
/// Stateless and thread-safe.</para>
/// </remarks>
public sealed class ManagedMlpModel : IFederatedModel, IProbabilisticClassifier
{
    private readonly double[] basePoint;

    /// <summary>Creates the model.</summary>
    /// <param name="dimension">Feature dimension d (&gt;= 1).</param>
    /// <param name="classes">Classes C (2..1024).</param>
    /// <param name="hiddenUnits">Hidden width H (1..<see cref="MlpModel.MaxHiddenUnits"/>).</param>
    /// <param name="basePoint">Base point <c>theta0</c> (length <see cref="ParameterCount"/>, finite; copied), or null for zero.</param>
    public ManagedMlpModel(int dimension, int classes, int hiddenUnits, double[]? basePoint = null)
    {
        if (dimension < 1) throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "dimension must be >= 1");
        if (classes < 2 || classes > 1024) throw new ArgumentOutOfRangeException(nameof(classes), classes, "classes must be in [2, 1024]");
        if (hiddenUnits < 1 || hiddenUnits > MlpModel.MaxHiddenUnits)
            throw new ArgumentOutOfRangeException(nameof(hiddenUnits), hiddenUnits, $"hiddenUnits must be in [1, {MlpModel.MaxHiddenUnits}]");
        Dimension = dimension; Classes = classes; HiddenUnits = hiddenUnits;
        int p = hiddenUnits * (dimension + 1) + classes * (hiddenUnits + 1);
        this.basePoint = ClassifierArguments.BasePoint(basePoint, p);
    }

    /// <summary>Feature dimension d.</summary>
    public int Dimension { get; }

    /// <summary>Number of classes C.</summary>
    public int Classes { get; }

    /// <summary>Hidden width H.</summary>
    public int HiddenUnits { get; }

    /// <inheritdoc />
    public int ParameterCount => basePoint.Length;

    private void CheckArgs(ReadOnlySpan<double> p, LabeledDataset data, Span<double> g)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (p.Length != ParameterCount) throw new ArgumentException($"parameters must have length {ParameterCount}", "parameters");
        if (!g.IsEmpty && g.Length != ParameterCount) throw new ArgumentException($"gradient must be empty or have length {ParameterCount}", "gradient");
        if (data.Dimension != Dimension) throw new ArgumentException($"data dimension {data.Dimension} != model dimension {Dimension}", nameof(data));
        if (data.Classes > Classes) throw new ArgumentException($"data has {data.Classes} classes, model {Classes}", nameof(data));
    }

    /// <inheritdoc />
    public double LossAndGradient(ReadOnlySpan<double> parameters, LabeledDataset data, ReadOnlySpan<int> indices, Span<double> gradient)
    {
        CheckArgs(parameters, data, gradient);
        if (indices.IsEmpty) throw new ArgumentException("indices must not be empty", nameof(indices));
        foreach (int i in indices)
            if ((uint)i >= (uint)data.Count) throw new ArgumentOutOfRangeException(nameof(indices), i, $"indices must be in [0, {data.Count - 1}]");
        return Run(parameters, data, indices, 0, indices.Length, gradient, Span<double>.Empty);
    }

    /// <inheritdoc />
    public double FullLossAndGradient(ReadOnlySpan<double> parameters, LabeledDataset data, Span<double> gradient)
    {
        CheckArgs(parameters, data, gradient);
        if (data.Count == 0) throw new ArgumentException("data must not be empty", nameof(data));
        return Run(parameters, data, ReadOnlySpan<int>.Empty, 0, data.Count, gradient, Span<double>.Empty);
    }

    /// <inheritdoc />
    public double Accuracy(ReadOnlySpan<double> parameters, LabeledDataset data)
    {
        CheckArgs(parameters, data, Span<double>.Empty);
        if (data.Count == 0) throw new ArgumentException("data must not be empty", nameof(data));
        var probs = ArrayPool<double>.Shared.Rent(data.Count * Classes);
        try
        {
            Run(parameters, data, ReadOnlySpan<int>.Empty, 0, data.Count, Span<double>.Empty, probs.AsSpan(0, data.Count * Classes));
            int correct = 0;
            for (int i = 0; i < data.Count; i++)
            {
                var row = probs.AsSpan(i * Classes, Classes);
                int arg = 0;
                for (int c = 1; c < Classes; c++) if (row[c] > row[arg]) arg = c;
                if (arg == data.Labels[i]) correct++;
            }
            return (double)correct / data.Count;
        }
        finally { ArrayPool<double>.Shared.Return(probs); }
    }

    /// <inheritdoc />
    public void Probabilities(ReadOnlySpan<double> parameters, LabeledDataset data, ReadOnlySpan<int> indices, Span<double> probabilities)
    {
        CheckArgs(parameters, data, Span<double>.Empty);
        if (probabilities.Length != indices.Length * Classes) throw new ArgumentException($"probabilities must have length indices.Length x C = {indices.Length * Classes}", nameof(probabilities));
        foreach (int i in indices)
            if ((uint)i >= (uint)data.Count) throw new ArgumentOutOfRangeException(nameof(indices), i, $"indices must be in [0, {data.Count - 1}]");
        if (indices.IsEmpty) return;
        Run(parameters, data, indices, 0, indices.Length, Span<double>.Empty, probabilities);
    }

    // Mean loss over samples k in [0, n) (sample = indices[k], or k when indices is empty); accumulates the mean gradient
    // into g unless empty; writes softmax rows into probs unless empty.
    private double Run(ReadOnlySpan<double> parameters, LabeledDataset data, ReadOnlySpan<int> indices, int start, int n, Span<double> g, Span<double> probs)
    {
        int d = Dimension, H = HiddenUnits, C = Classes;
        int oB1 = H * d, oW2 = oB1 + H, oB2 = oW2 + C * H;
        var thetaArr = ArrayPool<double>.Shared.Rent(ParameterCount);
        var theta = thetaArr.AsSpan(0, ParameterCount);
        for (int j = 0; j < theta.Length; j++) theta[j] = basePoint[j] + parameters[j];
        Span<double> pre = H <= 1024 ? stackalloc double[H] : new double[H];
        Span<double> act = H <= 1024 ? stackalloc double[H] : new double[H];
        Span<double> dh = H <= 1024 ? stackalloc double[H] : new double[H];
        Span<double> z = stackalloc double[C];
        bool wantGrad = !g.IsEmpty;
        if (wantGrad) g.Clear();
        double loss = 0;
        try
        {
            for (int k = start; k < start + n; k++)
            {
                int i = indices.IsEmpty ? k : indices[k];
                var x = data.Row(i);
                int y = data.Labels[i];
                for (int h = 0; h < H; h++)
                {
                    double s = theta[oB1 + h] + Dot(theta.Slice(h * d, d), x);
                    pre[h] = s;
                    act[h] = s > 0 ? s : 0;
                }
                double max = double.NegativeInfinity;
                for (int c = 0; c < C; c++)
                {
                    double s = theta[oB2 + c] + Dot(theta.Slice(oW2 + c * H, H), act);
                    z[c] = s;
                    if (s > max) max = s;
                }
                double shiftedY = z[y] - max, sum = 0;
                for (int c = 0; c < C; c++) { z[c] = Math.Exp(z[c] - max); sum += z[c]; }
                loss += Math.Log(sum) - shiftedY;   // log-sum-exp form: finite when softmax(z)_y underflows
                for (int c = 0; c < C; c++) z[c] /= sum;
                if (!probs.IsEmpty) z.CopyTo(probs.Slice((k - start) * C, C));
                if (!wantGrad) continue;
                dh.Clear();
                for (int c = 0; c < C; c++)
                {
                    double r = z[c] - (c == y ? 1 : 0);
                    Axpy(r, act, g.Slice(oW2 + c * H, H));
                    Axpy(r, theta.Slice(oW2 + c * H, H), dh);
                    g[oB2 + c] += r;
                }
                for (int h = 0; h < H; h++)
                {
                    if (pre[h] <= 0) continue;
                    double r = dh[h];
                    Axpy(r, x, g.Slice(h * d, d));
                    g[oB1 + h] += r;
                }
            }
        }
        finally { ArrayPool<double>.Shared.Return(thetaArr); }
        if (wantGrad) for (int j = 0; j < g.Length; j++) g[j] /= n;
        return loss / n;
    }

    // u.v with four fixed lanes (Vector256, emulated where not accelerated) summed in a fixed order, then the scalar
    // tail: the same bits on every machine and thread count. No fused multiply-add.
    private static double Dot(ReadOnlySpan<double> u, ReadOnlySpan<double> v)
    {
        int n = u.Length, i = 0;
        double s = 0;
        if (n >= 8)
        {
            var acc = Vector256<double>.Zero;
            for (; i <= n - 4; i += 4) acc += Vector256.Create(u.Slice(i, 4)) * Vector256.Create(v.Slice(i, 4));
            s = (acc[0] + acc[1]) + (acc[2] + acc[3]);
        }
        for (; i < n; i++) s += u[i] * v[i];
        return s;
    }

    // y += a x (element-wise, so exact whatever the vector width)
    private static void Axpy(double a, ReadOnlySpan<double> x, Span<double> y)
    {
        int n = x.Length, i = 0;
        var va = Vector256.Create(a);
        for (; i <= n - 4; i += 4) (Vector256.Create(y.Slice(i, 4)) + va * Vector256.Create(x.Slice(i, 4))).CopyTo(y.Slice(i, 4));
        for (; i < n; i++) y[i] += a * x[i];
    }
}

using PhyToolkit.Core.Random;
using PhyToolkit.Learning.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace PhyToolkit.Learning.Federated;

/// <summary>
/// One-hidden-layer softmax classifier (a small MLP) evaluated with TorchSharp in float64:
/// <c>h = act(W1 x + b1)</c>, <c>z = W2 h + b2</c>, loss <c>-log softmax(z)_y</c> averaged over the samples; the
/// gradient comes from TorchSharp autograd. The "small MLPs (TorchSharp)" model of issue 4 (architecture: our choice).
/// </summary>
/// <remarks>
/// <para>Layout of the flat vector (length <c>H(d + 1) + C(H + 1)</c>): <c>W1</c> (H x d, row-major), <c>b1</c> (H),
/// <c>W2</c> (C x H, row-major), <c>b2</c> (C).</para>
/// <para>Base point: the federated engine starts every model at the zero vector, which for an MLP is a saddle point
/// (all hidden units identical, no gradient reaches <c>W1</c>). The network weights are therefore
/// <c>theta = theta0 + parameters</c> with a fixed base point <c>theta0</c> given at construction (e.g.
/// <see cref="GlorotBasePoint"/>); gradients with respect to <c>parameters</c> and <c>theta</c> are equal. With no base
/// point <c>theta0 = 0</c> and the parameters are the weights themselves (our choice).</para>
/// <para>Deterministic: no randomness inside; libtorch runs single-threaded on each calling thread (callers may run
/// models in parallel). Every tensor of a call is disposed before it returns.</para>
/// </remarks>
public sealed class MlpModel : IFederatedModel, IProbabilisticClassifier
{
    /// <summary>Largest allowed hidden width (our choice).</summary>
    public const int MaxHiddenUnits = 4096;

    [ThreadStatic] private static bool threadsPinned;

    private readonly double[] basePoint;

    /// <summary>Creates the model.</summary>
    /// <param name="dimension">Feature dimension d (&gt;= 1).</param>
    /// <param name="classes">Classes C (2..1024).</param>
    /// <param name="hiddenUnits">Hidden width H (1..<see cref="MaxHiddenUnits"/>).</param>
    /// <param name="activation">Hidden nonlinearity.</param>
    /// <param name="basePoint">Base point <c>theta0</c> (length <see cref="ParameterCount"/>, finite; copied), or null for zero.</param>
    /// <exception cref="InvalidOperationException">TorchSharp's native library cannot load.</exception>
    public MlpModel(int dimension, int classes, int hiddenUnits, MlpActivation activation = MlpActivation.Tanh, double[]? basePoint = null)
    {
        if (dimension < 1) throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "dimension must be >= 1");
        if (classes < 2 || classes > 1024) throw new ArgumentOutOfRangeException(nameof(classes), classes, "classes must be in [2, 1024]");
        if (hiddenUnits < 1 || hiddenUnits > MaxHiddenUnits)
            throw new ArgumentOutOfRangeException(nameof(hiddenUnits), hiddenUnits, $"hiddenUnits must be in [1, {MaxHiddenUnits}]");
        if (!Enum.IsDefined(activation)) throw new ArgumentOutOfRangeException(nameof(activation), activation, "activation must be Tanh or Relu");
        Dimension = dimension; Classes = classes; HiddenUnits = hiddenUnits; Activation = activation;
        int p = Count(dimension, classes, hiddenUnits);
        this.basePoint = ClassifierArguments.BasePoint(basePoint, p);
        TorchRuntime.EnsureLoaded();
    }

    /// <summary>Feature dimension d.</summary>
    public int Dimension { get; }

    /// <summary>Number of classes C.</summary>
    public int Classes { get; }

    /// <summary>Hidden width H.</summary>
    public int HiddenUnits { get; }

    /// <summary>Hidden nonlinearity.</summary>
    public MlpActivation Activation { get; }

    /// <summary>The base point <c>theta0</c> added to the parameters.</summary>
    public ReadOnlySpan<double> BasePoint => basePoint;

    /// <inheritdoc />
    public int ParameterCount => basePoint.Length;

    private static int Count(int d, int c, int h) => h * (d + 1) + c * (h + 1);

    /// <summary>
    /// A seeded Glorot-uniform base point: <c>W1 ~ U(-a1, a1)</c>, <c>a1 = sqrt(6 / (d + H))</c>;
    /// <c>W2 ~ U(-a2, a2)</c>, <c>a2 = sqrt(6 / (H + C))</c>; biases 0 (Glorot and Bengio, AISTATS 2010, eq. (16)).
    /// </summary>
    /// <param name="dimension">Feature dimension d (&gt;= 1).</param>
    /// <param name="classes">Classes C (&gt;= 2).</param>
    /// <param name="hiddenUnits">Hidden width H (1..<see cref="MaxHiddenUnits"/>).</param>
    /// <param name="seed">Seed of the draw (same seed, same vector).</param>
    public static double[] GlorotBasePoint(int dimension, int classes, int hiddenUnits, ulong seed)
    {
        if (dimension < 1) throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "dimension must be >= 1");
        if (classes < 2 || classes > 1024) throw new ArgumentOutOfRangeException(nameof(classes), classes, "classes must be in [2, 1024]");
        if (hiddenUnits < 1 || hiddenUnits > MaxHiddenUnits)
            throw new ArgumentOutOfRangeException(nameof(hiddenUnits), hiddenUnits, $"hiddenUnits must be in [1, {MaxHiddenUnits}]");
        int d = dimension, h = hiddenUnits, c = classes;
        var theta = new double[Count(d, c, h)];
        var rng = new Xoshiro256StarStar(seed);
        double a1 = Math.Sqrt(6.0 / (d + h)), a2 = Math.Sqrt(6.0 / (h + c));
        for (int j = 0; j < h * d; j++) theta[j] = a1 * (2 * rng.NextDouble() - 1);
        int w2 = h * (d + 1);
        for (int j = 0; j < c * h; j++) theta[w2 + j] = a2 * (2 * rng.NextDouble() - 1);
        return theta;
    }

    private void CheckArgs(ReadOnlySpan<double> p, LabeledDataset data, Span<double> g) =>
        ClassifierArguments.Check(p, data, g, ParameterCount, Dimension, Classes);

    /// <inheritdoc />
    public double LossAndGradient(ReadOnlySpan<double> parameters, LabeledDataset data, ReadOnlySpan<int> indices, Span<double> gradient)
    {
        CheckArgs(parameters, data, gradient);
        if (indices.IsEmpty) throw new ArgumentException("indices must not be empty", nameof(indices));
        int d = Dimension, n = indices.Length;
        var x = new double[n * d];
        var y = new long[n];
        for (int k = 0; k < n; k++)
        {
            int i = indices[k];
            if ((uint)i >= (uint)data.Count) throw new ArgumentOutOfRangeException(nameof(indices), i, $"indices must be in [0, {data.Count - 1}]");
            data.Row(i).CopyTo(x.AsSpan(k * d, d));
            y[k] = data.Labels[i];
        }
        return Evaluate(parameters, x, y, gradient);
    }

    /// <inheritdoc />
    public double FullLossAndGradient(ReadOnlySpan<double> parameters, LabeledDataset data, Span<double> gradient)
    {
        CheckArgs(parameters, data, gradient);
        if (data.Count == 0) throw new ArgumentException("data must not be empty", nameof(data));
        var y = new long[data.Count];
        for (int i = 0; i < y.Length; i++) y[i] = data.Labels[i];
        return Evaluate(parameters, data.Features, y, gradient);
    }

    /// <inheritdoc />
    public double Accuracy(ReadOnlySpan<double> parameters, LabeledDataset data)
    {
        CheckArgs(parameters, data, Span<double>.Empty);
        if (data.Count == 0) throw new ArgumentException("data must not be empty", nameof(data));
        var y = new long[data.Count];
        for (int i = 0; i < y.Length; i++) y[i] = data.Labels[i];
        PinThreads();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var theta = Theta(parameters, requiresGrad: false);
        var logits = Forward(theta, tensor(data.Features, [data.Count, Dimension], ScalarType.Float64));
        long correct = logits.argmax(1).eq(tensor(y, [data.Count], ScalarType.Int64)).sum().item<long>();
        return (double)correct / data.Count;
    }

    /// <inheritdoc />
    public void Probabilities(ReadOnlySpan<double> parameters, LabeledDataset data, ReadOnlySpan<int> indices, Span<double> probabilities)
    {
        CheckArgs(parameters, data, Span<double>.Empty);
        if (probabilities.Length != indices.Length * Classes) throw new ArgumentException($"probabilities must have length indices.Length x C = {indices.Length * Classes}", nameof(probabilities));
        if (indices.IsEmpty) return;
        int d = Dimension, n = indices.Length;
        var x = new double[n * d];
        for (int k = 0; k < n; k++)
        {
            int i = indices[k];
            if ((uint)i >= (uint)data.Count) throw new ArgumentOutOfRangeException(nameof(indices), i, $"indices must be in [0, {data.Count - 1}]");
            data.Row(i).CopyTo(x.AsSpan(k * d, d));
        }
        PinThreads();
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var theta = Theta(parameters, requiresGrad: false);
        var p = nn.functional.softmax(Forward(theta, tensor(x, [n, d], ScalarType.Float64)), 1);
        var acc = p.contiguous().data<double>();
        for (int j = 0; j < probabilities.Length; j++) probabilities[j] = acc[j];
    }

    private static void PinThreads()
    {
        if (threadsPinned) return;
        torch.set_num_threads(1);
        threadsPinned = true;
    }

    private Tensor Theta(ReadOnlySpan<double> parameters, bool requiresGrad)
    {
        var theta = new double[ParameterCount];
        for (int j = 0; j < theta.Length; j++) theta[j] = basePoint[j] + parameters[j];
        return tensor(theta, [theta.Length], ScalarType.Float64, requires_grad: requiresGrad);
    }

    // logits z = W2 act(W1 x + b1) + b2 for the rows of x (n x d)
    private Tensor Forward(Tensor theta, Tensor x)
    {
        int d = Dimension, h = HiddenUnits, c = Classes;
        long o = 0;
        var w1 = theta.narrow(0, o, h * d).view(h, d); o += h * d;
        var b1 = theta.narrow(0, o, h); o += h;
        var w2 = theta.narrow(0, o, c * h).view(c, h); o += c * h;
        var b2 = theta.narrow(0, o, c);
        var u = nn.functional.linear(x, w1, b1);
        var a = Activation == MlpActivation.Tanh ? u.tanh() : u.relu();
        return nn.functional.linear(a, w2, b2);
    }

    private double Evaluate(ReadOnlySpan<double> parameters, double[] x, long[] y, Span<double> gradient)
    {
        bool wantGrad = !gradient.IsEmpty;
        int n = y.Length;
        PinThreads();
        using var scope = NewDisposeScope();
        using var mode = set_grad_enabled(wantGrad);
        var theta = Theta(parameters, wantGrad);
        var logits = Forward(theta, tensor(x, [n, Dimension], ScalarType.Float64));
        var loss = nn.functional.cross_entropy(logits, tensor(y, [n], ScalarType.Int64));   // mean reduction
        double value = loss.item<double>();
        if (wantGrad)
        {
            loss.backward();
            var g = theta.grad ?? throw new InvalidOperationException("TorchSharp autograd returned no gradient");
            var acc = g.data<double>();
            for (int j = 0; j < gradient.Length; j++) gradient[j] = acc[j];
        }
        return value;
    }
}

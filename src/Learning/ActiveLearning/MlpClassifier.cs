using PhyToolkit.Core.Random;
using PhyToolkit.Learning.Optimizers;
using PhyToolkit.Learning.Torch;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PhyToolkit.Learning.ActiveLearning;

/// <summary>
/// The classifier of the open-set active-learning loop: a float64 TorchSharp MLP d→H→H→C with ReLU (z = W₃ relu(W₂ relu(W₁x + b₁)
/// + b₂) + b₃, p = softmax(z)), trained on the mean cross-entropy −log p_y with <see cref="Sgd"/> (momentum, weight decay) or
/// with <see cref="Sam"/> around that same SGD. It stands in for the ResNet-18 of SAMOSA (arXiv 2510.16757), following the
/// reproduction plan.
/// </summary>
/// <remarks>
/// <para>Initialisation: every weight and bias ~ U(−1/√fan_in, 1/√fan_in) (PyTorch's default bounds for linear layers),
/// drawn from a managed Xoshiro256** stream of the given seed, so equal seeds give bit-identical networks.</para>
/// <para>Runs on the calling thread with one libtorch intra-op thread; every temporary tensor is disposed before a call returns.</para>
/// </remarks>
public sealed class MlpClassifier : IDisposable
{
    private readonly Sequential _net;
    private readonly Linear[] _layers;

    /// <summary>Creates and initialises the network.</summary>
    /// <param name="dimension">Input dimension d (≥ 1).</param>
    /// <param name="classes">Outputs C (≥ 2).</param>
    /// <param name="hiddenUnits">Hidden width H (1..4096).</param>
    /// <param name="seed">Seed of the initial weights.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is out of range.</exception>
    public MlpClassifier(int dimension, int classes, int hiddenUnits, ulong seed)
    {
        if (dimension < 1) throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "dimension must be >= 1");
        if (classes < 2) throw new ArgumentOutOfRangeException(nameof(classes), classes, "classes must be >= 2");
        if (hiddenUnits < 1 || hiddenUnits > 4096) throw new ArgumentOutOfRangeException(nameof(hiddenUnits), hiddenUnits, "hiddenUnits must be in [1, 4096]");
        TorchRuntime.EnsureLoaded(1);
        Dimension = dimension; Classes = classes;
        _layers = [nn.Linear(dimension, hiddenUnits, dtype: ScalarType.Float64), nn.Linear(hiddenUnits, hiddenUnits, dtype: ScalarType.Float64), nn.Linear(hiddenUnits, classes, dtype: ScalarType.Float64)];
        _net = nn.Sequential(("fc1", _layers[0]), ("relu1", nn.ReLU()), ("fc2", _layers[1]), ("relu2", nn.ReLU()), ("fc3", _layers[2]));
        var rng = new Xoshiro256StarStar(SeedMixer.Mix(seed, 0x1417UL));
        using var noGrad = torch.no_grad();
        foreach (var layer in _layers)
        {
            long fanIn = layer.weight!.shape[1];
            double bound = 1 / Math.Sqrt(fanIn);
            Fill(layer.weight!, bound, ref rng);
            Fill(layer.bias!, bound, ref rng);
        }
    }

    private static void Fill(Tensor p, double bound, ref Xoshiro256StarStar rng)
    {
        var v = new double[p.numel()];
        for (int i = 0; i < v.Length; i++) v[i] = bound * (2 * rng.NextDouble() - 1);
        using var t = torch.tensor(v, p.shape, ScalarType.Float64);
        p.copy_(t);
    }

    /// <summary>Input dimension d.</summary>
    public int Dimension { get; }

    /// <summary>Number of outputs C.</summary>
    public int Classes { get; }

    /// <summary>The network's parameters (for optimisers and tests).</summary>
    public IEnumerable<Parameter> Parameters => _net.parameters();

    /// <summary>Logits z for the rows of <paramref name="features"/> (n × d row-major), as an n × C tensor (caller disposes).</summary>
    public Tensor Forward(Tensor features) => _net.forward(features);

    /// <summary>
    /// Trains on the samples <paramref name="indices"/> of <paramref name="features"/> with labels <paramref name="labels"/>
    /// (indexed like the features) for <see cref="ClassifierTrainingOptions.Epochs"/> epochs of shuffled minibatches.
    /// </summary>
    /// <param name="features">All candidate features, N × d row-major.</param>
    /// <param name="labels">Training label of every index in <paramref name="indices"/> (length = indices.Length, in 0..C−1).</param>
    /// <param name="indices">Rows of <paramref name="features"/> to train on (non-empty).</param>
    /// <param name="options">The schedule.</param>
    /// <param name="rho">SAM radius ρ ≥ 0 to train with SAM (Foret et al., arXiv 2010.01412), or null for plain SGD.</param>
    /// <param name="shuffleSeed">Seed of the minibatch order.</param>
    /// <returns>The number of per-sample forward/backward passes spent (SGD: epochs × n; SAM: twice that), counted at each loss evaluation.</returns>
    /// <exception cref="ArgumentException">Sizes disagree or a label is out of range.</exception>
    public long Train(double[] features, int[] labels, int[] indices, ClassifierTrainingOptions options, double? rho, ulong shuffleSeed)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(indices);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (indices.Length == 0) throw new ArgumentException("indices must not be empty", nameof(indices));
        if (labels.Length != indices.Length) throw new ArgumentException($"labels ({labels.Length}) and indices ({indices.Length}) must have equal lengths", nameof(labels));
        if (features.Length % Dimension != 0) throw new ArgumentException($"features length {features.Length} is not a multiple of d = {Dimension}", nameof(features));
        int rows = features.Length / Dimension, n = indices.Length, d = Dimension;
        var x = new double[n * d];
        var y = new long[n];
        for (int k = 0; k < n; k++)
        {
            int i = indices[k];
            if ((uint)i >= (uint)rows) throw new ArgumentException($"index {i} is outside [0, {rows - 1}]", nameof(indices));
            if ((uint)labels[k] >= (uint)Classes) throw new ArgumentException($"label {labels[k]} is outside [0, {Classes - 1}]", nameof(labels));
            features.AsSpan(i * d, d).CopyTo(x.AsSpan(k * d, d));
            y[k] = labels[k];
        }
        using var outer = torch.NewDisposeScope();
        var xt = torch.tensor(x, [n, d], ScalarType.Float64);
        var yt = torch.tensor(y, [n], ScalarType.Int64);
        var parameters = _net.parameters().ToList();
        using var sgd = new Sgd(parameters, options.LearningRate, options.Momentum, options.WeightDecay);
        using var sam = rho is { } r ? new Sam(sgd, r) : null;
        var rng = new Xoshiro256StarStar(shuffleSeed);
        long passes = 0;
        int b = Math.Min(options.BatchSize, n);
        var batch = new long[b];
        _net.train();
        for (int epoch = 0; epoch < options.Epochs; epoch++)
        {
            var perm = OpenSetPool.Permutation(n, ref rng);
            for (int start = 0; start < n; start += b)
            {
                int m = Math.Min(b, n - start);
                using var scope = torch.NewDisposeScope();
                var idxArr = m == b ? batch : new long[m];
                for (int k = 0; k < m; k++) idxArr[k] = perm[start + k];
                var idx = torch.tensor(idxArr, [m], ScalarType.Int64);
                var xb = xt.index_select(0, idx);
                var yb = yt.index_select(0, idx);
                Tensor Closure()
                {
                    var loss = nn.functional.cross_entropy(_net.forward(xb), yb);
                    loss.backward();
                    passes += m;
                    return loss;
                }
                if (sam is not null) sam.step(Closure);
                else
                {
                    sgd.zero_grad();
                    Closure();
                    sgd.step();
                }
            }
        }
        _net.eval();
        return passes;
    }

    /// <summary>Softmax probabilities p = softmax(z) of every row of <paramref name="features"/>, n × C row-major.</summary>
    public double[] Probabilities(double[] features) => Evaluate(features, softmax: true);

    /// <summary>Logits z of every row of <paramref name="features"/>, n × C row-major.</summary>
    public double[] Logits(double[] features) => Evaluate(features, softmax: false);

    /// <summary>Share of rows whose arg-max output equals the label.</summary>
    /// <exception cref="ArgumentException">Sizes disagree or the set is empty.</exception>
    public double Accuracy(double[] features, int[] labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var z = Logits(features);
        if (labels.Length == 0 || z.Length != labels.Length * Classes) throw new ArgumentException("labels must match the non-empty feature rows", nameof(labels));
        int correct = 0;
        for (int i = 0; i < labels.Length; i++)
            if (ArgMax(z.AsSpan(i * Classes, Classes)) == labels[i]) correct++;
        return (double)correct / labels.Length;
    }

    /// <summary>Index of the largest entry (the first on ties).</summary>
    public static int ArgMax(ReadOnlySpan<double> v)
    {
        int best = 0;
        for (int i = 1; i < v.Length; i++) if (v[i] > v[best]) best = i;
        return best;
    }

    private double[] Evaluate(double[] features, bool softmax)
    {
        ArgumentNullException.ThrowIfNull(features);
        if (features.Length % Dimension != 0) throw new ArgumentException($"features length {features.Length} is not a multiple of d = {Dimension}", nameof(features));
        int n = features.Length / Dimension;
        if (n == 0) return [];
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var z = _net.forward(torch.tensor(features, [n, Dimension], ScalarType.Float64));
        if (softmax) z = z.softmax(1);
        return z.contiguous().data<double>().ToArray();
    }

    /// <inheritdoc/>
    public void Dispose() => _net.Dispose();
}

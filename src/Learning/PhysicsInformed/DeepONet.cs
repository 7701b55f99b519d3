using PhyToolkit.Core.Random;
using PhyToolkit.Learning.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace PhyToolkit.Learning.PhysicsInformed;

/// <summary>
/// Deep operator network (Lu, Jin, Pang, Zhang, Karniadakis, Nature Machine Intelligence 3, 2021) in float64 TorchSharp,
/// held as one flat parameter vector θ so that samplers and optimisers act on θ directly:
/// G_θ(u)(x,t) = Σ_{k=1}^{p} b_k(u(x_1..x_m)) τ_k(γ(x,t)) + b_0, with tanh hidden layers and linear last layers, and the
/// Fourier-feature trunk input γ of the Morephy-Net reproduction plan (docs/morephy.md).
/// </summary>
/// <remarks>
/// <para>Layout of θ: branch layers (W row-major out×in, then b) in order, trunk layers likewise, then b_0.</para>
/// <para>The Fourier matrix B is fixed at construction from the seed (not trained). Derivatives with respect to the
/// coordinates (for PDE residuals) and to θ come from TorchSharp autograd; see <see cref="BurgersResidual"/>.</para>
/// </remarks>
public sealed class DeepONet
{
    private readonly (int In, int Out)[] _branch;
    private readonly (int In, int Out)[] _trunk;
    private readonly double[] _fourier;

    /// <summary>Creates the network shape and draws the Fourier matrix from <paramref name="seed"/>.</summary>
    public DeepONet(DeepONetOptions options, ulong seed)
    {
        Options = (options ?? throw new ArgumentNullException(nameof(options))).Validate();
        int w = options.HiddenWidth, p = options.Latent, q = options.FourierFeatures;
        _branch = Layers(options.Sensors, w, options.HiddenLayers, p);
        _trunk = Layers(2 + 2 * q, w, options.HiddenLayers, p);
        ParameterCount = _branch.Concat(_trunk).Sum(l => l.Out * (l.In + 1)) + 1;
        var rng = new Xoshiro256StarStar(SeedMixer.Mix(seed, 0xF0F0));
        _fourier = new double[2 * q];
        for (int i = 0; i < _fourier.Length; i++) _fourier[i] = options.FourierScale * rng.NextGaussian();
        TorchRuntime.EnsureLoaded();
    }

    private static (int, int)[] Layers(int input, int width, int hidden, int output)
    {
        var l = new List<(int, int)> { (input, width) };
        for (int i = 1; i < hidden; i++) l.Add((width, width));
        l.Add((width, output));
        return l.ToArray();
    }

    /// <summary>The validated shape.</summary>
    public DeepONetOptions Options { get; }

    /// <summary>Length of θ.</summary>
    public int ParameterCount { get; }

    /// <summary>
    /// The layers of θ as (offset, length) blocks in layout order (each layer's W and b together; b_0 last, alone): the
    /// units of per-layer crossover and mutation in <see cref="MorephyTrainer"/>.
    /// </summary>
    public IReadOnlyList<(int Offset, int Length)> ParameterBlocks
    {
        get
        {
            var blocks = new List<(int, int)>();
            int o = 0;
            foreach (var (i, n) in _branch.Concat(_trunk)) { blocks.Add((o, n * (i + 1))); o += n * (i + 1); }
            blocks.Add((o, 1));
            return blocks;
        }
    }

    /// <summary>
    /// G_θ(u)(x,t) without gradients, in managed arrays: <paramref name="sensors"/> F×m row-major, <paramref name="coords"/>
    /// F×Q×2 ((x, t) pairs) → F×Q row-major.
    /// </summary>
    /// <exception cref="ArgumentException">θ has the wrong length, or the array lengths do not match m and each other.</exception>
    public double[] Predict(ReadOnlySpan<double> theta, ReadOnlySpan<double> sensors, ReadOnlySpan<double> coords)
    {
        Guard.Length(theta.Length, ParameterCount, nameof(theta));
        int m = Options.Sensors;
        if (sensors.Length == 0 || sensors.Length % m != 0)
            throw new ArgumentException($"sensors has {sensors.Length} values; allowed: a positive multiple of the network's {m} sensors.", nameof(sensors));
        int f = sensors.Length / m;
        if (coords.Length == 0 || coords.Length % (2 * f) != 0)
            throw new ArgumentException($"coords has {coords.Length} values; allowed: F×Q×2 with F = {f} functions.", nameof(coords));
        int q = coords.Length / (2 * f);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var th = tensor(theta.ToArray(), ScalarType.Float64);
        var s = tensor(sensors.ToArray(), new long[] { f, m }, ScalarType.Float64);
        var c = tensor(coords.ToArray(), new long[] { f, q, 2 }, ScalarType.Float64);
        return Forward(th, s, c).data<double>().ToArray();
    }

    /// <summary>Glorot-uniform weights, zero biases (Glorot and Bengio 2010), drawn from <paramref name="seed"/>.</summary>
    public double[] InitialParameters(ulong seed)
    {
        var rng = new Xoshiro256StarStar(seed);
        var theta = new double[ParameterCount];
        int o = 0;
        foreach (var (i, n) in _branch.Concat(_trunk))
        {
            double a = Math.Sqrt(6.0 / (i + n));
            for (int k = 0; k < i * n; k++) theta[o + k] = rng.NextDouble(-a, a);
            o += n * (i + 1);
        }
        return theta;
    }

    /// <summary>
    /// G_θ(u)(x,t) for F functions and Q coordinates each: <paramref name="sensors"/> [F, m], <paramref name="coords"/>
    /// [F, Q, 2] (last axis (x, t)) → [F, Q]. All tensors float64; gradients flow to θ and to the coordinates.
    /// </summary>
    public Tensor Forward(Tensor theta, Tensor sensors, Tensor coords)
    {
        int o = 0;
        var b = Mlp(theta, sensors, _branch, ref o);                       // [F, p]
        var gamma = Features(coords);                                      // [F, Q, 2 + 2q]
        var tau = Mlp(theta, gamma, _trunk, ref o);                        // [F, Q, p]
        var b0 = theta.narrow(0, o, 1);
        using Scalar one = 1;                                              // held: a GC must not free it during the native call
        return (tau * b.unsqueeze(1)).sum(-1).add(b0, one);
    }

    private Tensor Features(Tensor coords)
    {
        int q = Options.FourierFeatures;
        if (q == 0) return coords;
        using var bm = tensor(_fourier, new long[] { q, 2 }, ScalarType.Float64);
        using Scalar twoPi = 2 * Math.PI;
        var z = matmul(coords, bm.t()).mul(twoPi);                         // [F, Q, q]
        return cat(new[] { coords, cos(z), sin(z) }, -1);
    }

    private static Tensor Mlp(Tensor theta, Tensor x, (int In, int Out)[] layers, ref int o)
    {
        using Scalar one = 1;
        var h = x;
        for (int l = 0; l < layers.Length; l++)
        {
            var (i, n) = layers[l];
            var wgt = theta.narrow(0, o, i * n).view(n, i);
            var bias = theta.narrow(0, o + i * n, n);
            o += n * (i + 1);
            h = matmul(h, wgt.t()).add(bias, one);
            if (l < layers.Length - 1) h = tanh(h);
        }
        return h;
    }
}

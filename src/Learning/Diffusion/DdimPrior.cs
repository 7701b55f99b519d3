using PhyToolkit.Channels.Imaging;
using static TorchSharp.torch;

namespace PhyToolkit.Learning.Diffusion;

/// <summary>
/// A trained ε-prediction network turned into the N-step deterministic DDIM sampler
/// <c>G = g_1 ∘ … ∘ g_N</c> (docs/inverse-imaging.md): <c>g_i(x) = DdimStep(x, ε_θ(x, t_i), ᾱ_{t_i},
/// ᾱ_{t_i − ⌊T/N⌋})</c>. The network is frozen: eval mode and no gradients for its parameters (solvers differentiate
/// with respect to the latents only, so several threads can share one prior).
/// </summary>
public sealed class DdimPrior : IDiffusionPrior
{
    private readonly DenoiserNetwork _network;

    /// <summary>Wraps a network.</summary>
    /// <param name="network">ε_θ(x [B, n], t [B]) → [B, n].</param>
    /// <param name="shape">Image shape (n = shape.Length).</param>
    /// <param name="grid">Time grid (default: DMILO grid with N = 3).</param>
    public DdimPrior(DenoiserNetwork network, ImageShape shape, DdimTimeGrid? grid = null)
    {
        _network = network ?? throw new ArgumentNullException(nameof(network));
        _network.eval();
        foreach (var p in _network.parameters()) p.requires_grad = false;
        Shape = shape.Validated(nameof(shape));
        if (network.Pixels != shape.Length)
            throw new ArgumentException($"The network takes {network.Pixels} pixels; the shape {shape} has {shape.Length}.", nameof(network));
        Grid = grid ?? DdimTimeGrid.Dmilo(3);
    }

    /// <inheritdoc />
    public ImageShape Shape { get; }

    /// <summary>The time grid.</summary>
    public DdimTimeGrid Grid { get; }

    /// <inheritdoc />
    public int Steps => Grid.Steps;

    /// <summary>Network calls made so far (forward passes of single steps; a solver's budget counter).</summary>
    public long NetworkCalls => Interlocked.Read(ref _calls);

    private long _calls;

    /// <inheritdoc />
    public Tensor Step(int i, Tensor x)
    {
        int t = Grid.Timestep(i);
        using var scope = NewDisposeScope();
        using TorchSharp.Scalar time = (float)t;   // held: an unheld Scalar can be finalised during the native call
        var tt = full(new long[] { x.shape[0] }, time, dtype: ScalarType.Float32);
        var eps = _network.forward(x, tt);
        Interlocked.Increment(ref _calls);
        return DdimStep.Apply(x, eps, Grid.AlphaBar(i), Grid.AlphaBarPrevious(i)).MoveToOuterDisposeScope();
    }

    /// <summary><c>G(z)</c> without gradients: all N steps from noise z [B, n].</summary>
    public Tensor Sample(Tensor z)
    {
        using var noGrad = no_grad();
        var x = z.alias();
        for (int i = Steps; i >= 1; i--)
        {
            var next = Step(i, x);
            x.Dispose();
            x = next;
        }
        return x;
    }
}

using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PhyToolkit.Learning.Diffusion;

/// <summary>
/// The "TinyMLP" ε-prediction network (docs/inverse-imaging.md, [proposal]): the flattened image → Linear to
/// width W; <see cref="Blocks"/> residual blocks <c>h ← h + L₂(SiLU(L₁(SiLU(LN(h))) + P·e_t))</c>; LN, SiLU, Linear
/// back to n. Time embedding: sinusoidal (64) → Linear 128 → SiLU → Linear 128. The spec's default is 4 blocks of
/// width 512; it is much cheaper per call than a U-Net and a weaker spatial prior.
/// </summary>
public sealed class TinyMlp : DenoiserNetwork
{
    private const int EmbeddingDimension = 64, TimeWidth = 128;
    private readonly Linear inProj, time1, time2, outProj;
    private readonly LayerNorm outNorm;
    private readonly ModuleList<MlpBlock> blocks;

    /// <summary>Builds the network with torch's default initialization (seed it with <c>torch.manual_seed</c> first).</summary>
    /// <param name="pixels">n, flattened image length.</param>
    /// <param name="width">W ≥ 8.</param>
    /// <param name="blockCount">Residual blocks ≥ 1.</param>
    public TinyMlp(int pixels, int width = 512, int blockCount = 4) : base(nameof(TinyMlp))
    {
        Pixels = Guard.AtLeast(pixels, 1, nameof(pixels));
        Width = Guard.AtLeast(width, 8, nameof(width));
        Blocks = Guard.AtLeast(blockCount, 1, nameof(blockCount));
        inProj = nn.Linear(pixels, width);
        time1 = nn.Linear(EmbeddingDimension, TimeWidth);
        time2 = nn.Linear(TimeWidth, TimeWidth);
        var list = new MlpBlock[blockCount];
        for (int b = 0; b < blockCount; b++) list[b] = new MlpBlock(width, TimeWidth);
        blocks = nn.ModuleList(list);
        outNorm = nn.LayerNorm(width);
        outProj = nn.Linear(width, pixels);
        RegisterComponents();
    }

    /// <summary>n.</summary>
    public override int Pixels { get; }

    /// <inheritdoc />
    public override PriorArchitecture Architecture => PriorArchitecture.TinyMlp;

    /// <summary>W.</summary>
    public int Width { get; }

    /// <summary>Residual blocks.</summary>
    public int Blocks { get; }

    /// <summary>ε̂ = ε_θ(x, t): x [B, n], t [B] (time step as a number) → [B, n].</summary>
    public override Tensor forward(Tensor x, Tensor t)
    {
        using var scope = NewDisposeScope();
        var e = time2.forward(nn.functional.silu(time1.forward(SinusoidalEmbedding.Embed(t, EmbeddingDimension))));
        var h = inProj.forward(x);
        foreach (var block in blocks) h = block.forward(h, e);
        return outProj.forward(nn.functional.silu(outNorm.forward(h))).MoveToOuterDisposeScope();
    }

    private sealed class MlpBlock : nn.Module<Tensor, Tensor, Tensor>
    {
        private readonly LayerNorm norm;
        private readonly Linear lin1, lin2, timeProj;

        public MlpBlock(int width, int timeWidth) : base(nameof(MlpBlock))
        {
            norm = nn.LayerNorm(width);
            lin1 = nn.Linear(width, width);
            timeProj = nn.Linear(timeWidth, width);
            lin2 = nn.Linear(width, width);
            RegisterComponents();
        }

        public override Tensor forward(Tensor h, Tensor e)
        {
            using Scalar one = 1;   // explicit alpha, held: `a + b` passes an unheld Scalar (see ScalarLifetimeTests)
            var r = lin1.forward(nn.functional.silu(norm.forward(h))).add(timeProj.forward(nn.functional.silu(e)), one);
            return h.add(lin2.forward(nn.functional.silu(r)), one);
        }
    }
}

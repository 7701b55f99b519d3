using PhyToolkit.Channels.Imaging;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PhyToolkit.Learning.Diffusion;

/// <summary>
/// The "TinyUNet" ε-prediction network (docs/inverse-imaging.md, [proposal]; the DDPM U-Net of Ho et al. 2020 cut down
/// to two levels and no attention). On the image 1×H×W: conv3×3 → 32 channels; at H×W two residual blocks (32); a
/// stride-2 conv3×3 down to 64 channels; at H/2×W/2 two residual blocks (64); a middle residual block (64); nearest
/// up-sampling ×2 and conv3×3 → 32, concatenated with the H×W skip (64 channels); two residual blocks back to 32;
/// GroupNorm(8), SiLU, conv3×3 → 1 channel. A residual block is
/// <c>h ← skip(h) + conv(SiLU(GN(conv(SiLU(GN(h))) + P·SiLU(e_t))))</c> with a 1×1 conv as skip when the channel count
/// changes. Time embedding: sinusoidal (64) → Linear 128 → SiLU → Linear 128 (as <see cref="TinyMlp"/>). It takes and
/// returns flattened images [B, H·W], like <see cref="TinyMlp"/>. H and W must be even. 411,937 parameters (any H, W; counted in the tests).
/// </summary>
public sealed class TinyUNet : DenoiserNetwork
{
    private const int EmbeddingDimension = 64, TimeWidth = 128, Channels = 32, InnerChannels = 64, Groups = 8;
    private readonly Linear time1, time2;
    private readonly Conv2d convIn, down, upConv, convOut;
    private readonly ResBlock high1, high2, low1, low2, middle, up1, up2;
    private readonly GroupNorm outNorm;

    /// <summary>Builds the network with torch's default initialization (seed it with <c>torch.manual_seed</c> first).</summary>
    /// <param name="shape">Image shape; both sides even and ≥ 2.</param>
    public TinyUNet(ImageShape shape) : base(nameof(TinyUNet))
    {
        shape.Validated(nameof(shape));
        if (shape.Height % 2 != 0 || shape.Width % 2 != 0 || shape.Height < 2 || shape.Width < 2)
            throw new ArgumentOutOfRangeException(nameof(shape), shape, $"shape = {shape}; allowed for TinyUNet: even height and width ≥ 2 (one stride-2 down-sampling and a ×2 up-sampling).");
        Shape = shape;
        time1 = nn.Linear(EmbeddingDimension, TimeWidth);
        time2 = nn.Linear(TimeWidth, TimeWidth);
        convIn = nn.Conv2d(1, Channels, 3, padding: 1);
        high1 = new ResBlock(Channels, Channels);
        high2 = new ResBlock(Channels, Channels);
        down = nn.Conv2d(Channels, InnerChannels, 3, stride: 2, padding: 1);
        low1 = new ResBlock(InnerChannels, InnerChannels);
        low2 = new ResBlock(InnerChannels, InnerChannels);
        middle = new ResBlock(InnerChannels, InnerChannels);
        upConv = nn.Conv2d(InnerChannels, Channels, 3, padding: 1);
        up1 = new ResBlock(2 * Channels, Channels);
        up2 = new ResBlock(Channels, Channels);
        outNorm = Norm(Channels);
        convOut = nn.Conv2d(Channels, 1, 3, padding: 1);
        RegisterComponents();
    }

    /// <summary>Image shape.</summary>
    public ImageShape Shape { get; }

    /// <inheritdoc />
    public override int Pixels => Shape.Length;

    /// <inheritdoc />
    public override PriorArchitecture Architecture => PriorArchitecture.TinyUNet;

    /// <summary>ε̂ = ε_θ(x, t): x [B, H·W], t [B] (time step as a number) → [B, H·W].</summary>
    public override Tensor forward(Tensor x, Tensor t)
    {
        using var scope = NewDisposeScope();
        long b = x.shape[0];
        var e = nn.functional.silu(time2.forward(nn.functional.silu(time1.forward(SinusoidalEmbedding.Embed(t, EmbeddingDimension)))));
        var h = convIn.forward(x.reshape(b, 1, Shape.Height, Shape.Width));
        h = high2.forward(high1.forward(h, e), e);
        var skip = h;
        h = down.forward(h);
        h = middle.forward(low2.forward(low1.forward(h, e), e), e);
        h = upConv.forward(h.repeat_interleave(2, 2).repeat_interleave(2, 3));
        h = up2.forward(up1.forward(cat([h, skip], 1), e), e);
        h = convOut.forward(nn.functional.silu(outNorm.forward(h)));
        return h.reshape(b, Shape.Length).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// GroupNorm(8) with weight 1 and bias 0 set explicitly: TorchSharp 0.107's <c>nn.GroupNorm</c> leaves its affine
    /// parameters uninitialized (values such as 1e21 or 0 were observed), unlike torch's, which sets 1 and 0.
    /// </summary>
    private static GroupNorm Norm(int channels)
    {
        var norm = nn.GroupNorm(Groups, channels);
        using Scalar one = 1.0f; // held: an unheld Scalar temporary can be finalised during the native call (ScalarLifetimeTests)
        using (no_grad())
        {
            norm.weight!.fill_(one);
            norm.bias!.zero_();
        }
        return norm;
    }

    /// <summary>Residual block with the time embedding added between its two convolutions (e is SiLU(embedding) [B, 128]).</summary>
    private sealed class ResBlock : nn.Module<Tensor, Tensor, Tensor>
    {
        private readonly GroupNorm norm1, norm2;
        private readonly Conv2d conv1, conv2;
        private readonly Linear timeProj;
        private readonly Conv2d? skip;

        public ResBlock(int inChannels, int outChannels) : base(nameof(ResBlock))
        {
            norm1 = Norm(inChannels);
            conv1 = nn.Conv2d(inChannels, outChannels, 3, padding: 1);
            timeProj = nn.Linear(TimeWidth, outChannels);
            norm2 = Norm(outChannels);
            conv2 = nn.Conv2d(outChannels, outChannels, 3, padding: 1);
            if (inChannels != outChannels) skip = nn.Conv2d(inChannels, outChannels, 1);
            RegisterComponents();
        }

        public override Tensor forward(Tensor h, Tensor e)
        {
            using Scalar one = 1;   // explicit alpha, held (see ScalarLifetimeTests)
            var p = timeProj.forward(e);
            var r = conv1.forward(nn.functional.silu(norm1.forward(h))).add(p.reshape(p.shape[0], p.shape[1], 1, 1), one);
            r = conv2.forward(nn.functional.silu(norm2.forward(r)));
            return (skip is null ? h : skip.forward(h)).add(r, one);
        }
    }
}

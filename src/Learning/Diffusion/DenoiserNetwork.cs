using static TorchSharp.torch;

namespace PhyToolkit.Learning.Diffusion;

/// <summary>
/// An ε-prediction network ε_θ(x, t) as the trainer, the checkpoints and the DDIM sampler see it
/// (docs/inverse-imaging.md): x is a batch of flattened images [B, n] on [-1, 1], t the float time steps [B]; the
/// output has the shape of x. <see cref="TinyMlp"/> and <see cref="TinyUNet"/> derive from it, so the solvers do not
/// depend on the architecture.
/// </summary>
public abstract class DenoiserNetwork : nn.Module<Tensor, Tensor, Tensor>
{
    /// <summary>Names the module.</summary>
    protected DenoiserNetwork(string name) : base(name) { }

    /// <summary>n, the flattened image length the network takes.</summary>
    public abstract int Pixels { get; }

    /// <summary>The architecture.</summary>
    public abstract PriorArchitecture Architecture { get; }

    /// <summary>Number of trainable scalars.</summary>
    public long ParameterCount() => parameters().Sum(p => p.numel());

    /// <summary>
    /// Builds the recipe's network with torch's default initialization (seed it with <c>torch.manual_seed</c> first).
    /// </summary>
    public static DenoiserNetwork Create(DdpmTrainingRecipe recipe)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        return recipe.Architecture switch
        {
            PriorArchitecture.TinyMlp => new TinyMlp(recipe.Shape.Length, recipe.Width, recipe.Blocks),
            PriorArchitecture.TinyUNet => new TinyUNet(recipe.Shape),
            _ => throw new ArgumentOutOfRangeException(nameof(recipe), recipe.Architecture, "Architecture; allowed: TinyMlp, TinyUNet."),
        };
    }
}

/// <summary>The ε-network architectures of the diffusion prior (docs/inverse-imaging.md, [proposal]).</summary>
public enum PriorArchitecture
{
    /// <summary>Residual MLP on the flattened image (cheap per call, weak spatial prior).</summary>
    TinyMlp,

    /// <summary>Two-level convolutional U-Net without attention (≈0.4 M parameters).</summary>
    TinyUNet,
}

using TorchSharp;
using TorchSharp.Modules;
using PhyToolkit.Learning.Torch;
using static TorchSharp.torch;

namespace PhyToolkit.Scenarios.Optimizers;

/// <summary>
/// TorchSharp set-up shared by the learning scenarios: one intra-op thread, a seeded global generator, and explicit
/// generators for data and layer initialisation, so that results depend on the block seed only.
/// </summary>
internal static class TorchScenarioKit
{
    /// <summary>Loads libtorch, pins one thread and seeds the global generator; returns an explicit generator for the block.</summary>
    public static Generator Init(ulong seed)
    {
        TorchRuntime.EnsureLoaded(1);
        torch.set_num_threads(1);
        torch.manual_seed((long)(seed >> 1));
        return new Generator(seed);
    }

    /// <summary>PyTorch-default-like init from an explicit generator: weights and biases U(−1/√fan_in, 1/√fan_in).</summary>
    public static void Initialize(nn.Module module, Generator gen, ScalarType dtype = ScalarType.Float32)
    {
        using var noGrad = torch.no_grad();
        foreach (var (name, p) in module.named_parameters())
        {
            long fanIn = p.dim() >= 2 ? p.shape.Skip(1).Aggregate(1L, (a, b) => a * b) : 0;
            if (fanIn == 0)
            {
                // A bias: use the fan-in of its weight (the preceding parameter of the same layer).
                var w = module.named_parameters().First(q => q.name == name.Replace("bias", "weight", StringComparison.Ordinal)).parameter;
                fanIn = w.shape.Skip(1).Aggregate(1L, (a, b) => a * b);
            }
            double bound = 1 / Math.Sqrt(fanIn);
            using var r = torch.rand(p.shape, dtype: dtype, generator: gen);
            using Scalar width = 2 * bound, low = -bound, one = 1;   // explicit scalars and alpha (see Scaled)
            using var u = r.mul(width).add_(low, one);
            p.copy_(u);
        }
    }

    /// <summary>Splits a model's parameters into hidden matrices (for Muon/AdaGO) and the rest (AdamW).</summary>
    public static (List<Parameter> Hidden, List<Parameter> Other) Split(nn.Module model, Func<string, Parameter, bool> isHidden)
    {
        var hidden = new List<Parameter>(); var other = new List<Parameter>();
        foreach (var (name, p) in model.named_parameters()) (isHidden(name, p) ? hidden : other).Add(p);
        return (hidden, other);
    }

    /// <summary>
    /// a·t with the scalar held explicitly: an implicit double → Scalar temporary (as in <c>a * t</c>) can be finalised by the GC
    /// while the native call still reads it (observed as "Unknown scalar type" under GC pressure, TorchSharp 0.107).
    /// </summary>
    public static Tensor Scaled(Tensor t, double a)
    {
        using Scalar s = a;
        return t.mul(s);
    }

    /// <summary>Scalar value of a tensor as double.</summary>
    public static double Value(Tensor t) => t.to_type(ScalarType.Float64).item<double>();
}

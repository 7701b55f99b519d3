using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PhyToolkit.Learning.Tests.Optimizers;

/// <summary>Shared setup for TorchSharp tests: one thread, fixed seed, explicit generators.</summary>
internal static class TorchTest
{
    public static void Init(long seed = 1234)
    {
        torch.set_num_threads(1);
        torch.manual_seed(seed);
    }

    public static Generator Gen(long seed) => new Generator((ulong)seed);

    public static Parameter Param(Tensor t) => new Parameter(t.detach().clone(), requires_grad: true);

    /// <summary>Sets p.grad = c by back-propagating the linear loss sum(p ∘ c).</summary>
    public static void SetGrad(Parameter p, Tensor c)
    {
        using var scope = torch.NewDisposeScope();
        if (p.grad is not null) p.grad.zero_();
        (p * c).sum().backward();
    }

    public static double MaxAbs(Tensor t)
    {
        using var scope = torch.NewDisposeScope();
        return t.abs().max().to_type(ScalarType.Float64).item<double>();
    }

    public static double RelErr(Tensor a, Tensor b)
    {
        using var scope = torch.NewDisposeScope();
        double num = (a - b).to_type(ScalarType.Float64).norm().item<double>();
        double den = b.to_type(ScalarType.Float64).norm().item<double>();
        return num / Math.Max(den, 1e-300);
    }

    public static double[] ToArray(Tensor t) => t.to_type(ScalarType.Float64).data<double>().ToArray();
}

using System.Globalization;
using TorchSharp;
using static TorchSharp.torch;

namespace PhyToolkit.Learning.Optimizers;

/// <summary>Hyper-parameter validation and gradient checks shared by the optimisers.</summary>
internal static class OptimizerGuards
{
    private static string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    public static void NonNegative(double value, string name)
    {
        if (!double.IsFinite(value) || value < 0)
            throw new ArgumentOutOfRangeException(name, value, $"{name} = {F(value)}; allowed: a finite number >= 0.");
    }

    public static void Positive(double value, string name)
    {
        if (!double.IsFinite(value) || value <= 0)
            throw new ArgumentOutOfRangeException(name, value, $"{name} = {F(value)}; allowed: a finite number > 0.");
    }

    public static void PositiveOrInfinity(double value, string name)
    {
        if (double.IsNaN(value) || value <= 0)
            throw new ArgumentOutOfRangeException(name, value, $"{name} = {F(value)}; allowed: a number > 0 (PositiveInfinity allowed).");
    }

    public static void UnitInterval(double value, string name)
    {
        if (!(value >= 0 && value < 1))
            throw new ArgumentOutOfRangeException(name, value, $"{name} = {F(value)}; allowed: [0, 1).");
    }

    public static void IntRange(int value, int min, int max, string name)
    {
        if (value < min || value > max)
            throw new ArgumentOutOfRangeException(name, value, $"{name} = {value}; allowed: an integer in [{min}, {max}].");
    }

    /// <summary>Throws <see cref="NonFiniteGradientException"/> when the tensor holds NaN or Inf.</summary>
    public static void RequireFinite(Tensor grad, string parameterName)
    {
        using var finite = grad.isfinite();
        using var all = finite.all();
        if (!all.item<bool>()) throw new NonFiniteGradientException(parameterName);
    }

    public static string ShapeText(Tensor t) => "[" + string.Join(", ", t.shape) + "]";
}

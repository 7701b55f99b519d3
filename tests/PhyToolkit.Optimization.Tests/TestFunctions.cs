using PhyToolkit.Optimization.Objectives;
namespace PhyToolkit.Optimization.Tests;

/// <summary>Standard minimisation benchmarks (global minimum 0). Optimised through NegatedObjective.</summary>
public static class TestFunctions
{
    /// <summary>Sphere Σ x², minimum 0 at 0, gradient 2x.</summary>
    public sealed class Sphere : IObjective
    {
        public double Evaluate(ReadOnlySpan<double> x) { double s = 0; foreach (var v in x) s += v * v; return s; }
        public bool HasGradient => true;
        public void Gradient(ReadOnlySpan<double> x, Span<double> g) { for (int i = 0; i < x.Length; i++) g[i] = 2 * x[i]; }
    }

    /// <summary>Rosenbrock Σ 100(x_{i+1} − x_i²)² + (1 − x_i)², minimum 0 at (1,…,1).</summary>
    public sealed class Rosenbrock : IObjective
    {
        public double Evaluate(ReadOnlySpan<double> x)
        {
            double s = 0;
            for (int i = 0; i + 1 < x.Length; i++) { double a = x[i + 1] - x[i] * x[i], b = 1 - x[i]; s += 100 * a * a + b * b; }
            return s;
        }
    }

    /// <summary>Rastrigin 10n + Σ (x² − 10 cos 2πx), minimum 0 at 0.</summary>
    public sealed class Rastrigin : IObjective
    {
        public double Evaluate(ReadOnlySpan<double> x)
        {
            double s = 10 * x.Length;
            foreach (var v in x) s += v * v - 10 * Math.Cos(2 * Math.PI * v);
            return s;
        }
    }

    /// <summary>Ackley −20 exp(−0.2 √(Σx²/n)) − exp(Σ cos 2πx / n) + 20 + e, minimum 0 at 0.</summary>
    public sealed class Ackley : IObjective
    {
        public double Evaluate(ReadOnlySpan<double> x)
        {
            double s2 = 0, sc = 0;
            foreach (var v in x) { s2 += v * v; sc += Math.Cos(2 * Math.PI * v); }
            int n = x.Length;
            return -20 * Math.Exp(-0.2 * Math.Sqrt(s2 / n)) - Math.Exp(sc / n) + 20 + Math.E;
        }
    }
}

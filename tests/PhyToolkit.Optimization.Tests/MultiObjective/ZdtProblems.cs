using PhyToolkit.Optimization.MultiObjective;

namespace PhyToolkit.Optimization.Tests.MultiObjective;

/// <summary>
/// ZDT1 and ZDT2 (Zitzler, Deb, Thiele, Evolutionary Computation 8(2), 2000): x ∈ [0,1]^n, f1 = x1,
/// g = 1 + 9 Σ_{i≥2} x_i/(n − 1), f2 = g·h(f1/g) with h(r) = 1 − √r (ZDT1, convex front f2 = 1 − √f1) or
/// h(r) = 1 − r² (ZDT2, non-convex front f2 = 1 − f1²); the Pareto set is x_2..n = 0.
/// </summary>
public sealed class Zdt(int variant, int dimension = 30) : IMultiObjectiveBatch
{
    public int Dimension { get; } = dimension;
    public int ObjectiveCount => 2;
    public int Calls { get; private set; }

    public void Evaluate(ReadOnlySpan<double> points, Span<double> objectives)
    {
        Calls++;
        int s = objectives.Length / 2;
        for (int i = 0; i < s; i++)
        {
            var x = points.Slice(i * Dimension, Dimension);
            double sum = 0;
            for (int j = 1; j < Dimension; j++) sum += x[j];
            double g = 1 + 9 * sum / (Dimension - 1), f1 = x[0], r = f1 / g;
            objectives[2 * i] = f1;
            objectives[2 * i + 1] = g * (variant == 1 ? 1 - Math.Sqrt(r) : 1 - r * r);
        }
    }

    /// <summary>k points of the analytic front, f1 equispaced on [0, 1].</summary>
    public double[] TrueFront(int k)
    {
        var front = new double[2 * k];
        for (int i = 0; i < k; i++)
        {
            double f1 = i / (k - 1.0);
            front[2 * i] = f1;
            front[2 * i + 1] = variant == 1 ? 1 - Math.Sqrt(f1) : 1 - f1 * f1;
        }
        return front;
    }
}

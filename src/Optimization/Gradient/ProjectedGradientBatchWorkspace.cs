using System.Numerics;
using PhyToolkit.Optimization.Results;

namespace PhyToolkit.Optimization.Gradient;

/// <summary>
/// Scratch of <see cref="ProjectedGradient.MaximizeBatchInPlace"/> for S particles of n complex unknowns each: gradients,
/// trial points, values, per-particle step sizes and the active / pending / accepted masks. Allocate once per run and
/// reuse; not thread-safe.
/// </summary>
public sealed class ProjectedGradientBatchWorkspace
{
    /// <summary>Creates the buffers.</summary>
    /// <param name="count">S, number of particles, ≥ 1.</param>
    /// <param name="dimension">n, unknowns per particle, ≥ 1.</param>
    public ProjectedGradientBatchWorkspace(int count, int dimension)
    {
        Count = Guard.AtLeast(count, 1, nameof(count));
        Dimension = Guard.AtLeast(dimension, 1, nameof(dimension));
        Gradient = new Complex[count * dimension];
        Trial = new Complex[count * dimension];
        Value = new double[count];
        TrialValue = new double[count];
        Step = new double[count];
        InitialStep = new double[count];
        Active = new bool[count];
        Pending = new bool[count];
        Accepted = new bool[count];
        Iterations = new int[count];
        Evaluations = new long[count];
        Reasons = new StopReason[count];
    }

    /// <summary>S.</summary>
    public int Count { get; }

    /// <summary>n.</summary>
    public int Dimension { get; }

    internal Complex[] Gradient { get; }
    internal Complex[] Trial { get; }
    internal double[] Value { get; }
    internal double[] TrialValue { get; }
    internal double[] Step { get; }
    internal double[] InitialStep { get; }
    internal bool[] Active { get; }
    internal bool[] Pending { get; }
    internal bool[] Accepted { get; }
    internal int[] Iterations { get; }
    internal long[] Evaluations { get; }
    internal StopReason[] Reasons { get; }
}

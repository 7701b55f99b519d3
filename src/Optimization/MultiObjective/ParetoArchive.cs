namespace PhyToolkit.Optimization.MultiObjective;

/// <summary>
/// Unbounded archive of the non-dominated vectors seen so far (minimisation). A candidate is kept when no archived vector
/// dominates or equals it, and it evicts the archived vectors it dominates; the archive is therefore always mutually
/// non-dominated and its hypervolume can never decrease.
/// </summary>
public sealed class ParetoArchive
{
    private readonly List<double[]> _points = new();
    private readonly List<double[]> _objectives = new();

    /// <summary>Creates an empty archive for M objectives.</summary>
    public ParetoArchive(int objectiveCount) => ObjectiveCount = Guard.AtLeast(objectiveCount, 1, nameof(objectiveCount));

    /// <summary>M.</summary>
    public int ObjectiveCount { get; }

    /// <summary>Number of archived vectors.</summary>
    public int Count => _objectives.Count;

    /// <summary>Decision vector k (insertion order among survivors).</summary>
    public ReadOnlySpan<double> Point(int k) => _points[k];

    /// <summary>Objective vector k.</summary>
    public ReadOnlySpan<double> Objectives(int k) => _objectives[k];

    /// <summary>Offers one (point, objectives) pair; returns true when it entered the archive.</summary>
    public bool Offer(ReadOnlySpan<double> point, ReadOnlySpan<double> objectives)
    {
        Guard.Length(objectives.Length, ObjectiveCount, nameof(objectives));
        for (int k = 0; k < _objectives.Count; k++)
        {
            var a = _objectives[k];
            if (Pareto.Dominates(a, objectives) || a.AsSpan().SequenceEqual(objectives)) return false;
        }
        for (int k = _objectives.Count - 1; k >= 0; k--)
            if (Pareto.Dominates(objectives, _objectives[k])) { _objectives.RemoveAt(k); _points.RemoveAt(k); }
        _points.Add(point.ToArray());
        _objectives.Add(objectives.ToArray());
        return true;
    }

    /// <summary>All archived objective vectors, row-major Count×M.</summary>
    public double[] ObjectiveMatrix()
    {
        var result = new double[Count * ObjectiveCount];
        for (int k = 0; k < Count; k++) _objectives[k].CopyTo(result, k * ObjectiveCount);
        return result;
    }
}

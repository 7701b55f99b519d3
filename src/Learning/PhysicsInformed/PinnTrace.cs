namespace PhyToolkit.Learning.PhysicsInformed;

/// <summary>
/// The record of one PINN training run at its checkpoints: step k, relative L² error to u* on held-out points, cumulative
/// cost by our flop model, and cumulative measured wall seconds (training only; error evaluations excluded).
/// </summary>
public sealed class PinnTrace
{
    private readonly List<int> _steps = [];
    private readonly List<double> _l2 = [], _flops = [], _seconds = [], _loss = [];

    /// <summary>Checkpoint steps (0 = the initial network).</summary>
    public IReadOnlyList<int> Steps => _steps;

    /// <summary>Relative L² error at each checkpoint.</summary>
    public IReadOnlyList<double> RelativeL2 => _l2;

    /// <summary>Cumulative flops (our model) at each checkpoint.</summary>
    public IReadOnlyList<double> Flops => _flops;

    /// <summary>Cumulative measured wall seconds at each checkpoint.</summary>
    public IReadOnlyList<double> Seconds => _seconds;

    /// <summary>Batch loss ½‖r‖² of the last step before each checkpoint (NaN at step 0).</summary>
    public IReadOnlyList<double> Loss => _loss;

    /// <summary>Number of checkpoints.</summary>
    public int Count => _steps.Count;

    /// <summary>Appends a checkpoint.</summary>
    public void Add(int step, double relativeL2, double flops, double seconds, double loss)
    {
        _steps.Add(step);
        _l2.Add(relativeL2);
        _flops.Add(flops);
        _seconds.Add(seconds);
        _loss.Add(loss);
    }

    /// <summary>Index of the first checkpoint whose error is ≤ <paramref name="target"/>, or −1.</summary>
    public int FirstAtOrBelow(double target)
    {
        for (int i = 0; i < _l2.Count; i++) if (_l2[i] <= target) return i;
        return -1;
    }

    /// <summary>The error of the last checkpoint whose cost (seconds or flops) is ≤ <paramref name="budget"/> (the initial error if none).</summary>
    public double ErrorAtCost(double budget, bool seconds)
    {
        var cost = seconds ? _seconds : _flops;
        double e = _l2[0];
        for (int i = 0; i < cost.Count && cost[i] <= budget; i++) e = _l2[i];
        return e;
    }

    /// <summary>The smallest error reached at any checkpoint.</summary>
    public double BestError
    {
        get
        {
            double b = double.PositiveInfinity;
            foreach (double v in _l2) b = Math.Min(b, v);
            return b;
        }
    }
}

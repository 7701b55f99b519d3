using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Optimization.PrimalDual;

namespace PhyToolkit.Scenarios.AsynPd;

/// <summary>
/// Observes one run: squared error to the reference on a log-spaced iteration grid and on a uniform virtual-time grid, the
/// first time the error reaches a target, and the mean error over a final window (the constant-step floor).
/// </summary>
internal sealed class Recorder(SaddlePoint reference, int[] grid, double horizon, double mse0, double target, bool stopAfterTarget) : IPrimalDualObserver
{
    private readonly double[] _iterValues = new double[grid.Length];
    private readonly double[] _timeValues = FilledNaN(AsynPdRun.TimeGridPoints + 1);
    private readonly double _dt = horizon / AsynPdRun.TimeGridPoints;
    private int _nextIter, _nextTime = 1, _lastIter = -1;
    private double _prevErr = double.NaN, _floorSum;
    private long _floorCount;

    /// <summary>Iterations from which the floor average starts (default: never).</summary>
    public long FloorFrom { get; init; } = long.MaxValue;

    /// <summary>First virtual time with error ≤ target (NaN if never).</summary>
    public double TimeToTarget { get; private set; } = double.NaN;

    /// <summary>Mean squared error over iterations ≥ <see cref="FloorFrom"/>.</summary>
    public double Floor => _floorCount > 0 ? _floorSum / _floorCount : double.NaN;

    public bool Observe(long iteration, double time, IReadOnlyList<double[]> theta, ReadOnlySpan<double> lambda)
    {
        double err = reference.SquaredError(theta, lambda);
        while (_nextTime <= AsynPdRun.TimeGridPoints && _nextTime * _dt < time) _timeValues[_nextTime++] = double.IsNaN(_prevErr) ? mse0 : _prevErr;
        _prevErr = err;
        while (_nextIter < grid.Length && grid[_nextIter] <= iteration)
        {
            _iterValues[_nextIter] = err;
            _lastIter = _nextIter++;
        }
        if (iteration >= FloorFrom) { _floorSum += err; _floorCount++; }
        if (double.IsNaN(TimeToTarget) && err <= target) TimeToTarget = time;
        if (!stopAfterTarget) return true;
        // Sync-PD: run past the time grid until the target is reached, but never beyond 20 horizons (then censored).
        bool pastHorizon = _nextTime > AsynPdRun.TimeGridPoints;
        return !(pastHorizon && (!double.IsNaN(TimeToTarget) || time > 20 * horizon));
    }

    /// <summary>Writes the iteration curve (steps = iterations reached) and the time curve (steps = grid index, 0 = time 0).</summary>
    public void Emit(MetricSink sink, string iterationMetric, string? timeMetric)
    {
        for (int k = 0; k <= _lastIter; k++) sink.AddAt(iterationMetric, grid[k], _iterValues[k]);
        if (timeMetric is null) return;
        _timeValues[0] = mse0;
        for (int k = 0; k < _timeValues.Length; k++)
            if (!double.IsNaN(_timeValues[k])) sink.AddAt(timeMetric, k, _timeValues[k]);
    }

    /// <summary>Least-squares slope of ln(error) against ln(t) over grid iterations in [<paramref name="from"/>, <paramref name="to"/>].</summary>
    public double Slope(double from, double to)
    {
        double sx = 0, sy = 0, sxx = 0, sxy = 0; int c = 0;
        for (int k = 0; k <= _lastIter; k++)
        {
            if (grid[k] < from || grid[k] > to || !(_iterValues[k] > 0)) continue;
            double x = Math.Log(grid[k]), y = Math.Log(_iterValues[k]);
            sx += x; sy += y; sxx += x * x; sxy += x * y; c++;
        }
        return c < 3 ? double.NaN : (c * sxy - sx * sy) / (c * sxx - sx * sx);
    }

    private static double[] FilledNaN(int n)
    {
        var a = new double[n];
        Array.Fill(a, double.NaN);
        return a;
    }
}

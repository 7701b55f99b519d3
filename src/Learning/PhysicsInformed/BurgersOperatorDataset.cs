using PhyToolkit.Core.Random;

namespace PhyToolkit.Learning.PhysicsInformed;

/// <summary>
/// Training or test data for Burgers operator learning, generated in-repo: F random periodic inputs u0
/// (<see cref="PeriodicGaussianRandomField"/>) on [0, 1), their solutions by <see cref="BurgersSpectralSolver"/> on a
/// T-point time grid over [0, t_end], m equispaced sensors of u0, and Q observations per function at random grid
/// (x, t) with additive Gaussian noise of standard deviation (noise fraction) × (standard deviation of that solution).
/// The Morephy-Net reproduction plan (docs/morephy.md; sizes our choice).
/// </summary>
public sealed class BurgersOperatorDataset
{
    private BurgersOperatorDataset(int functions, int sensors, int observations, int gridPoints, double[] times,
        double[] sensorValues, double[] observationCoords, double[] observationValues, double[] solutions, double noiseFraction)
    {
        Functions = functions; SensorCount = sensors; ObservationsPerFunction = observations; GridPoints = gridPoints;
        Times = times; SensorValues = sensorValues; ObservationCoords = observationCoords; ObservationValues = observationValues;
        Solutions = solutions; NoiseFraction = noiseFraction;
    }

    /// <summary>Generates the data set.</summary>
    /// <param name="functions">F ≥ 1 input functions.</param>
    /// <param name="sensors">m ≥ 1 sensors; must divide the solver's grid size.</param>
    /// <param name="observationsPerFunction">Q ≥ 1 noisy observations per function.</param>
    /// <param name="noiseFraction">Noise standard deviation relative to the solution's standard deviation, in [0, 1].</param>
    /// <param name="solver">Solver settings on [0, 1) (PeriodLength 1, DomainStart 0).</param>
    /// <param name="timePoints">T ≥ 2 output times t_r = r·t_end/(T − 1).</param>
    /// <param name="finalTime">t_end &gt; 0.</param>
    /// <param name="seed">Seed of the inputs, observation positions and noise.</param>
    public static BurgersOperatorDataset Generate(int functions, int sensors, int observationsPerFunction, double noiseFraction,
        BurgersSolverOptions solver, int timePoints, double finalTime, ulong seed)
    {
        Guard.AtLeast(functions, 1, nameof(functions));
        Guard.AtLeast(sensors, 1, nameof(sensors));
        Guard.AtLeast(observationsPerFunction, 1, nameof(observationsPerFunction));
        Guard.InRange(noiseFraction, 0, 1, nameof(noiseFraction));
        ArgumentNullException.ThrowIfNull(solver);
        if (solver.PeriodLength != 1 || solver.DomainStart != 0)
            throw new ArgumentException("the operator-learning domain is [0, 1): PeriodLength must be 1 and DomainStart 0.", nameof(solver));
        Guard.AtLeast(timePoints, 2, nameof(timePoints));
        Guard.Positive(finalTime, nameof(finalTime));
        var s = new BurgersSpectralSolver(solver);
        int n = s.GridPoints;
        if (n % sensors != 0)
            throw new ArgumentOutOfRangeException(nameof(sensors), sensors, $"sensors = {sensors}; allowed: a divisor of the solver's GridPoints = {n}.");
        var times = new double[timePoints];
        for (int r = 0; r < timePoints; r++) times[r] = r * finalTime / (timePoints - 1);
        var field = new PeriodicGaussianRandomField();
        var rng = new Xoshiro256StarStar(seed);
        var sensorValues = new double[functions * sensors];
        var coords = new double[functions * observationsPerFunction * 2];
        var values = new double[functions * observationsPerFunction];
        var solutions = new double[functions * timePoints * n];
        var u0 = new double[n];
        int stride = n / sensors;
        for (int f = 0; f < functions; f++)
        {
            field.Sample(ref rng, u0);
            for (int i = 0; i < sensors; i++) sensorValues[f * sensors + i] = u0[i * stride];
            var sol = solutions.AsSpan(f * timePoints * n, timePoints * n);
            s.Solve(u0, times, sol);
            double mean = 0, sq = 0;
            foreach (double v in sol) { mean += v; sq += v * v; }
            mean /= sol.Length;
            double sd = Math.Sqrt(Math.Max(0, sq / sol.Length - mean * mean));
            for (int q = 0; q < observationsPerFunction; q++)
            {
                int r = rng.NextInt(timePoints), j = rng.NextInt(n);
                int o = f * observationsPerFunction + q;
                coords[2 * o] = s.GridPoint(j);
                coords[2 * o + 1] = times[r];
                values[o] = sol[r * n + j] + noiseFraction * sd * rng.NextGaussian();
            }
        }
        return new BurgersOperatorDataset(functions, sensors, observationsPerFunction, n, times, sensorValues, coords, values, solutions, noiseFraction);
    }

    /// <summary>F.</summary>
    public int Functions { get; }

    /// <summary>m.</summary>
    public int SensorCount { get; }

    /// <summary>Q.</summary>
    public int ObservationsPerFunction { get; }

    /// <summary>Solver grid size N (solutions are on x_j = j/N).</summary>
    public int GridPoints { get; }

    /// <summary>Output times.</summary>
    public double[] Times { get; }

    /// <summary>Sensor values, F×m row-major (u0 at x = i/m).</summary>
    public double[] SensorValues { get; }

    /// <summary>Observation coordinates, F×Q×2 ((x, t) pairs).</summary>
    public double[] ObservationCoords { get; }

    /// <summary>Noisy observed values, F×Q.</summary>
    public double[] ObservationValues { get; }

    /// <summary>Exact (solver) solutions, F×T×N.</summary>
    public double[] Solutions { get; }

    /// <summary>Noise fraction used.</summary>
    public double NoiseFraction { get; }
}

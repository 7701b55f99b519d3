using System.Globalization;
using PhyToolkit.Optimization;
using PhyToolkit.Optimization.Objectives;
using PhyToolkit.Optimization.Results;
using PhyToolkit.Optimization.Swarm;

namespace PhyToolkit.Examples;

/// <summary>
/// Example (b): the particle swarm on a user's own function with a fixed budget of function evaluations.
/// The function is the Rastrigin function g(x) = 10d + Σ (x_i² − 10 cos 2πx_i) on [−5.12, 5.12]^d (global minimum 0 at
/// x = 0). <see cref="ParticleSwarm"/> maximises, so the example wraps g in <see cref="NegatedObjective"/>.
/// </summary>
public static class PsoBudget
{
    /// <summary>What the run returned.</summary>
    /// <param name="BestValue">The smallest g found.</param>
    /// <param name="BestX">Where it was found.</param>
    /// <param name="InitialBestValue">The smallest g in the initial swarm.</param>
    /// <param name="Evaluations">Function evaluations used (the optimiser's count).</param>
    /// <param name="Calls">Function evaluations counted by the function itself.</param>
    /// <param name="Budget">The evaluation budget given to the swarm.</param>
    /// <param name="SwarmSize">Particles per move (evaluations per move).</param>
    /// <param name="StopReason">Why the swarm stopped.</param>
    public sealed record Result(double BestValue, double[] BestX, double InitialBestValue, long Evaluations, long Calls, long Budget,
        int SwarmSize, StopReason StopReason);

    /// <summary>Runs the example and prints a short account to <paramref name="output"/>.</summary>
    /// <param name="output">Where the text goes.</param>
    /// <param name="dimension">d, the number of variables.</param>
    /// <param name="budget">Maximum number of function evaluations.</param>
    /// <param name="seed">Seed of the swarm's random stream (same seed → same run).</param>
    public static Result Run(TextWriter output, int dimension = 5, long budget = 20_000, ulong seed = 7)
    {
        var rastrigin = new Rastrigin();
        var problem = new ParticleSwarmProblem(new NegatedObjective(rastrigin), BoxBounds.Uniform(dimension, -5.12, 5.12));
        var options = new ParticleSwarmOptions
        {
            SwarmSize = 40,
            MaxIterations = 1_000_000,   // never the binding limit here: the evaluation budget is
            MaxEvaluations = budget,
            StallIterations = 10_000_000, // no early stall stop: the run spends the budget
        };
        var result = new ParticleSwarm(options).Maximize(problem, seed);

        string F(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
        double initial = -result.History.Points[0].BestValue;
        output.WriteLine($"Rastrigin, d = {dimension}, swarm of {options.SwarmSize}, budget {budget} evaluations");
        output.WriteLine($"best g = {F(-result.BestValue)} (initial swarm: {F(initial)}) after {result.Evaluations} evaluations, {result.Iterations} moves");
        output.WriteLine($"stopped by: {result.StopReason}");
        output.WriteLine("x* = [" + string.Join(", ", result.BestX.Select(v => v.ToString("0.0000", CultureInfo.InvariantCulture))) + "]");
        return new Result(-result.BestValue, result.BestX, initial, result.Evaluations, rastrigin.Calls, budget, options.SwarmSize, result.StopReason);
    }

    /// <summary>Entry point: <c>dotnet run --project examples/PsoBudget</c>.</summary>
    public static void Main() => Run(Console.Out);

    /// <summary>The user's function: any <see cref="IObjective"/> (here it also counts its calls).</summary>
    private sealed class Rastrigin : IObjective
    {
        public long Calls { get; private set; }

        public double Evaluate(ReadOnlySpan<double> x)
        {
            Calls++;
            double sum = 10.0 * x.Length;
            foreach (double xi in x) sum += xi * xi - 10.0 * Math.Cos(2 * Math.PI * xi);
            return sum;
        }
    }
}

using BenchmarkDotNet.Attributes;
using PhyToolkit.Core.Random;
using PhyToolkit.Optimization;
using PhyToolkit.Optimization.Reduction;
using PhyToolkit.Optimization.Results;

namespace PhyToolkit.Benchmarks;

/// <summary>
/// Wall-clock of claim 5 of docs/optim-reduction.md on problem E1 (variable projection, m = 200, k = 3, noise-free):
/// full gradient descent on (a, c) with step 1/β_f vs reduced gradient descent on F(a) with step 1/β_F (Euclidean) and
/// 1/β_G (pullback metric), each to relative suboptimality 1e-8 from one fixed start at relative radius 0.1 of x* (Xoshiro256** seed 2;
/// from the seed-1 start the pullback run with step 1/β_G breaks down: the rates leave the region where Φ(a) has full rank).
/// Wall-clock never enters the scenario's results; this is where it is measured. Runs in process (ShortRun).
/// </summary>
[Config(typeof(InProcessShortRunConfig))]
public class ReductionBenchmarks
{
    private ExponentialSumLeastSquares _p = null!;
    private ReducedObjective _f = null!;
    private double[] _x0 = null!;
    private DescentOptions _full = null!, _reduced = null!, _pullback = null!;

    /// <summary>Builds E1, the start and the three step sizes (from central-difference Hessians at x*).</summary>
    [GlobalSetup]
    public void Setup()
    {
        _p = ExponentialSumLeastSquares.SpecInstance();
        _f = new ReducedObjective(_p, _p);
        double[] xs = [.. _p.RatesStar, .. _p.CoefficientsStar];
        var rng = new Xoshiro256StarStar(2);
        double radius = 0.1 * Math.Sqrt(xs.Sum(v => v * v) / xs.Length);
        _x0 = xs.Select(v => v + radius * rng.NextGaussian()).ToArray();
        var hFull = CurvatureDiagnostics.Hessian(new ConcatenatedObjective(_p), xs);
        var hF = CurvatureDiagnostics.Hessian(_f, _p.RatesStar);
        var g = new double[9];
        _f.PullbackMetric(_p.RatesStar, g);
        var o = new DescentOptions { MaxIterations = 2_000_000, TargetValue = 0, RelativeTolerance = 1e-8 };
        _full = o with { StepSize = 1 / CurvatureDiagnostics.Summarize(hFull, 1e-8).Beta };
        _reduced = o with { StepSize = 1 / CurvatureDiagnostics.Summarize(hF, 1e-8).Beta };
        _pullback = o with { StepSize = 1 / CurvatureDiagnostics.SummarizeInMetric(hF, g, 1e-8).Beta };
    }

    /// <summary>Full GD on (a, c), step 1/β_f.</summary>
    [Benchmark(Baseline = true)]
    public int FullGradientDescent() => Check(ReducedGradientDescent.MinimizeFull(_p, _x0.AsSpan(0, 3), _x0.AsSpan(3), _full));

    /// <summary>Reduced GD on F(a), Euclidean metric, step 1/β_F.</summary>
    [Benchmark]
    public int ReducedEuclidean() => Check(ReducedGradientDescent.Minimize(_f, _x0.AsSpan(0, 3), ReductionMetric.Euclidean, _reduced));

    /// <summary>Reduced GD on F(a), pullback metric, step 1/β_G.</summary>
    [Benchmark]
    public int ReducedPullback() => Check(ReducedGradientDescent.Minimize(_f, _x0.AsSpan(0, 3), ReductionMetric.Pullback, _pullback));

    private static int Check(DescentResult r) =>
        r.Reason == StopReason.Converged ? r.Iterations : throw new InvalidOperationException($"run did not converge ({r.Reason} after {r.Iterations} iterations)");
}

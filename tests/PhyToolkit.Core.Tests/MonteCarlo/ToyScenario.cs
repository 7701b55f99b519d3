using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Random;
using PhyToolkit.Core.Reports;

namespace PhyToolkit.Core.Tests.MonteCarlo;

/// <summary>A plan whose points draw N(mu, 1) samples; used to test the engine without any physics.</summary>
internal sealed class ToyRun(StoppingRule stop, int points = 4, int trialsPerBlock = 50) : IScenarioRun
{
    public SweepPlan Plan { get; } = new()
    {
        Points = Enumerable.Range(0, points).Select(i => new SweepPoint(i, $"mu={i + 1}", new Dictionary<string, double> { ["mu"] = i + 1 })).ToList(),
        TrialsPerBlock = trialsPerBlock,
        Stop = stop,
    };

    public int BlocksRun;

    public object? CreateWorkspace() => new double[16];

    public void RunBlock(in BlockContext context, object? workspace, MetricSink sink)
    {
        Interlocked.Increment(ref BlocksRun);
        var rng = new Xoshiro256StarStar(context.Seed);
        double mu = context.PointIndex + 1;
        for (int t = 0; t < context.Trials; t++)
        {
            double x = mu + rng.NextGaussian();
            sink.Add("x", x);
            sink.AddRate("positive", x > mu ? 1 : 0, 1);
        }
    }

    public void BuildReport(RunResults results, ReportBuilder report) { }
}

using PhyToolkit.Core.Configuration;
using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Random;
using PhyToolkit.Core.Reports;
using PhyToolkit.Core.Results;
using PhyToolkit.Core.Scenarios;

namespace PhyToolkit.Core.Tests.Scenarios;

/// <summary>A toy scenario on the base: categorical methods, a numeric noise grid, a scalar and a curve metric.</summary>
internal sealed record CurveToyParameters : IValidatable
{
    public string[] Methods { get; init; } = ["fast", "slow"];
    public double[] Noise { get; init; } = [0.1, 1];
    public int Steps { get; init; } = 5;

    public void Validate(string path)
    {
        Check.Distinct(Methods, Check.Path(path, "methods"));
        for (int i = 0; i < Methods.Length; i++) Check.OneOf(Methods[i], $"{Check.Path(path, "methods")}[{i}]", "fast", "slow");
        Check.AllInRange(Noise, 0, 10, Check.Path(path, "noise"));
        Check.Distinct(Noise, Check.Path(path, "noise"));
        Check.InRange(Steps, 1, 1000, Check.Path(path, "steps"));
    }
}

internal sealed class CurveToyScenario : Scenario<CurveToyParameters>
{
    public override string Name => "curve-toy";
    public override string Summary => "toy";
    public override string DocsPage => "docs/toy.md";
    protected override CurveToyParameters DefaultParameters(bool quick) => quick ? new() { Steps = 3 } : new();
    protected override RunSettings DefaultRun(bool quick) => RunSettings.Fixed(quick ? 3 : 6, trialsPerBlock: 2);
    protected override IReadOnlyList<string> StoppingMetrics => ["final"];
    protected override void ValidateAgainstRun(CurveToyParameters p, RunSettings run)
    {
        if (p.Steps > 100 && run.MaxBlocks > 10) throw new ConfigException("parameters.steps", "too long for more than 10 blocks");
    }
    protected override IScenarioRun CreateRun(CurveToyParameters p, ScenarioConfig config) => new CurveToyRun(p, config);
}

internal sealed class CurveToyRun(CurveToyParameters p, ScenarioConfig config) : ScenarioRun<CurveToyParameters>(p, config)
{
    protected override void DefineSweep(SweepBuilder sweep)
    {
        foreach (var m in P.Methods)
            foreach (var s in P.Noise)
                sweep.Add($"{m}/σ={Fmt.Label(s)}", ("method", m), ("noise", s));
    }

    public override void RunBlock(in BlockContext context, object? workspace, MetricSink sink)
    {
        var pt = Plan.Points[context.PointIndex];
        double rate = pt.Is("method", "fast") ? 0.5 : 0.9;
        var rng = new Xoshiro256StarStar(context.Seed);
        for (int t = 0; t < context.Trials; t++)
        {
            double v = 1;
            for (int k = 0; k <= P.Steps; k++)
            {
                sink.AddAt("loss", k, v + pt.Number("noise") * rng.NextGaussian());
                v *= rate;
            }
            sink.Add("final", v);
        }
    }

    public override void BuildReport(RunResults results, ReportBuilder report)
    {
        var claims = new ClaimsTable("claims", "Claims");
        var fast = results.Find(p => p.Is("method", "fast") && p.Is("noise", 0.1))!;
        claims.Add("T1", "fast ends lower", Verdicts.FromCheck(fast.Mean("final") < 0.1), Fmt.G(fast.Mean("final")));
        report.AddClaims(claims);
        var loss = fast.Curve("loss")!;
        report.AddFigure(new Figure { Id = "loss", Title = "loss", XLabel = "step", YLabel = "loss", Series = [new Series { Label = "fast", X = loss.X(), Y = loss.Means() }] });
        report.AddFigure(new Figure
        {
            Id = "final", Title = "final", XLabel = "method", YLabel = "final", XCategories = ["fast", "slow"], YMin = 0,
            Series = [new Series { Label = "σ = 0.1", X = [0, 1], Y = [fast.Mean("final"), results.Find(p => p.Is("method", "slow") && p.Is("noise", 0.1))!.Mean("final")] }],
        });
    }
}

public class ScenarioBaseTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "phytk-base-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, true);
    }

    private static (ScenarioConfig Config, System.Text.Json.Nodes.JsonObject Json) Resolve(bool quick, params string[] sets) =>
        ScenarioConfigResolver.Resolve(new CurveToyScenario().DefaultConfig(quick), null, sets, null);

    [Fact]
    public void ParametersAreBoundAndValidatedOnceWithTheirJsonPath()
    {
        var s = new CurveToyScenario();
        var (config, _) = Resolve(true, "parameters.noise=[0.1,0.1]");
        var e = Assert.Throws<ConfigException>(() => s.Create(config));
        Assert.Equal("parameters.noise[1]", e.Path);
        Assert.Contains("repeats parameters.noise[0]", e.Message, StringComparison.Ordinal);

        (config, _) = Resolve(true, "parameters.methods=[\"fast\",\"medium\"]");
        Assert.Equal("parameters.methods[1]", Assert.Throws<ConfigException>(() => s.Create(config)).Path);

        (config, _) = Resolve(true, "parameters.steps=500", "run.maxBlocks=20", "run.minBlocks=20");
        Assert.Equal("parameters.steps", Assert.Throws<ConfigException>(() => s.Create(config)).Path);
    }

    [Fact]
    public void StoppingRulesMayOnlyWatchDeclaredMetrics()
    {
        var s = new CurveToyScenario();
        var (config, _) = Resolve(true, "run.stop=precision", "run.metric=loss", "run.target=0.1");
        var e = Assert.Throws<ConfigException>(() => s.Create(config));
        Assert.Equal("run.metric", e.Path);
        Assert.Contains("'final'", e.Message, StringComparison.Ordinal);
        (config, _) = Resolve(true, "run.stop=precision", "run.metric=final", "run.target=0.1");
        Assert.NotNull(s.Create(config));
    }

    [Fact]
    public void ConfigExceptionIsAnArgumentException()
    {
        ArgumentException e = new ConfigException("parameters.x", "got 1");
        Assert.Equal("parameters.x: got 1", e.Message);
        Assert.Equal("bad", new ConfigException("", "bad").Message);
    }

    [Fact]
    public void CurvesAndCategoriesRoundTripThroughResultsCsv()
    {
        var scenario = new CurveToyScenario();
        var (config, json) = Resolve(true);
        string dir = Path.Combine(_root, "run");
        var (results, _) = RunDirectory.Execute(scenario, config, json, dir, new EngineOptions { Threads = 2 });

        var fast = results.Find(p => p.Is("method", "fast") && p.Is("noise", 1))!;
        var curve = fast.Curve("loss")!;
        Assert.Equal([0, 1, 2, 3], curve.Steps);
        Assert.Equal(6, curve.At(2)!.Count);                 // 3 blocks × 2 trials
        Assert.Null(curve.At(7));
        Assert.Null(fast.Get("loss"));                      // a curve is not a scalar
        Assert.Equal(Math.Pow(0.5, 4), fast.Mean("final"), 12);   // quick: 3 steps after step 0

        string csv = File.ReadAllText(Path.Combine(dir, RunDirectory.ResultsFile));
        string[] lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("point,label,noise,method,metric,step,kind,mean", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("0,fast/σ=0.1,0.1,fast,loss,2,sample,", StringComparison.Ordinal));
        Assert.DoesNotContain("NaN", csv, StringComparison.Ordinal);
        // "final" has zero variance at every point (deterministic): its error columns hold 0, not NaN; a single-sample metric leaves them empty.

        var back = ResultsCsvReader.Read("curve-toy", csv, new CurveToyScenario().Create(config).Plan);
        Assert.Equal(ResultsCsv.Write(results), ResultsCsv.Write(back));
        Assert.Equal("fast", back.Points[0].Point.Category("method"));
        var noPlan = ResultsCsvReader.Read("curve-toy", csv);
        Assert.Equal("slow", noPlan.Points[2].Point.Category("method"));
        Assert.Equal(1, noPlan.Points[3].Point.Number("noise"));
        Assert.Equal(ResultsCsv.Write(results), ResultsCsv.Write(noPlan));

        string html = File.ReadAllText(Path.Combine(dir, RunDirectory.ReportFile));
        Assert.Contains("Reproduce: <code>phytk run ", html, StringComparison.Ordinal);
        Assert.Contains("docs/toy.md", html, StringComparison.Ordinal);
        Assert.Contains("<td>held</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void TheReproduceCommandReproducesTheResults()
    {
        var scenario = new CurveToyScenario();
        var (config, json) = Resolve(true, "parameters.steps=4");
        string dir = Path.Combine(_root, "a");
        RunDirectory.Execute(scenario, config, json, dir, new EngineOptions { Threads = 1 });
        // What "phytk run DIR/scenario.json" resolves: the stored file over the report-scale defaults.
        var file = ScenarioConfigResolver.ParseFile(File.ReadAllText(Path.Combine(dir, RunDirectory.ScenarioFile)), "scenario.json");
        var (config2, json2) = ScenarioConfigResolver.Resolve(scenario.DefaultConfig(false), file, [], null);
        string dir2 = Path.Combine(_root, "b");
        RunDirectory.Execute(scenario, config2, json2, dir2, new EngineOptions { Threads = 2 });
        Assert.Equal(File.ReadAllText(Path.Combine(dir, RunDirectory.ResultsFile)), File.ReadAllText(Path.Combine(dir2, RunDirectory.ResultsFile)));
        Assert.Equal(File.ReadAllText(Path.Combine(dir, RunDirectory.ScenarioFile)), File.ReadAllText(Path.Combine(dir2, RunDirectory.ScenarioFile)));
    }

    [Fact]
    public void SweepBuilderRefusesDuplicateLabelsAndNamesTwice()
    {
        var b = new SweepBuilder();
        b.Add("a", ("x", 1.0));
        Assert.Throws<ArgumentException>(() => b.Add("a", ("x", 2.0)));
        Assert.Throws<ArgumentException>(() => b.Add("b", ("x", 2.0), ("x", "c")));
        Assert.Throws<ArgumentException>(() => b.Add("c", ("x", double.NaN)));
        var p = b.Add("d", ("x", 3), ("kind", "k"));
        Assert.Equal(3, p.Number("x"));
        Assert.True(p.Is("kind", "k"));
        Assert.False(p.Is("kind", "j"));
        Assert.Throws<KeyNotFoundException>(() => p.Category("x"));
        Assert.Equal(1, p.Index);
    }

    [Fact]
    public void AMetricNameIsEitherAScalarOrACurve()
    {
        var sink = new MetricSink();
        sink.Add("a", 1);
        Assert.Throws<ArgumentException>(() => sink.AddAt("a", 0, 1));
        sink.AddAt("b", 3, 1);
        Assert.Throws<ArgumentException>(() => sink.Add("b", 1));
        Assert.Throws<ArgumentException>(() => sink.AddRateAt("b", 3, 1, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => sink.AddAt("c", -1, 1));
        Assert.Throws<ArgumentException>(() => sink.AddAt("c", 1, double.PositiveInfinity));
    }
}

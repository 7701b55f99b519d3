using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Results;
using PhyToolkit.Scenarios.Tests.Cli;

namespace PhyToolkit.Scenarios.Tests.FaPlkg;

/// <summary>The fa-plkg --quick run (about 10 s): report completeness and the docs/fa-plkg.md ordering/trend checks on its means.</summary>
public class FaPlkgScenarioTests
{
    private static readonly Lazy<(string Dir, RunResults Results)> Quick = new(() =>
    {
        string dir = Phytk.TempDir("fa-plkg");
        var (exit, _, err) = Phytk.Run("run", "fa-plkg", "--quick", "--no-progress", "--out", dir);
        Assert.True(exit == 0, err);
        return (dir, ResultsCsvReader.Read("fa-plkg", File.ReadAllText(Path.Combine(dir, "results.csv"))));
    });

    private static IEnumerable<PointResult> Figure(string f) => Quick.Value.Results.Where(p => p.Is("figure", f));

    [Fact]
    public void ReportHasEveryFigureAndTheGainTable()
    {
        string dir = Quick.Value.Dir;
        string html = File.ReadAllText(Path.Combine(dir, "report.html"));
        foreach (var id in new[] { "f1-kgr-vs-snr", "layout", "f2-kgr-vs-m", "f3-kgr-vs-region", "f4-convergence", "f5-kgr-vs-paths" })
        {
            Assert.True(new FileInfo(Path.Combine(dir, "figures", id + ".png")).Length > 5000, id);
            Assert.True(new FileInfo(Path.Combine(dir, "figures", id + ".svg")).Length > 5000, id);
            Assert.Contains($"fig-{id}", html);
        }
        Assert.Contains("table-t1-gains", html);
        Assert.Contains("67.73", html); // the comparison with the paper's headline gain is stated
        var t1 = File.ReadAllLines(Path.Combine(dir, "figures", "t1-gains.csv"));
        Assert.Equal(1 + 7, t1.Length); // header + one row per SNR
    }

    [Fact]
    public void EavesdropperStudy_FrontReachesTheAo_AndTheRatesAreConsistent()
    {
        string dir = Quick.Value.Dir;
        string html = File.ReadAllText(Path.Combine(dir, "report.html"));
        Assert.True(new FileInfo(Path.Combine(dir, "figures", "f6-kgr-vs-leakage.png")).Length > 5000);
        Assert.Contains("fig-f6-kgr-vs-leakage", html);
        Assert.Contains("table-t6-secrecy", html);
        var eve = Figure("eve").Single();
        // Every design: 0 ≤ leakage, SKR ≥ KGR − leakage (SKR = KGR − I(A;E) + I(A;E|B)); round-off of 1e-9 bits allowed.
        foreach (var s in new[] { "fa-ao", "upa-opt", "backoff-best", "front-best" })
        {
            double kgr = eve.Mean("eve.kgr." + s), leak = eve.Mean("eve.leak." + s), skr = eve.Mean("eve.skr." + s);
            Assert.True(leak >= 0 && skr >= kgr - leak - 1e-9, $"{s}: KGR {kgr}, leakage {leak}, SKR {skr}");
        }
        // The AO design was seeded: the front's largest KGR of the first geometry reaches the AO's within NSGA-II's
        // rounding of the encoding (the archive keeps the seed unless a design with a larger KGR dominates it).
        var front = eve.Curve("eve.example.front.kgr")!.Means();
        Assert.True(front.Max() >= eve.Mean("eve.example.kgr.fa-ao") - 1e-9);
        // The front is sorted by KGR and its leakage rises with it (non-dominated in (−KGR, leakage)).
        var leakCurve = eve.Curve("eve.example.front.leak")!.Means();
        for (int i = 1; i < front.Length; i++) Assert.True(front[i] >= front[i - 1] && leakCurve[i] >= leakCurve[i - 1]);
        // Backing the AO's power off lowers Bob's KGR monotonically (α from 1 % to 100 %).
        var back = eve.Curve("eve.backoff.kgr")!.Means();
        for (int j = 1; j < back.Length; j++) Assert.True(back[j] > back[j - 1]);
    }

    [Fact]
    public void MeanCurvesFollowTheSpecOrderingAndTrends()
    {
        var snr = Figure("snr").OrderBy(p => p.Point.Number("snrDb")).ToList();
        Assert.Equal(7, snr.Count);
        // §6.2 item 9 holds per trial by construction, hence on the means: FA-AO ≥ UPA-opt ≥ UPA-iso; FA-PSO ≥ UPA-opt.
        foreach (var p in snr)
        {
            double M(string s) => p.Get(s)!.Mean;
            Assert.True(M("fa-ao") >= M("upa-opt") - 1e-9, p.Point.Label);
            Assert.True(M("fa-pso") >= M("upa-opt") - 1e-9, p.Point.Label);
            Assert.True(M("upa-opt") >= M("upa-iso") - 1e-9, p.Point.Label);
            // Per-trial gains are never negative for the seeded schemes.
            Assert.True(p.Get("gain.fa-ao.vs.upa-opt")!.CiLow > -1e-6 || p.Get("gain.fa-ao.vs.upa-opt")!.Mean >= 0);
        }
        // §6.2 item 10: KGR non-decreasing in SNR on the mean curves, every scheme (the geometry of a trial is shared by all SNRs).
        foreach (var scheme in new[] { "fa-ao", "fa-pso", "upa-opt", "upa-iso", "ula", "rp", "fa-pos", "fa-grad", "ris" })
            for (int i = 1; i < snr.Count; i++)
                Assert.True(snr[i].Get(scheme)!.Mean >= snr[i - 1].Get(scheme)!.Mean - 1e-9, $"{scheme} falls from {snr[i - 1].Point.Label} to {snr[i].Point.Label}");
        // §6.2 item 11: FA-AO non-decreasing in A (nested seeding, per trial, hence on the means); UPA constant in A.
        var region = Figure("region").Single();
        var ao = region.Curve("fa-ao")!;
        Assert.Equal([0, 1, 2, 3, 4, 5], ao.Steps); // one step per A of parameters.regionSweep (1, 1.5, 2, 2.5, 3, 4)
        for (int i = 1; i < ao.Count; i++)
            Assert.True(ao.Values[i].Mean >= ao.Values[i - 1].Mean - 1e-9, $"A index {i - 1} -> {i}");
        Assert.Equal(region.Curve("upa-opt")!.At(0)!.Mean, region.Curve("upa-opt")!.At(5)!.Mean, 1e-9);
        // KGR rises with M (docs/fa-plkg.md trend) for the AO.
        var m = Figure("antennas").OrderBy(p => p.Point.Number("antennas")).Select(p => p.Get("fa-ao")!.Mean).ToList();
        for (int i = 1; i < m.Count; i++) Assert.True(m[i] > m[i - 1]);
    }

    [Fact]
    public void SoftChecksOfTheSpecHoldWithWideBands()
    {
        // docs/fa-plkg.md items 12–14 ("soft, asserted only with wide bands"), at the reduced scale: 8 geometries, M = 9, L = 4, A = 3λ.
        var snr = Figure("snr").ToDictionary(p => p.Point.Number("snrDb"));
        double Gain(double s) => 100 * (snr[s].Get("fa-ao")!.Mean / snr[s].Get("upa-opt")!.Mean - 1);
        Assert.InRange(Gain(10), 5, 60);                                                // item 12
        Assert.True(snr[10].Get("fa-ao")!.Mean >= snr[10].Get("fa-pso")!.Mean);          // item 13
        Assert.True(Gain(-10) > Gain(10), $"gain at -10 dB {Gain(-10)} vs 10 dB {Gain(10)}"); // item 14
        // F4: gbest traces are non-decreasing; the strict block AO stays at its starting layout's value (docs/fa-plkg.md-B pitfall).
        var conv = Figure("convergence").Single();
        foreach (var scheme in new[] { "fa-ao", "fa-pso", "fa-ao-b" })
        {
            var trace = conv.Curve($"trace.{scheme}.value")!;
            Assert.True(trace.Count > 1, scheme);
            for (int k = 1; k < trace.Count; k++)
                Assert.True(trace.Values[k].Mean >= trace.Values[k - 1].Mean - 1e-9, $"{scheme} at {trace.Steps[k]}");
        }
    }

    [Fact]
    public void ComparisonsAreOnAStatedFooting()
    {
        foreach (var p in Figure("snr"))
        {
            // Every FA/UPA layout has tr R = M = 9; the gain-matched RIS is scaled to it, the RIS as specified is not.
            foreach (var scheme in new[] { "fa-ao", "fa-pso", "fa-grad", "fa-grad-ms", "upa-opt", "ris-gm" })
                Assert.Equal(9, p.Get("trR." + scheme)!.Mean, 9);
            Assert.True(p.Get("trR.ris")!.Mean > 9, p.Point.Label);
            // Multi-start gradient ascent gets at least the AO's evaluations of each geometry (it may overrun by one start).
            Assert.True(p.Mean("evals.fa-grad-ms") >= p.Mean("evals.fa-ao"), p.Point.Label);
            Assert.True(p.Mean("evals.fa-grad-ms") <= p.Mean("evals.fa-ao") + 51 + 1, p.Point.Label);
            // Paired differences are consistent with the means they pair.
            Assert.Equal(p.Mean("fa-ao") - p.Mean("upa-opt"), p.Mean("diff.fa-ao.vs.upa-opt"), 9);
            Assert.Equal(p.Mean("ris-gm") - p.Mean("fa-ao"), p.Mean("diff.ris-gm.vs.fa-ao"), 9);
        }
        string dir = Quick.Value.Dir;
        string html = File.ReadAllText(Path.Combine(dir, "report.html"));
        Assert.Contains("table-footing-m10db", html);
        Assert.Contains("gain-matched", html);
        var checks = File.ReadAllLines(Path.Combine(dir, "figures", "checks.csv"));
        foreach (var id in new[] { "R-gm -10 dB", "S1", "S2", "S3", "S4", "12", "14" })
            Assert.Contains(checks, l => l.StartsWith(id + ",", StringComparison.Ordinal));
        Assert.All(checks.Skip(1), l => Assert.Matches(",(held|not held|inconclusive|not evaluated),", l));
    }

    [Fact]
    public void TheBackendIsRecordedAndABadOneIsRefusedBeforeAnythingIsWritten()
    {
        Assert.Contains("\"backend\": \"auto\"", File.ReadAllText(Path.Combine(Quick.Value.Dir, "manifest.json")));
        string dir = Phytk.TempDir("fa-backend");
        var (exit, _, err) = Phytk.Run("run", "fa-plkg", "--quick", "--backend", "vulkan", "--out", dir);
        Assert.Equal(2, exit);
        Assert.Contains("--backend", err);
        Assert.Contains("managed, ilgpu-cpu, cuda, auto", err);
        Assert.False(Directory.Exists(dir) && Directory.EnumerateFileSystemEntries(dir).Any());
    }

    [Fact]
    public void PgdInnerRunIsByteIdenticalOnOneAndTwoThreads()
    {
        // The paper's AO (PGD inner solver, the batched PGD fast path) at a tiny scale: results.csv must not depend on the
        // engine's thread count (seeds belong to blocks; the batched fitness picks the gbest in particle order).
        string[] small =
        [
            "--set", "run.maxBlocks=2", "--set", "parameters.ao.inner=\"pgd\"", "--set", "parameters.ao.swarmSize=6",
            "--set", "parameters.ao.iterations=4", "--set", "parameters.snrDb=[-10,10]", "--set", "parameters.antennaSweep=[4]",
            "--set", "parameters.regionSweep=[3]", "--set", "parameters.pathSweep=[4]", "--set", "parameters.jointPso.swarmSize=6",
            "--set", "parameters.jointPso.iterations=4", "--set", "parameters.randomLayouts=5", "--set", "parameters.gradientAscentIterations=5",
            "--set", "parameters.blockAlternationRounds=1", "--set", "parameters.risEnabled=false",
        ];
        string one = Phytk.TempDir("fa-pgd-1"), two = Phytk.TempDir("fa-pgd-2");
        var a = Phytk.Run(["run", "fa-plkg", "--quick", "--no-progress", "--threads", "1", "--out", one, .. small]);
        Assert.True(a.Exit == 0, a.Err);
        var b = Phytk.Run(["run", "fa-plkg", "--quick", "--no-progress", "--threads", "2", "--out", two, .. small]);
        Assert.True(b.Exit == 0, b.Err);
        Assert.Equal(File.ReadAllBytes(Path.Combine(one, "results.csv")), File.ReadAllBytes(Path.Combine(two, "results.csv")));
        Assert.Contains("\"inner\": \"pgd\"", File.ReadAllText(Path.Combine(one, "scenario.json")));
    }

    [Theory]
    [InlineData("parameters.regionWavelengths=0.6", "parameters.regionWavelengths", "smallest")]
    [InlineData("parameters.antennas=0", "parameters.antennas: got 0", "[1, 32]")]
    [InlineData("parameters.ricianFactor=-1", "parameters.ricianFactor: got -1", "[0,")]
    [InlineData("parameters.ris.directGain=-0.5", "parameters.ris.directGain", "[0,")]
    [InlineData("parameters.correlation=\"cluster\"", "parameters.correlation: got 'cluster'", "field-response")]
    [InlineData("parameters.regionSweep=[2,1]", "parameters.regionSweep[1]", "increase")]
    [InlineData("parameters.ao.inner=\"newton\"", "parameters.ao.inner", "oracle")]
    [InlineData("run.trialsPerBlock=2", "run.trialsPerBlock", "allowed: 1")]
    [InlineData("parameters.eve.population=41", "parameters.eve.population: got 41", "even")]
    [InlineData("parameters.eve.gainCorrelation=1.5", "parameters.eve.gainCorrelation: got 1.5", "[0, 1]")]
    [InlineData("parameters.eve.sharedPaths=5", "parameters.eve.sharedPaths: got 5", "[0, 4]")]
    [InlineData("parameters.eve.geometries=9", "parameters.eve.geometries: got 9", "[0, 8]")]
    [InlineData("parameters.antennaSweep=[4,32]", "parameters.antennaSweep: M = 32 antennas in A = 3 λ", "4×8 λ/2 UPA baseline needs A ≥ 3.5 λ")]
    public void BadParametersAreRejectedWithTheFieldAndTheRange(string set, string field, string allowed)
    {
        var (exit, _, err) = Phytk.Run("run", "fa-plkg", "--quick", "--set", set, "--out", Phytk.TempDir("fa-bad"));
        Assert.Equal(2, exit);
        Assert.Contains(field, err);
        Assert.Contains(allowed, err);
    }
}

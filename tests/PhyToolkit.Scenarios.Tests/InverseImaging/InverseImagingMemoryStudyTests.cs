using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Reports;
using PhyToolkit.Scenarios.InverseImaging;

namespace PhyToolkit.Scenarios.Tests.InverseImaging;

/// <summary>C1 memory study: probe output parsing, the line fit and the verdict on synthetic readings, and the probe in a child process.</summary>
public class InverseImagingMemoryStudyTests
{
    [Fact]
    public void ProbeLineIsParsedAndGarbageIsRefused()
    {
        var reading = new MemoryReading("tinyunet", "dmplug", 3, 32, 28, 1, 637_856, 653_164_544, 161_588, 5.03);
        var parsed = MemoryReading.Parse("some log line\n" + reading.ToJson() + "\n");
        Assert.Equal(reading, parsed);
        Assert.Equal(637_856 / 1024.0, parsed.PeakMb, 12);
        Assert.Equal(653_164_544 / 1048576.0, (reading with { VmHwmKb = -1 }).PeakMb, 12); // off Linux: the peak working set
        Assert.Throws<FormatException>(() => MemoryReading.Parse("phytk: failed: something"));
        Assert.Throws<FormatException>(() => MemoryReading.Parse("{\"arch\":\"tinyunet\",\"method\":\"dmplug\"}")); // no peak
    }

    [Fact]
    public void LineFitRecoversAKnownLineAndItsSlopeError()
    {
        double[] n = [1, 2, 3, 4, 5, 6, 7, 8];
        var exact = LineFit.Of(n, n.Select(x => 150 + 110 * x).ToArray());
        Assert.Equal(110, exact.Slope, 9);
        Assert.Equal(150, exact.Intercept, 9);
        Assert.Equal(0, exact.SlopeStandardError, 9);
        // residuals ±1 alternating: Σr² = 8 → s² = 8/6; Σ(x − x̄)² = 42 → SE = sqrt(8/6/42) (the slope picks up the
        // correlation of the pattern with x: Σ(x − x̄)·r / 42 = (−3.5+2.5−1.5+0.5−(−0.5)... ) computed below)
        double[] r = [1, -1, 1, -1, 1, -1, 1, -1];
        var noisy = LineFit.Of(n, n.Select((x, i) => 150 + 110 * x + r[i]).ToArray());
        double mx = 4.5, slopeShift = n.Select((x, i) => (x - mx) * r[i]).Sum() / 42;
        Assert.Equal(110 + slopeShift, noisy.Slope, 9);
        Assert.True(noisy.SlopeStandardError > 0 && noisy.SlopeStandardError < 0.2, $"{noisy.SlopeStandardError}");
        Assert.Throws<ArgumentException>(() => LineFit.Of([2, 2], [1, 3]));
    }

    [Fact]
    public void VerdictFollowsTheSlopesAndTheRatio()
    {
        double[] n = [1, 2, 3, 4, 5, 6, 7, 8];
        const double baseline = 160;
        // DMPlug: 100 MB per retained call; DMILO: one call (flat). Ratio at N = 6: 600/100 = 6 → held.
        var held = new InverseImagingMemoryStudy.Readings(baseline, n.Select(x => baseline + 100 * x + (x % 2)).ToArray(), n.Select(x => baseline + 100 + (x % 2)).ToArray());
        var (v1, e1) = InverseImagingMemoryStudy.Decide(held);
        Assert.Equal(Verdict.Held, v1);
        Assert.Contains("calls retained per backward: 6 (DMPlug) vs 1 (DMILO)", e1);
        // DMILO also grows (20 MB per step > 0.1 × 100): not held.
        var growing = held with { DmiloMb = n.Select(x => baseline + 100 + 20 * x).ToArray() };
        Assert.Equal(Verdict.NotHeld, InverseImagingMemoryStudy.Decide(growing).Verdict);
        // Flat DMILO but a large one-call transient: ratio (600 + 200)/(100 + 200) = 2.7, outside 6 ± 2: not held.
        var transient = new InverseImagingMemoryStudy.Readings(baseline, n.Select(x => baseline + 200 + 100 * x).ToArray(), n.Select(_ => baseline + 300).ToArray());
        Assert.Equal(Verdict.NotHeld, InverseImagingMemoryStudy.Decide(transient).Verdict);
        // DMPlug slope lost in the noise (±5 MB jitter, 1 MB per step): inconclusive.
        double[] jitter = [5, -5, 4, -4, 5, -5, 3, -3];
        var noise = held with { DmPlugMb = n.Select((x, i) => baseline + 100 + x + jitter[i]).ToArray() };
        Assert.Equal(Verdict.Inconclusive, InverseImagingMemoryStudy.Decide(noise).Verdict);
        Assert.Equal(Verdict.NotEvaluated, InverseImagingMemoryStudy.Decide(new InverseImagingMemoryStudy.Readings(baseline, [1, 2], [1, 1])).Verdict);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void ProbeRunsInAChildProcessForOneAndTwoSteps()
    {
        // Tiny size (batch 2, 8×8): the point is the plumbing — the child starts, runs both methods and reports a peak above
        // the runtime's few tens of MB. Slow: four child processes each load libtorch (21 s on the shared 2-core machine at
        // load average 15; about 1.3 s per child when idle).
        foreach (int n in new[] { 1, 2 })
            foreach (string method in new[] { "dmplug", "dmilo" })
            {
                var reading = MemoryReading.Parse(InverseImagingMemoryStudy.RunChild(
                    ["probe", "diffusion-memory", "--arch", "tinyunet", "--method", method, "--steps", n.ToString(), "--batch", "2", "--side", "8"]));
                Assert.Equal(method, reading.Method);
                Assert.Equal(n, reading.Steps);
                Assert.InRange(reading.PeakMb, 20, 4000);
            }
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void ScenarioRecordsTheStudyInItsMemoryPointAndDecidesC1()
    {
        // The quick run with the memory study switched on for N = 1..3 (7 child processes at batch 32, 28×28: about a minute
        // on the shared machine) and one task.
        Environment.SetEnvironmentVariable("PHYTK_PRIOR_CACHE", Path.Combine(Path.GetTempPath(), "phytk-tests-prior-cache"));
        var (dir, r) = ScenarioTestKit.RunQuick(new InverseImagingScenario(), "inverse-imaging",
            "parameters.tasks=[\"inpainting\"]", "parameters.seedStudySeeds=0", "parameters.priorSteps=20", "parameters.budget=30",
            "parameters.memoryStudy=true", "parameters.memoryStudySteps=3", "run.trialsPerBlock=2");
        var pt = r.Find(p => p.Is("task", InverseImagingMemoryStudy.Point))!;
        Assert.Equal(3, pt.Curve("mem-dmplug")!.Count);
        Assert.Equal(3, pt.Curve("mem-dmilo")!.Count);
        Assert.True(pt.Mean("mem-baseline") > 20);
        Assert.True(File.Exists(Path.Combine(dir, "figures", "memory.svg")));
        var c1 = File.ReadAllLines(Path.Combine(dir, "figures", "claims.csv")).Single(l => l.StartsWith("C1,", StringComparison.Ordinal));
        Assert.DoesNotContain("not evaluated", c1, StringComparison.Ordinal);
        Assert.Contains("MB per step", c1, StringComparison.Ordinal);
    }
}

using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Results;
using PhyToolkit.Scenarios.InverseImaging;

namespace PhyToolkit.Scenarios.Tests.InverseImaging;

/// <summary>The inverse-imaging quick run (reduced further: 40 prior steps, budget 60, 2 images): report, claims, metrics; bad input; thread-count determinism.</summary>
public class InverseImagingScenarioTests
{
    private static readonly string[] Small =
    [
        "parameters.priorSteps=40", "parameters.budget=60", "parameters.deblurGradientSteps=20", "parameters.classicalIterations=50",
        "run.trialsPerBlock=2",
    ];

    static InverseImagingScenarioTests()
    {
        // A private prior cache: the tests never read or write the user's cache.
        Environment.SetEnvironmentVariable("PHYTK_PRIOR_CACHE", Path.Combine(Path.GetTempPath(), "phytk-tests-prior-cache"));
    }

    private static readonly Lazy<(string Dir, RunResults Results)> Quick = new(() => ScenarioTestKit.RunQuick(new InverseImagingScenario(), "inverse-imaging", Small));

    [Fact]
    public void QuickRunWritesTheReportClaimsAndEveryMethodsMetrics()
    {
        var (dir, r) = Quick.Value;
        string html = File.ReadAllText(Path.Combine(dir, RunDirectory.ReportFile));
        Assert.Contains("docs/inverse-imaging.md", html, StringComparison.Ordinal);
        Assert.Contains("LPIPS and FID are omitted", html, StringComparison.Ordinal);
        // the claims table: one row per claim, each with a verdict word
        var claimRows = File.ReadAllLines(Path.Combine(dir, "figures", "claims.csv")).Skip(1).ToList();
        string[] ids = ["C2a", "C2b", "C2f", "C2c", "C2d", "C2e", "C7", "C1", "C3", "C4", "C5", "C6", "C8"];
        Assert.Equal(ids.Length, claimRows.Count);
        foreach (string id in ids)
        {
            string row = Assert.Single(claimRows, l => l.StartsWith(id + ",", StringComparison.Ordinal));
            Assert.Matches("(held|not held|inconclusive|not evaluated)", row);
        }
        // C6 is evaluated from the σ = 0.05 point of the default task list, C7 from both deblur tasks
        Assert.DoesNotContain("not evaluated", claimRows.Single(l => l.StartsWith("C6,", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains("motion-deblur", claimRows.Single(l => l.StartsWith("C7,", StringComparison.Ordinal)), StringComparison.Ordinal);
        // figures: PSNR per method, the prior's sample grid, the out-of-range deviation map, per task an image grid and a PSNR/SSIM-vs-budget figure
        foreach (string f in new[] { "psnr", "prior-samples", "deviation-ood" }) Assert.True(File.Exists(Path.Combine(dir, "figures", f + ".svg")), f);
        foreach (string task in InverseImagingParameters.KnownTasks)
        {
            Assert.True(File.Exists(Path.Combine(dir, "figures", $"images-{task}.svg")), task);
            Assert.True(File.Exists(Path.Combine(dir, "figures", $"psnr-budget-{task}.svg")), task);
        }
        Assert.Contains("dmplug-5x", File.ReadAllText(Path.Combine(dir, "figures", "summary.csv")), StringComparison.Ordinal);
        Assert.Contains("PSNR(dmplug at 5·B) − PSNR(dmplug at B)", html, StringComparison.Ordinal);
        foreach (string task in InverseImagingParameters.KnownTasks)
        {
            var pt = r.Find(p => p.Is("task", task))!;
            foreach (string m in InverseImagingRun.Methods)
            {
                if (m == "tikhonov" && task == "nonlinear-deblur") { Assert.Null(pt.Get("psnr-tikhonov")); continue; }
                if (m == "dmplug-5x" && task is not ("inpainting" or "sr2" or "sr4")) { Assert.Null(pt.Get("psnr-dmplug-5x")); continue; }
                Assert.True(double.IsFinite(pt.Mean($"psnr-{m}")), $"{task}/{m}");
                Assert.InRange(pt.Mean($"ssim-{m}"), -1.0, 1.0);
            }
            // equal budget: B = 60 forward+backward calls per image for every diffusion solver (N = 3, T_out = 5 ⇒ T_in = 4)
            Assert.Equal(60, pt.Mean("budget-dmplug"));
            Assert.Equal(60, pt.Mean("budget-dmilo"));
            Assert.Equal(60, pt.Mean("budget-dmilo-pgd"));
            if (pt.Get("budget-dmplug-5x") is not null) Assert.Equal(300, pt.Mean("budget-dmplug-5x"));
            // SSIM curves at the same iterates as the PSNR curves
            foreach (string m in new[] { "dmplug", "dmilo", "dmilo-pgd" })
                Assert.Equal(pt.Curve($"psnr-curve-{m}")!.Steps, pt.Curve($"ssim-curve-{m}")!.Steps);
            // the image grid rides in the results: 2 images (trialsPerBlock = 2) of 16×16 pixels per reconstruction
            Assert.Equal(2 * 256, pt.Curve("img-truth")!.Count);
            Assert.Equal(2 * 256, pt.Curve("img-dmilo-pgd")!.Count);
            // a paired difference is the difference of the per-image values, so its mean is the difference of the means
            Assert.Equal(pt.Mean("psnr-dmilo-pgd") - pt.Mean("psnr-dmplug"), pt.Mean("dpsnr-dmilo-pgd-vs-dmplug"), 9);
        }
        // the out-of-range study: a share of the deviation is a fraction, and the ablation is paired with DMILO
        var ood = r.Find(p => p.Is("task", "inpainting-ood"))!;
        Assert.InRange(ood.Mean("nu-share-ood"), 0.0, 1.0);
        Assert.Equal(ood.Mean("psnr-dmilo") - ood.Mean("psnr-dmilo-nu0"), ood.Mean("dpsnr-dmilo-vs-dmilo-nu0"), 9);
        // C5 seed study (inpainting only, 3 seeds under --quick): stds are non-negative and the difference is paired per image
        var inp = r.Find(p => p.Is("task", "inpainting"))!;
        Assert.True(inp.Mean("seedstd-dmplug") >= 0 && inp.Mean("seedstd-dmilo-pgd") >= 0);
        Assert.Equal(inp.Mean("seedstd-dmplug") - inp.Mean("seedstd-dmilo-pgd"), inp.Mean("dseedstd-dmplug-vs-dmilo-pgd"), 9);
        Assert.Null(r.Find(p => p.Is("task", "sr2"))!.Get("seedstd-dmplug"));
        var c5 = File.ReadAllLines(Path.Combine(dir, "figures", "claims.csv")).Single(l => l.StartsWith("C5,", StringComparison.Ordinal));
        Assert.DoesNotContain("not evaluated", c5, StringComparison.Ordinal);
        // least squares on SR ×2 is nearest up-sampling: it reproduces the measurement exactly
        Assert.Equal(0, r.Find(p => p.Is("task", "sr2"))!.Mean("residual-ls"), 12);
        // the masked measurement shows only the observed pixels (30 % of them at maskRatio 0.7)
        Assert.InRange(inp.Curve("img-measurement")!.Count, 2 * 256 * 0.2, 2 * 256 * 0.4);
        // inpainting-s05 is inpainting of the same images at σ = 0.05: same truths, noisier measurements
        var s05 = r.Find(p => p.Is("task", "inpainting-s05"))!;
        Assert.Equal(inp.Curve("img-truth")!.Means(), s05.Curve("img-truth")!.Means());
        Assert.Equal(inp.Curve("img-measurement")!.Steps, s05.Curve("img-measurement")!.Steps);
        // the out-of-range task carries the feature mask and the deviation map; the first point carries 16 prior samples and 16 training images
        Assert.Equal(2 * 256, ood.Curve("img-nu")!.Count);
        Assert.Equal(16 * 256, r.Points[0].Curve("prior-sample")!.Count);
        Assert.Equal(16 * 256, r.Points[0].Curve("prior-train")!.Count);
    }

    [Fact]
    public void ImageGridsAreRebuiltFromTheResultsAlone()
    {
        // the images ride in results.csv (curves of block 0), so `phytk report` on a copy without figures draws the same grids
        var (dir, _) = Quick.Value;
        string copy = PhyToolkit.Scenarios.Tests.Cli.Phytk.TempDir("inverse-imaging-report");
        Directory.CreateDirectory(copy);
        foreach (string f in Directory.GetFiles(dir)) File.Copy(f, Path.Combine(copy, Path.GetFileName(f)));
        Assert.False(Directory.Exists(Path.Combine(copy, "figures")));
        var (exit, _, err) = PhyToolkit.Scenarios.Tests.Cli.Phytk.Run("report", copy);
        Assert.True(exit == 0, err);
        foreach (string f in new[] { "images-inpainting.svg", "images-sr4.svg", "prior-samples.svg", "deviation-ood.svg" })
            Assert.Equal(File.ReadAllText(Path.Combine(dir, "figures", f)), File.ReadAllText(Path.Combine(copy, "figures", f)));
    }

    [Fact]
    public void BadParametersNameTheirJsonPath()
    {
        var s = new InverseImagingScenario();
        (string Set, string Path)[] cases =
        [
            ("parameters.maskRatio=1", "parameters.maskRatio"),
            ("parameters.noiseSigma=-0.01", "parameters.noiseSigma"),
            ("parameters.budget=0", "parameters.budget"),
            ("parameters.imageSide=0", "parameters.imageSide"),
            ("parameters.tasks=[\"inpainting\",\"denoise\"]", "parameters.tasks[1]"),
            ("parameters.seedStudySeeds=1", "parameters.seedStudySeeds"),
            ("parameters.seedStudyTasks=[\"denoise\"]", "parameters.seedStudyTasks[0]"),
            ("parameters.priorArchitecture=\"resnet\"", "parameters.priorArchitecture"),
            ("parameters.memoryStudySteps=13", "parameters.memoryStudySteps"),
            ("parameters.memoryStudySteps=0", "parameters.memoryStudySteps"),
            ("parameters.dmplug5xTasks=[\"sr3\"]", "parameters.dmplug5xTasks[0]"),
            ("parameters.gridImages=9", "parameters.gridImages"),
            ("parameters.imageSide=18", "parameters.imageSide"), // sr4 is in the default task list: 18 is even but not divisible by 4
        ];
        foreach (var (set, path) in cases) Assert.StartsWith(path, ScenarioTestKit.RejectedPath(s, set), StringComparison.Ordinal);
    }

    [Fact]
    public void TheCliStopsBadTasksAndAnImageSideNotDivisibleByFourWithExitCodeTwoBeforeAnyWork()
    {
        foreach (var (set, path) in new[]
        {
            ("parameters.tasks=[\"inpainting\",\"sr3\"]", "parameters.tasks[1]"),
            ("parameters.imageSide=14", "parameters.imageSide"),
        })
        {
            string dir = PhyToolkit.Scenarios.Tests.Cli.Phytk.TempDir("inverse-imaging-bad");
            var (exit, output, err) = PhyToolkit.Scenarios.Tests.Cli.Phytk.Run("run", "inverse-imaging", "--quick", "--no-progress", "--set", set, "--out", dir);
            Assert.Equal(2, exit);
            Assert.Contains(path, output + err, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(dir, "results.csv")));
        }
        // the SR ×4 message names both fields
        var e = Assert.Throws<PhyToolkit.Core.Configuration.ConfigException>(() =>
            new InverseImagingScenario().Create(ScenarioTestKit.Resolve(new InverseImagingScenario(), "parameters.imageSide=14").Config));
        Assert.Contains("parameters.tasks", e.Message, StringComparison.Ordinal);
        Assert.Contains("sr4", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ResultsDoNotDependOnTheThreadCount()
    {
        ScenarioTestKit.AssertSameResultsForOneAndTwoThreads(new InverseImagingScenario(), "inverse-imaging",
            [.. Small, "parameters.tasks=[\"inpainting\",\"gaussian-deblur\",\"motion-deblur\"]"]);
    }
}

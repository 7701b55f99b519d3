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
        Assert.Equal(1 + 13, File.ReadAllLines(Path.Combine(dir, "figures", "claims.csv")).Length);
        Assert.True(File.Exists(Path.Combine(dir, "figures", "psnr.svg")));
        foreach (string task in InverseImagingParameters.KnownTasks)
        {
            var pt = r.Find(p => p.Is("task", task))!;
            foreach (string m in InverseImagingRun.Methods)
            {
                if (m == "tikhonov" && task == "nonlinear-deblur") { Assert.Null(pt.Get("psnr-tikhonov")); continue; }
                Assert.True(double.IsFinite(pt.Mean($"psnr-{m}")), $"{task}/{m}");
                Assert.InRange(pt.Mean($"ssim-{m}"), -1.0, 1.0);
            }
            // equal budget: B = 60 forward+backward calls per image for every diffusion solver (N = 3, T_out = 5 ⇒ T_in = 4)
            Assert.Equal(60, pt.Mean("budget-dmplug"));
            Assert.Equal(60, pt.Mean("budget-dmilo"));
            Assert.Equal(60, pt.Mean("budget-dmilo-pgd"));
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
        ];
        foreach (var (set, path) in cases) Assert.StartsWith(path, ScenarioTestKit.RejectedPath(s, set), StringComparison.Ordinal);
    }

    [Fact]
    public void ResultsDoNotDependOnTheThreadCount()
    {
        ScenarioTestKit.AssertSameResultsForOneAndTwoThreads(new InverseImagingScenario(), "inverse-imaging",
            [.. Small, "parameters.tasks=[\"inpainting\",\"gaussian-deblur\"]"]);
    }
}

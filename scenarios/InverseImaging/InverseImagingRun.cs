using PhyToolkit.Channels.Imaging;
using PhyToolkit.Channels.Imaging.Sources;
using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Random;
using PhyToolkit.Core.Reports;
using PhyToolkit.Core.Scenarios;
using PhyToolkit.Learning.Diffusion;
using PhyToolkit.Learning.Diffusion.Solvers;
using PhyToolkit.Optimization.Inverse;

namespace PhyToolkit.Scenarios.InverseImaging;

/// <summary>
/// The <c>inverse-imaging</c> run: one sweep point per task; a block draws <c>trials</c> test images (StrokeDigits from a
/// seed stream separate from the prior's training stream), measures them once, and runs every method on the same
/// measurements, so per-image differences between methods are paired. The prior is trained on first use (or loaded from
/// the cache keyed by its recipe hash) once per run, before any block uses it.
/// </summary>
internal sealed class InverseImagingRun : ScenarioRun<InverseImagingParameters>
{
    internal static readonly string[] Methods = ["ls", "tikhonov", "tv", "dmplug", "dmilo", "dmilo-pgd"];

    /// <summary>Pairs (a, b) whose per-image PSNR difference a − b is recorded as <c>dpsnr-a-vs-b</c>.</summary>
    internal static readonly (string A, string B)[] Pairs =
    [
        ("dmilo-pgd", "dmplug"), ("dmilo", "dmplug"), ("dmilo-pgd", "dmilo"), ("dmilo-pgd", "tv"), ("tv", "tikhonov"), ("tikhonov", "ls"),
    ];

    private readonly Lazy<(TrainedPrior Trained, DdimPrior Prior)> _prior;

    public InverseImagingRun(InverseImagingParameters p, ScenarioConfig config) : base(p, config)
    {
        Shape = new ImageShape(p.ImageSide, p.ImageSide);
        Recipe = new DdpmTrainingRecipe
        {
            Shape = Shape, Width = p.PriorWidth, Blocks = p.PriorBlocks, Steps = p.PriorSteps, BatchSize = p.PriorBatch,
            Architecture = DiffusionProbe.ParseArchitecture(p.PriorArchitecture, "parameters.priorArchitecture"),
        };
        _prior = new Lazy<(TrainedPrior, DdimPrior)>(() =>
        {
            var trained = PriorCheckpoint.LoadOrTrain(CacheDirectory, Recipe, threads: 1, onRefused: m => RefusedCheckpoint = m, progress: TrainingProgress.For(Recipe));
            return (trained, new DdimPrior(trained.Network, Shape, DdimTimeGrid.Dmilo(p.DdimSteps)));
        }, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    internal ImageShape Shape { get; }

    internal DdpmTrainingRecipe Recipe { get; }

    internal string? RefusedCheckpoint { get; private set; }

    /// <summary>The prior cache: <c>$PHYTK_PRIOR_CACHE</c>, else the user's local application data folder (phytk/priors).</summary>
    internal static string CacheDirectory
    {
        get
        {
            string? env = Environment.GetEnvironmentVariable("PHYTK_PRIOR_CACHE");
            if (!string.IsNullOrWhiteSpace(env)) return env;
            string root = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
            return Path.Combine(string.IsNullOrEmpty(root) ? Path.GetTempPath() : root, "phytk", "priors");
        }
    }

    internal TrainedPrior Trained => _prior.Value.Trained;

    protected override void DefineSweep(SweepBuilder sweep)
    {
        foreach (string task in P.Tasks) sweep.Add(task, ("task", task));
        if (P.MemoryStudy) sweep.Add(InverseImagingMemoryStudy.Point, ("task", InverseImagingMemoryStudy.Point));
    }

    private IForwardOperator Operator(string task, ulong imageSeed)
    {
        switch (task)
        {
            case "inpainting":
            case "inpainting-ood":
                var rng = new Xoshiro256StarStar(SeedMixer.Mix(imageSeed, 1));
                return PixelMask.Random(Shape, P.MaskRatio, ref rng);
            case "sr2":
                return new AveragePooling(Shape, 2);
            case "sr2-bicubic":
                return new BicubicDownscale(Shape, 2);
            case "gaussian-deblur":
                return Blur();
            default:
                return new SaturatingBlur(Blur(), 2.0);
        }
    }

    private Convolution2D Blur() => new(Shape, BlurKernels.Gaussian(5, 1.0), 5, 5, BoundaryMode.Reflect);

    public override void RunBlock(in BlockContext context, object? workspace, MetricSink sink)
    {
        string task = Plan.Points[context.PointIndex].Category("task");
        if (task == InverseImagingMemoryStudy.Point)
        {
            if (context.BlockIndex == 0) InverseImagingMemoryStudy.Record(P.MemoryStudySteps, sink); // one study per run, in the point's first block
            return;
        }
        bool ood = task == "inpainting-ood";
        var source = new StrokeDigits(Shape, SeedMixer.Mix(MasterSeed, 0x7E57_1A6EUL));
        var oodSource = new DigitsPlusOod(Shape, SeedMixer.Mix(MasterSeed, 0x00D_7E57UL));
        var measurements = new List<Measurement>(context.Trials);
        var oodMasks = new List<bool[]>();
        for (int k = 0; k < context.Trials; k++)
        {
            long index = (long)context.BlockIndex * context.Trials + k;
            var truth = new double[Shape.Length];
            if (ood)
            {
                var mask = new bool[Shape.Length];
                oodSource.Render(index, truth, mask);
                oodMasks.Add(mask);
            }
            else source.Render(index, truth);
            ulong imageSeed = SeedMixer.Mix(MasterSeed, SeedMixer.Hash(task), (ulong)index, 0);
            measurements.Add(Measurement.Create(Operator(task, imageSeed), truth, new GaussianNoise(P.NoiseSigma), imageSeed));
        }

        var estimates = new Dictionary<string, double[][]>();
        estimates["ls"] = measurements.Select(m => m.Operator is PixelMask or AveragePooling
            ? LeastSquares.PseudoInverse(m.Operator, m.Y)
            : LeastSquares.Landweber(m.Operator, m.Y, P.ClassicalIterations).Image).ToArray();
        if (task != "nonlinear-deblur")
            estimates["tikhonov"] = measurements.Select(m => Tikhonov.SolveCg(m.Operator, m.Y, P.TikhonovMu, Regularizer.Gradient).Image).ToArray();
        var tvOptions = new TotalVariationOptions { Lambda = P.TvLambda, Iterations = P.ClassicalIterations };
        estimates["tv"] = measurements.Select(m => TotalVariation.Fista(m.Operator, m.Y, tvOptions).Image).ToArray();

        var prior = _prior.Value.Prior;
        int n = P.DdimSteps;
        var oracle = new Dictionary<string, double[]>();
        // Oracle logging only (curves and the oracle column of C8): PSNR of every recorded iterate against the truth. It never
        // selects the reported image.
        DiffusionCallback Logger(string method, int every)
        {
            var best = oracle[method] = Enumerable.Repeat(double.NegativeInfinity, measurements.Count).ToArray();
            return (iteration, calls, images) =>
            {
                for (int k = 0; k < images.Length; k++)
                {
                    double v = ImageMetrics.PsnrDb(images[k], measurements[k].Truth);
                    best[k] = Math.Max(best[k], v);
                    if (iteration % every == 0) sink.AddAt($"psnr-curve-{method}", (int)calls, v);
                }
                return true;
            };
        }
        int plugIterations = Math.Max(1, P.Budget / n);
        var plug = DmPlug.Solve(prior, measurements, new DmPlugOptions { Iterations = plugIterations }, Logger("dmplug", Math.Max(1, plugIterations / 25)));
        estimates["dmplug"] = plug.Images;
        bool blur = task is "gaussian-deblur" or "nonlinear-deblur";
        var dmiloOptions = new DmiloOptions
        {
            OuterIterations = P.OuterIterations,
            InnerIterations = Math.Max(1, P.Budget / (P.OuterIterations * n)),
            LearningRateZ = task switch { "inpainting" => 2e-2, "gaussian-deblur" => 8e-3, _ => 1e-2 }, // [code] per task
        };
        var dmilo = Dmilo.Solve(prior, measurements, dmiloOptions, Logger("dmilo", 1));
        estimates["dmilo"] = dmilo.Images;
        var pgdOptions = dmiloOptions with
        {
            LearningRateZ = task.StartsWith("sr2", StringComparison.Ordinal) ? 1e-2 : 2e-2, // DMILO-PGD lr_z [code]
            GradientSteps = blur ? P.DeblurGradientSteps : 1,
        };
        var pgd = Dmilo.SolvePgd(prior, measurements, pgdOptions, Logger("dmilo-pgd", 1));
        estimates["dmilo-pgd"] = pgd.Images;
        if (ood) OutOfRangeStudy(measurements, oodMasks, prior, dmiloOptions, dmilo, sink);
        if (P.SeedStudySeeds >= 2 && P.SeedStudyTasks.Contains(task))
            SeedStudy(measurements, prior, new DmPlugOptions { Iterations = plugIterations }, pgdOptions, plug.Images, pgd.Images, sink);

        var psnr = new Dictionary<string, double[]>();
        foreach (var (method, images) in estimates)
        {
            psnr[method] = new double[measurements.Count];
            for (int k = 0; k < measurements.Count; k++)
            {
                var m = measurements[k];
                psnr[method][k] = ImageMetrics.PsnrDb(images[k], m.Truth);
                sink.Add($"psnr-{method}", psnr[method][k]);
                sink.Add($"ssim-{method}", ImageMetrics.Ssim(images[k], m.Truth, Shape));
                sink.Add($"residual-{method}", ImageMetrics.MeasurementResidual(m.Operator, images[k], m.Y));
            }
        }
        for (int k = 0; k < measurements.Count; k++)
        {
            sink.Add("psnr-dmplug-eswmv", ImageMetrics.PsnrDb(plug.Selected[k], measurements[k].Truth));
            sink.Add("eswmv-iteration", plug.SelectedIteration[k]);
        }
        foreach (var (method, best) in oracle)
            for (int k = 0; k < measurements.Count; k++) sink.Add($"psnr-oracle-{method}", best[k]);
        for (int k = 0; k < measurements.Count; k++)
        {
            // C6: how far DMPlug's last iterate fell below its peak, and how far the ES-WMV choice is from that peak
            sink.Add("dmplug-fall", oracle["dmplug"][k] - psnr["dmplug"][k]);
            sink.Add("eswmv-gap", oracle["dmplug"][k] - ImageMetrics.PsnrDb(plug.Selected[k], measurements[k].Truth));
        }
        foreach (var (a, b) in Pairs)
        {
            if (!psnr.ContainsKey(a) || !psnr.ContainsKey(b)) continue;
            for (int k = 0; k < measurements.Count; k++) sink.Add($"dpsnr-{a}-vs-{b}", psnr[a][k] - psnr[b][k]);
        }
        sink.Add("budget-dmplug", plug.ForwardBackwardCalls);
        sink.Add("budget-dmilo", dmilo.ForwardBackwardCalls);
        sink.Add("budget-dmilo-pgd", pgd.ForwardBackwardCalls);
    }

    /// <summary>
    /// C5: per image, the sample standard deviation of the final PSNR over <see cref="InverseImagingParameters.SeedStudySeeds"/>
    /// initial-latent seeds, for DMPlug and for DMILO-PGD at the main study's settings (seed 0 is the solvers' default seed,
    /// whose solves the main study already ran; the others are derived from it), and their paired difference.
    /// </summary>
    private void SeedStudy(List<Measurement> measurements, DdimPrior prior, DmPlugOptions plugOptions, DmiloOptions pgdOptions,
        double[][] plugImages, double[][] pgdImages, MetricSink sink)
    {
        int seeds = P.SeedStudySeeds, count = measurements.Count;
        var plugPsnr = new double[count, seeds];
        var pgdPsnr = new double[count, seeds];
        for (int s = 0; s < seeds; s++)
        {
            var plugs = plugImages;
            var pgds = pgdImages;
            if (s > 0)
            {
                ulong plugSeed = SeedMixer.Mix(plugOptions.Seed, (ulong)s), pgdSeed = SeedMixer.Mix(pgdOptions.Seed, (ulong)s);
                plugs = DmPlug.Solve(prior, measurements, plugOptions with { Seed = plugSeed }).Images;
                pgds = Dmilo.SolvePgd(prior, measurements, pgdOptions with { Seed = pgdSeed }).Images;
            }
            for (int k = 0; k < count; k++)
            {
                plugPsnr[k, s] = ImageMetrics.PsnrDb(plugs[k], measurements[k].Truth);
                pgdPsnr[k, s] = ImageMetrics.PsnrDb(pgds[k], measurements[k].Truth);
            }
        }
        for (int k = 0; k < count; k++)
        {
            double a = SampleStd(plugPsnr, k, seeds), b = SampleStd(pgdPsnr, k, seeds);
            sink.Add("seedstd-dmplug", a);
            sink.Add("seedstd-dmilo-pgd", b);
            sink.Add("dseedstd-dmplug-vs-dmilo-pgd", a - b);
        }
    }

    private static double SampleStd(double[,] values, int row, int n)
    {
        double mean = 0;
        for (int s = 0; s < n; s++) mean += values[row, s];
        mean /= n;
        double ss = 0;
        for (int s = 0; s < n; s++) ss += (values[row, s] - mean) * (values[row, s] - mean);
        return Math.Sqrt(ss / (n - 1));
    }

    /// <summary>
    /// C3: DMILO with deviations vs the ν ≡ 0 ablation at the same settings, and the share of the total
    /// deviation Σ_i|ν_i| that falls inside the out-of-range feature, minus the feature's area share (per image).
    /// </summary>
    private void OutOfRangeStudy(List<Measurement> measurements, List<bool[]> masks, DdimPrior prior, DmiloOptions options, DiffusionSolveResult dmilo, MetricSink sink)
    {
        var plain = Dmilo.Solve(prior, measurements, options with { UseDeviations = false });
        for (int k = 0; k < measurements.Count; k++)
        {
            double withNu = ImageMetrics.PsnrDb(dmilo.Images[k], measurements[k].Truth), noNu = ImageMetrics.PsnrDb(plain.Images[k], measurements[k].Truth);
            sink.Add("psnr-dmilo-nu0", noNu);
            sink.Add("dpsnr-dmilo-vs-dmilo-nu0", withNu - noNu);
            var dev = dmilo.DeviationMagnitude![k];
            double inside = 0, total = 0;
            int area = 0;
            for (int i = 0; i < dev.Length; i++)
            {
                total += dev[i];
                if (masks[k][i]) { inside += dev[i]; area++; }
            }
            double share = total > 0 ? inside / total : double.NaN;
            sink.Add("nu-share-ood", share);
            sink.Add("nu-share-excess", share - area / (double)dev.Length);
        }
    }

    public override void BuildReport(RunResults results, ReportBuilder report) => InverseImagingReport.Build(this, P, results, report);
}

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
    internal static readonly string[] Methods = ["ls", "tikhonov", "tv", "dmplug", "dmplug-5x", "dmilo", "dmilo-pgd"];

    /// <summary>The diffusion-prior methods (oracle logging, budget curves).</summary>
    internal static readonly string[] DiffusionMethods = ["dmplug", "dmplug-5x", "dmilo", "dmilo-pgd"];

    /// <summary>Samples of the prior's 3-step DDIM sampler (and training images beside them) recorded in block 0 of the first point.</summary>
    internal const int PriorSampleCount = 16;

    /// <summary>Seed of the latents z of the prior's sample grid (our choice).</summary>
    internal const ulong PriorSampleSeed = 2026;

    /// <summary>Pairs (a, b) whose per-image PSNR difference a − b is recorded as <c>dpsnr-a-vs-b</c>.</summary>
    internal static readonly (string A, string B)[] Pairs =
    [
        ("dmilo-pgd", "dmplug"), ("dmilo", "dmplug"), ("dmilo-pgd", "dmilo"), ("dmilo-pgd", "tv"), ("tv", "tikhonov"), ("tikhonov", "ls"),
        ("dmplug-5x", "dmplug"), ("dmilo-pgd", "dmplug-5x"),
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

    private IForwardOperator Operator(InverseImagingTask task, ulong imageSeed)
    {
        switch (task.Kind)
        {
            case OperatorKind.Inpainting:
                var rng = new Xoshiro256StarStar(SeedMixer.Mix(imageSeed, 1));
                return PixelMask.Random(Shape, P.MaskRatio, ref rng);
            case OperatorKind.AveragePooling:
                return new AveragePooling(Shape, task.Factor);
            case OperatorKind.Bicubic:
                return new BicubicDownscale(Shape, task.Factor);
            case OperatorKind.GaussianBlur:
                return Blur();
            case OperatorKind.MotionBlur:
                var kernelRng = new Xoshiro256StarStar(SeedMixer.Mix(imageSeed, 2));
                return new Convolution2D(Shape, BlurKernels.MotionLine(7, ref kernelRng), 7, 7, BoundaryMode.Reflect);
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
        var spec = InverseImagingTask.Of(task);
        bool ood = spec.Ood;
        if (context.PointIndex == 0 && context.BlockIndex == 0) RecordPriorSamples(sink);
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
            ulong imageSeed = SeedMixer.Mix(MasterSeed, SeedMixer.Hash(spec.SeedName), (ulong)index, 0);
            measurements.Add(Measurement.Create(Operator(spec, imageSeed), truth, new GaussianNoise(spec.Sigma ?? P.NoiseSigma), imageSeed));
        }

        var estimates = new Dictionary<string, double[][]>();
        estimates["ls"] = measurements.Select(m => m.Operator is PixelMask or AveragePooling
            ? LeastSquares.PseudoInverse(m.Operator, m.Y)
            : LeastSquares.Landweber(m.Operator, m.Y, P.ClassicalIterations).Image).ToArray();
        if (spec.Kind != OperatorKind.NonlinearBlur)
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
                    if (iteration % every != 0) continue;
                    sink.AddAt($"psnr-curve-{method}", (int)calls, v);
                    sink.AddAt($"ssim-curve-{method}", (int)calls, ImageMetrics.Ssim(images[k], measurements[k].Truth, Shape));
                }
                return true;
            };
        }
        int plugIterations = Math.Max(1, P.Budget / n);
        var plug = DmPlug.Solve(prior, measurements, new DmPlugOptions { Iterations = plugIterations }, Logger("dmplug", Math.Max(1, plugIterations / 25)));
        estimates["dmplug"] = plug.Images;
        DiffusionSolveResult? plug5 = null;
        if (P.Dmplug5xTasks.Contains(task)) // tasks listed there but not run are ignored
        {
            // DMPlug at 5·B (spec: "to show where it saturates"); its curve shares the x axis (calls per image) with the others
            plug5 = DmPlug.Solve(prior, measurements, new DmPlugOptions { Iterations = 5 * plugIterations }, Logger("dmplug-5x", Math.Max(1, 5 * plugIterations / 50)));
            estimates["dmplug-5x"] = plug5.Images;
        }
        bool blur = spec.IsBlur;
        var dmiloOptions = new DmiloOptions
        {
            OuterIterations = P.OuterIterations,
            InnerIterations = Math.Max(1, P.Budget / (P.OuterIterations * n)),
            LearningRateZ = spec.DmiloLearningRate, // [code] per task
        };
        var dmilo = Dmilo.Solve(prior, measurements, dmiloOptions, Logger("dmilo", 1));
        estimates["dmilo"] = dmilo.Images;
        var pgdOptions = dmiloOptions with
        {
            LearningRateZ = spec.PgdLearningRate, // DMILO-PGD lr_z [code]
            GradientSteps = blur ? P.DeblurGradientSteps : 1,
        };
        var pgd = Dmilo.SolvePgd(prior, measurements, pgdOptions, Logger("dmilo-pgd", 1));
        estimates["dmilo-pgd"] = pgd.Images;
        if (ood) OutOfRangeStudy(measurements, oodMasks, prior, dmiloOptions, dmilo, sink);
        if (context.BlockIndex == 0) RecordImages(spec, measurements, estimates, ood ? oodMasks : null, ood ? dmilo.DeviationMagnitude : null, sink);
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
        if (plug5 is not null) sink.Add("budget-dmplug-5x", plug5.ForwardBackwardCalls);
    }

    /// <summary>Pixels of an image shown in the report are rounded to 1e-3 (the grey scale has 2000 levels on [-1, 1]; a display needs 256).</summary>
    private static double Pixel(double v) => Math.Round(v, 3, MidpointRounding.ToEven);

    /// <summary>
    /// The report's image grids, carried through the results like every metric (so checkpoint, resume and merge keep them):
    /// for the first <see cref="InverseImagingParameters.GridImages"/> images of block 0, curve <c>img-KIND</c> holds pixel i
    /// of image k at step k·n + i, KIND = truth, measurement (in image space: the masked image with missing pixels absent,
    /// the low-resolution image up-sampled by nearest neighbour, the blurred image), each method's reconstruction, and for
    /// the out-of-range task the feature mask (<c>img-oodmask</c>, 0/1) and the deviation map Σ_i|ν_i| of DMILO (<c>img-nu</c>).
    /// </summary>
    private void RecordImages(InverseImagingTask spec, List<Measurement> measurements, Dictionary<string, double[][]> estimates,
        List<bool[]>? oodMasks, double[][]? deviation, MetricSink sink)
    {
        int n = Shape.Length, count = Math.Min(P.GridImages, measurements.Count);
        for (int k = 0; k < count; k++)
        {
            var m = measurements[k];
            ReadOnlySpan<double> truth = m.Truth, y = m.Y;
            for (int i = 0; i < n; i++) sink.AddAt("img-truth", k * n + i, Pixel(truth[i]));
            for (int i = 0; i < n; i++)
            {
                int r = i / Shape.Width, c = i % Shape.Width;
                switch (m.Operator)
                {
                    case PixelMask mask:
                        if (mask.Observed[i]) sink.AddAt("img-measurement", k * n + i, Pixel(y[i]));
                        break;
                    case AveragePooling or BicubicDownscale:
                        var low = m.Operator.OutputShape;
                        sink.AddAt("img-measurement", k * n + i, Pixel(y[r / spec.Factor * low.Width + c / spec.Factor]));
                        break;
                    default:
                        sink.AddAt("img-measurement", k * n + i, Pixel(y[i]));
                        break;
                }
            }
            foreach (var (method, images) in estimates)
                for (int i = 0; i < n; i++) sink.AddAt($"img-{method}", k * n + i, Pixel(images[k][i]));
            if (oodMasks is not null && deviation is not null)
                for (int i = 0; i < n; i++)
                {
                    sink.AddAt("img-oodmask", k * n + i, oodMasks[k][i] ? 1 : 0);
                    sink.AddAt("img-nu", k * n + i, Math.Round(deviation[k][i], 5));
                }
        }
    }

    /// <summary>
    /// The prior's sanity check (spec §4.3): <see cref="PriorSampleCount"/> samples G(z) of the N-step DDIM sampler from
    /// seeded z ~ N(0, I) (curve <c>prior-sample</c>) and as many StrokeDigits training images from the training stream
    /// (<c>prior-train</c>), pixel i of image k at step k·n + i.
    /// </summary>
    private void RecordPriorSamples(MetricSink sink)
    {
        int n = Shape.Length;
        using (var scope = TorchSharp.torch.NewDisposeScope())
        {
            using var generator = new TorchSharp.torch.Generator(PriorSampleSeed);
            using TorchSharp.Scalar lo = -1.0, hi = 1.0; // held: an unheld Scalar can be finalised during the native call
            var z = TorchSharp.torch.randn(new long[] { PriorSampleCount, n }, generator: generator);
            double[] samples = _prior.Value.Prior.Sample(z).clamp(lo, hi).to_type(TorchSharp.torch.ScalarType.Float64).data<double>().ToArray();
            for (int i = 0; i < samples.Length; i++) sink.AddAt("prior-sample", i, Pixel(samples[i])); // row-major [k, n]: step k·n + i
        }
        var training = new StrokeDigits(Shape, Recipe.DataSeed);
        var image = new double[n];
        for (int k = 0; k < PriorSampleCount; k++)
        {
            training.Render(k, image);
            for (int i = 0; i < n; i++) sink.AddAt("prior-train", k * n + i, Pixel(image[i]));
        }
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

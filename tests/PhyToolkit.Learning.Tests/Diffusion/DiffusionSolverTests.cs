using PhyToolkit.Channels.Imaging;
using PhyToolkit.Channels.Imaging.Sources;
using PhyToolkit.Core.Random;
using PhyToolkit.Learning.Diffusion;
using PhyToolkit.Learning.Diffusion.Solvers;
using PhyToolkit.Learning.Torch;
using static TorchSharp.torch;

namespace PhyToolkit.Learning.Tests.Diffusion;

public class DiffusionSolverTests
{
    private static readonly ImageShape Shape = new(8, 8);

    // An untrained (seeded) TinyMLP: the solver mechanics do not depend on the prior being good.
    private static DdimPrior UntrainedPrior()
    {
        TorchRuntime.EnsureLoaded(threads: 1);
        manual_seed(5);
        return new DdimPrior(new TinyMlp(Shape.Length, width: 32, blockCount: 1), Shape);
    }

    private static List<Measurement> Measurements(Func<int, IForwardOperator> op, int count, double truthScale = 1, double sigma = 0.01)
    {
        var src = new StrokeDigits(Shape, 3);
        var list = new List<Measurement>();
        for (int k = 0; k < count; k++)
        {
            var x = new double[Shape.Length];
            src.Render(k, x);
            for (int i = 0; i < x.Length; i++) x[i] *= truthScale;
            list.Add(Measurement.Create(op(k), x, new GaussianNoise(sigma), (ulong)(100 + k)));
        }
        return list;
    }

    private static IForwardOperator Mask(int k)
    {
        var rng = new Xoshiro256StarStar((ulong)(40 + k));
        return PixelMask.Random(Shape, 0.7, ref rng);
    }

    private static double MaxAbsDiff(double[][] a, double[][] b)
    {
        double d = 0;
        for (int i = 0; i < a.Length; i++)
            for (int p = 0; p < a[i].Length; p++) d = Math.Max(d, Math.Abs(a[i][p] - b[i][p]));
        return d;
    }

    [Theory]
    [InlineData("mask")]
    [InlineData("pool")]
    public void OnePgdOuterIterationEqualsOneDmiloOuterIterationForTightOperators(string task)
    {
        // C4 (docs/inverse-imaging.md): AAᵀ = L·I, η = 1/(2L), clamp inactive (truth scaled by 0.9, σ = 0.01) ⇒ A(x̃) = y on the
        // observed entries, so the projection target equals DMILO's and the two first outer iterations coincide.
        var prior = UntrainedPrior();
        var ms = Measurements(k => task == "mask" ? Mask(k) : new AveragePooling(Shape, 2), 2, truthScale: 0.9);
        var options = new DmiloOptions { OuterIterations = 1, InnerIterations = 5 };
        var dmilo = Dmilo.Solve(prior, ms, options);
        var pgd = Dmilo.SolvePgd(prior, ms, options);
        Assert.True(MaxAbsDiff(dmilo.Images, pgd.Images) < 1e-5, $"diff {MaxAbsDiff(dmilo.Images, pgd.Images)}");
        // negative control: another step size breaks the identity (the test can fail)
        var off = Dmilo.SolvePgd(prior, ms, options with { GradientStep = 0.3 / ms[0].Operator.LipschitzSquared });
        Assert.True(MaxAbsDiff(dmilo.Images, off.Images) > 1e-3);
    }

    [Fact]
    public void SmokeAllDiffusionSolversOnFourImagesAtBudget300()
    {
        // Budget B = 300 forward+backward calls per image (N = 3): DMPlug K = 100; DMILO / DMILO-PGD T_out·N·T_in = 2·3·50.
        var prior = UntrainedPrior();
        var ms = Measurements(Mask, 4);
        var plug = DmPlug.Solve(prior, ms, new DmPlugOptions { Iterations = 100 });
        var dmilo = Dmilo.Solve(prior, ms, new DmiloOptions { OuterIterations = 2, InnerIterations = 50 });
        var pgd = Dmilo.SolvePgd(prior, ms, new DmiloOptions { OuterIterations = 2, InnerIterations = 50 });
        Assert.Equal(300, plug.ForwardBackwardCalls);
        Assert.Equal(300, dmilo.ForwardBackwardCalls);
        Assert.Equal(300, pgd.ForwardBackwardCalls);
        foreach (var r in new[] { plug, dmilo, pgd })
        {
            Assert.All(r.Images, img => Assert.All(img, v => Assert.True(double.IsFinite(v) && Math.Abs(v) <= 1)));
            foreach (var curve in r.ResidualCurves)
            {
                double initial = ImageMetrics.MeasurementResidual(ms[0].Operator, new double[Shape.Length], ms[0].Y); // reference scale only
                Assert.True(curve[^1] < curve[0] || curve.Count == 2 && curve[^1] <= curve[0], $"residual {curve[0]} → {curve[^1]}");
                Assert.True(initial > 0);
            }
        }
        Assert.NotNull(dmilo.DeviationMagnitude);
        Assert.Null(plug.DeviationMagnitude);
    }

    [Fact]
    public void EsWmvSelectsTheFirstFlatWindowAndStopsAfterThePatience()
    {
        // x_k = k for k ≤ 20, then 20, W = 5, P = 20: the window variance is 2 from k = 5 (first minimum) to k = 20 (15 iterations
        // without a new minimum), then 1.36, 0.64, 0.16, 0 at k = 21..24 (each < 0.99 × the previous), and 0 after that;
        // no value is < 0.99·0, so the patience runs out 20 iterations later, at k = 44.
        var rule = new EsWmv(pixels: 1, window: 5, patience: 20);
        int stoppedAt = 0;
        for (int k = 1; k <= 60 && stoppedAt == 0; k++)
            if (rule.Add(k, [Math.Min(k, 20)])) stoppedAt = k;
        Assert.Equal(24, rule.SelectedIteration);
        Assert.Equal(20.0, rule.Selected[0]);
        Assert.Equal(44, stoppedAt);
    }

    [Fact]
    public void BadSolverSettingsAreRefused()
    {
        var prior = UntrainedPrior();
        var ms = Measurements(Mask, 1);
        Assert.Contains("Iterations", Assert.Throws<ArgumentOutOfRangeException>(() => DmPlug.Solve(prior, ms, new DmPlugOptions { Iterations = 0 })).Message);
        Assert.Contains("InnerIterations", Assert.Throws<ArgumentOutOfRangeException>(() => Dmilo.Solve(prior, ms, new DmiloOptions { InnerIterations = 0 })).Message);
        var wrongShape = new List<Measurement> { Measurement.Create(new AveragePooling(new ImageShape(16, 16), 2), new double[256], new GaussianNoise(0), 1) };
        Assert.Throws<ArgumentException>(() => Dmilo.Solve(prior, wrongShape, new DmiloOptions()));
    }
}

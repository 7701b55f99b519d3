using System.Numerics;
using PhyToolkit.Channels.Imaging;
using PhyToolkit.Core.Random;
using PhyToolkit.Optimization.Inverse;
using static PhyToolkit.Optimization.Tests.Inverse.InverseTestData;

namespace PhyToolkit.Optimization.Tests.Inverse;

public class ClassicalSolverTests
{
    private static readonly ImageShape Shape = new(12, 10);

    private static Measurement Blurred(Convolution2D op, double sigma = 0.05) =>
        Measurement.Create(op, ShapesImage(op.InputShape, 1), new GaussianNoise(sigma), 5);

    [Theory]
    [InlineData(Regularizer.Identity, 0.05)]
    [InlineData(Regularizer.Gradient, 0.3)]
    public void TikhonovByFftEqualsTikhonovByCg(Regularizer regularizer, double mu)
    {
        var op = new Convolution2D(Shape, BlurKernels.Gaussian(5, 1.0), 5, 5, BoundaryMode.Periodic);
        var m = Blurred(op);
        var fft = Tikhonov.SolveFft(op, m.Y, mu, regularizer);
        var cg = Tikhonov.SolveCg(op, m.Y, mu, regularizer, maxIterations: 2000, tolerance: 1e-13, differences: DifferenceBoundary.Periodic);
        Assert.True(MaxAbsDiff(fft, cg.Image) < 1e-8, $"diff {MaxAbsDiff(fft, cg.Image)} after {cg.Iterations} CG iterations");
    }

    [Fact]
    public void WienerWithConstantRatioIsTikhonovWithIdentity()
    {
        var op = new Convolution2D(Shape, BlurKernels.Gaussian(5, 1.0), 5, 5, BoundaryMode.Periodic);
        var m = Blurred(op);
        Assert.True(MaxAbsDiff(Wiener.Solve(op, m.Y, 0.02), Tikhonov.SolveFft(op, m.Y, 0.02)) < 1e-14);
    }

    [Fact]
    public void TikhonovOnAMaskIsTheClosedForm()
    {
        // (M + μI) x = M y  ⇒  x_i = y_i/(1 + μ) where observed, 0 elsewhere.
        var rng = new Xoshiro256StarStar(3);
        var mask = PixelMask.Random(Shape, 0.7, ref rng);
        var m = Measurement.Create(mask, ShapesImage(Shape, 2), new GaussianNoise(0.01), 1);
        var x = Tikhonov.SolveCg(mask, m.Y, 0.25).Image;
        for (int i = 0; i < x.Length; i++) Assert.Equal(mask.Observed[i] ? m.Y[i] / 1.25 : 0, x[i], 12);
    }

    [Fact]
    public void PseudoInversesReproduceTheMeasurement()
    {
        var pool = new AveragePooling(Shape, 2);
        var m = Measurement.Create(pool, ShapesImage(Shape, 3), new GaussianNoise(0.01), 1);
        var x = LeastSquares.PseudoInverse(pool, m.Y);
        var back = new double[m.Y.Length];
        pool.Apply(x, back);
        Assert.True(MaxAbsDiff(back, m.Y) < 1e-14);
        Assert.Throws<ArgumentException>(() => LeastSquares.PseudoInverse(WellPosedBlur(Shape), new double[Shape.Length]));
    }

    [Fact]
    public void LandweberAndCglsConvergeToTheExactInverseOfAnInvertibleBlur()
    {
        // μ = 0 FFT inverse is exact (K̂ ≥ 0.2). Landweber contracts by (1 − σ_min²/L) = 0.96 per iteration → 1e-9 at 600;
        // CG on a 120-unknown SPD system converges in far fewer.
        var op = WellPosedBlur(Shape);
        var m = Blurred(op);
        var exact = Tikhonov.SolveFft(op, m.Y, 0);
        var lw = LeastSquares.Landweber(op, m.Y, 600);
        var cg = LeastSquares.Cgls(op, m.Y, 300);
        Assert.True(MaxAbsDiff(lw.Image, exact) < 1e-7, $"Landweber diff {MaxAbsDiff(lw.Image, exact)}");
        Assert.True(MaxAbsDiff(cg.Image, exact) < 1e-8, $"CGLS diff {MaxAbsDiff(cg.Image, exact)}");
        for (int k = 1; k < lw.Objective.Count; k++) Assert.True(lw.Objective[k] <= lw.Objective[k - 1] + 1e-15); // τ = 1/L: monotone
    }

    [Fact]
    public void PowerLawFitRecoversAnExactSpectrum()
    {
        // A real, even image whose DFT is real: X(k,l) = sqrt(n·c·|ω|^(−β)) (X(0) = 0) ⇒ periodogram |X|²/n = c|ω|^(−β).
        var shape = new ImageShape(16, 16);
        double c = 0.7, beta = 2.5;
        var grid = new Complex[shape.Length];
        for (int k = 0; k < 16; k++)
            for (int l = 0; l < 16; l++)
            {
                double fk = k <= 8 ? k : k - 16, fl = l <= 8 ? l : l - 16, f = Math.Sqrt(fk * fk + fl * fl);
                grid[k * 16 + l] = f == 0 ? 0 : Math.Sqrt(shape.Length * c * Math.Pow(f, -beta));
            }
        Fft2D.Inverse(grid, 16, 16);
        var img = grid.Select(z => z.Real).ToArray();
        var fit = PowerLawSpectrum.Fit([img], shape);
        Assert.Equal(beta, fit.Exponent, 9);
        Assert.Equal(c, fit.Scale, 9);
    }

    [Fact]
    public void BadParametersAreRefused()
    {
        var op = WellPosedBlur(Shape);
        var y = new double[Shape.Length];
        Assert.Contains("mu", Assert.Throws<ArgumentOutOfRangeException>(() => Tikhonov.SolveCg(op, y, -1)).Message);
        Assert.Contains("stepSize", Assert.Throws<ArgumentOutOfRangeException>(() => LeastSquares.Landweber(op, y, 10, 3.0)).Message);
        Assert.Contains("iterations", Assert.Throws<ArgumentOutOfRangeException>(() => LeastSquares.Landweber(op, y, 0)).Message);
        Assert.Contains("Lambda", Assert.Throws<ArgumentOutOfRangeException>(() => TotalVariation.Fista(op, y, new TotalVariationOptions { Lambda = -0.1 })).Message);
        var reflect = new Convolution2D(Shape, BlurKernels.Gaussian(3, 1.0), 3, 3, BoundaryMode.Reflect);
        Assert.Throws<InvalidOperationException>(() => Tikhonov.SolveFft(reflect, y, 0.1));
    }
}

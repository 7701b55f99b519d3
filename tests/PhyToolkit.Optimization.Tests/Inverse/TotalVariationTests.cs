using PhyToolkit.Channels.Imaging;
using PhyToolkit.Core.Random;
using PhyToolkit.Optimization.Inverse;
using static PhyToolkit.Optimization.Tests.Inverse.InverseTestData;

namespace PhyToolkit.Optimization.Tests.Inverse;

public class TotalVariationTests
{
    private static readonly ImageShape Shape = new(12, 12);

    private static (IForwardOperator Op, Measurement M) Problem(string task)
    {
        var truth = ShapesImage(Shape, 4);
        var rng = new Xoshiro256StarStar(8);
        IForwardOperator op = task == "mask"
            ? PixelMask.Random(Shape, 0.5, ref rng)
            : new Convolution2D(Shape, BlurKernels.Gaussian(5, 1.0), 5, 5, BoundaryMode.Reflect);
        return (op, Measurement.Create(op, truth, new GaussianNoise(0.05), 9));
    }

    [Theory]
    [InlineData("blur")]
    [InlineData("mask")]
    public void FistaAdmmAndPdhgReachTheSameObjective(string task)
    {
        // One convex objective (no box), three algorithms: their final values must agree. Iteration counts are generous
        // for a 144-pixel problem; the tolerance 1e-4 relative is far above their reached accuracy and far below the
        // gap to a non-optimal point (checked below against the truth and against x = 0).
        var (op, m) = Problem(task);
        const double lambda = 0.04;
        var fista = TotalVariation.Fista(op, m.Y, new TotalVariationOptions { Lambda = lambda, Iterations = 1500, InnerIterations = 50, BoxConstraint = false });
        var admm = TotalVariation.Admm(op, m.Y, new TotalVariationOptions { Lambda = lambda, Iterations = 600, BoxConstraint = false, Penalty = 1 });
        var pdhg = TotalVariation.Pdhg(op, m.Y, new TotalVariationOptions { Lambda = lambda, Iterations = 6000, BoxConstraint = false });
        double fF = fista.Objective[^1], fA = admm.Objective[^1], fP = pdhg.Objective[^1];
        double best = Math.Min(fF, Math.Min(fA, fP));
        Assert.True(fF - best < 1e-4 * best && fA - best < 1e-4 * best && fP - best < 1e-4 * best, $"FISTA {fF}, ADMM {fA}, PDHG {fP}");
        Assert.Equal(fF, TotalVariation.Objective(op, m.Y, lambda, fista.Image), 12);
        Assert.True(best < TotalVariation.Objective(op, m.Y, lambda, m.Truth));
        Assert.True(best < TotalVariation.Objective(op, m.Y, lambda, new double[Shape.Length]));
    }

    [Fact]
    public void BoxConstrainedFistaAndPdhgAgreeAndStayInTheBox()
    {
        var (op, m) = Problem("blur");
        const double lambda = 0.02;
        var fista = TotalVariation.Fista(op, m.Y, new TotalVariationOptions { Lambda = lambda, Iterations = 1500, InnerIterations = 50 });
        var pdhg = TotalVariation.Pdhg(op, m.Y, new TotalVariationOptions { Lambda = lambda, Iterations = 6000 });
        Assert.All(fista.Image, v => Assert.InRange(v, -1.0, 1.0));
        Assert.All(pdhg.Image, v => Assert.InRange(v, -1.0, 1.0));
        double fF = fista.Objective[^1], fP = pdhg.Objective[^1];
        Assert.True(Math.Abs(fF - fP) < 1e-4 * Math.Min(fF, fP), $"FISTA {fF}, PDHG {fP}");
    }

    [Fact]
    public void FistaHandlesTheNonlinearSaturatingBlur()
    {
        var truth = ShapesImage(Shape, 5);
        var op = new SaturatingBlur(new Convolution2D(Shape, BlurKernels.Gaussian(5, 1.0), 5, 5, BoundaryMode.Reflect));
        var m = Measurement.Create(op, truth, new GaussianNoise(0.01), 2);
        var r = TotalVariation.Fista(op, m.Y, new TotalVariationOptions { Lambda = 0.01, Iterations = 300 });
        Assert.True(ImageMetrics.MeasurementResidual(op, r.Image, m.Y) < ImageMetrics.MeasurementResidual(op, new double[Shape.Length], m.Y) / 10);
        Assert.True(ImageMetrics.PsnrDb(r.Image, truth) > ImageMetrics.PsnrDb(new double[Shape.Length], truth));
    }

    [Fact]
    public void AdmmRefusesTheBoxAndNonlinearOperators()
    {
        var (op, m) = Problem("blur");
        Assert.Throws<ArgumentException>(() => TotalVariation.Admm(op, m.Y, new TotalVariationOptions { Lambda = 0.1 }));
        var nl = new SaturatingBlur((Convolution2D)op);
        Assert.Throws<ArgumentException>(() => TotalVariation.Admm(nl, m.Y, new TotalVariationOptions { Lambda = 0.1, BoxConstraint = false }));
    }
}

using PhyToolkit.Channels.Imaging;
using PhyToolkit.Core.Random;
using static PhyToolkit.Channels.Tests.Imaging.ImagingTestData;

namespace PhyToolkit.Channels.Tests.Imaging;

public class ForwardOperatorTests
{
    private static readonly ImageShape Shape = new(12, 10);

    public static TheoryData<string> LinearOperators() => new()
    {
        "mask", "pool2", "pool1", "bicubic2",
        "conv-zero-direct", "conv-zero-fft", "conv-periodic-direct", "conv-periodic-fft", "conv-reflect-direct", "conv-reflect-fft",
    };

    private static IForwardOperator Build(string name)
    {
        var rng = new Xoshiro256StarStar(7);
        var k = SkewKernel(5, 3);
        return name switch
        {
            "mask" => PixelMask.Random(Shape, 0.7, ref rng),
            "pool2" => new AveragePooling(Shape, 2),
            "pool1" => new AveragePooling(Shape, 1),
            "bicubic2" => new BicubicDownscale(Shape, 2),
            _ => new Convolution2D(Shape, k, 5, 3,
                name.Contains("zero") ? BoundaryMode.Zero : name.Contains("periodic") ? BoundaryMode.Periodic : BoundaryMode.Reflect,
                name.EndsWith("fft") ? ConvolutionMethod.Fft : ConvolutionMethod.Direct),
        };
    }

    [Theory]
    [MemberData(nameof(LinearOperators))]
    public void AdjointIdentityHoldsToRoundOff(string name)
    {
        // <A x, v> = <x, Aᵀ v> in float64; both sides are O(10), so 1e-10 absolute is ~1e-11 relative (round-off).
        var op = Build(name);
        for (ulong trial = 0; trial < 3; trial++)
        {
            var x = Gaussian(op.InputShape.Length, 100 + trial);
            var v = Gaussian(op.OutputShape.Length, 200 + trial);
            var ax = new double[v.Length];
            var atv = new double[x.Length];
            op.Apply(x, ax);
            op.Adjoint(v, atv);
            Assert.True(Math.Abs(Dot(ax, v) - Dot(x, atv)) < 1e-10, $"{name}: <Ax,v>={Dot(ax, v)} <x,ATv>={Dot(x, atv)}");
            var jt = new double[x.Length];
            op.JacobianAdjoint(Gaussian(x.Length, 9), v, jt);
            Assert.Equal(atv, jt);
        }
    }

    [Theory]
    [MemberData(nameof(LinearOperators))]
    public void LipschitzMatchesLargestSingularValueOfTheDenseMatrix(string name)
    {
        // Reference: σ_max² from MathNet's SVD of the explicitly built matrix (independent of our code).
        var op = Build(name);
        double reference = Math.Pow(Dense(op).Svd(computeVectors: false).S[0], 2);
        double tol = op.LipschitzIsExact ? 1e-10 : 1e-6; // power iteration (200 its): gap-dependent, checked at 1e-6 relative
        Assert.True(Math.Abs(op.LipschitzSquared - reference) <= tol * reference, $"{name}: L={op.LipschitzSquared} ref={reference}");
        // Power iteration's Rayleigh quotient is a lower bound that converges like (λ₂/λ₁)^k. The anti-aliased bicubic map
        // passes all low frequencies almost equally (a cluster of singular values just below the top), so 500 iterations
        // reach only ~1e-3 there; the other operators have a clear gap and reach 1e-6.
        double power = OperatorNorm.PowerIteration(op, 500, 3);
        double powerTol = name == "bicubic2" ? 2e-3 : 1e-6;
        Assert.True(power <= reference * (1 + 1e-12), $"{name}: power={power} above ref={reference}");
        Assert.True(reference - power <= powerTol * reference, $"{name}: power={power} ref={reference}");
    }

    [Theory]
    [InlineData(BoundaryMode.Zero)]
    [InlineData(BoundaryMode.Periodic)]
    [InlineData(BoundaryMode.Reflect)]
    public void FftAndDirectConvolutionAgreeToRoundOff(BoundaryMode mode)
    {
        var shape = new ImageShape(16, 13);
        var k = SkewKernel(7, 5);
        var direct = new Convolution2D(shape, k, 7, 5, mode, ConvolutionMethod.Direct);
        var fft = direct.WithMethod(ConvolutionMethod.Fft);
        var x = Gaussian(shape.Length, 5);
        var y1 = new double[shape.Length];
        var y2 = new double[shape.Length];
        direct.Apply(x, y1);
        fft.Apply(x, y2);
        Assert.True(MaxAbsDiff(y1, y2) < 1e-12, $"apply diff {MaxAbsDiff(y1, y2)}");
        direct.Adjoint(x, y1);
        fft.Adjoint(x, y2);
        Assert.True(MaxAbsDiff(y1, y2) < 1e-12, $"adjoint diff {MaxAbsDiff(y1, y2)}");
    }

    [Fact]
    public void ConvolutionOfADeltaReproducesTheKernelUnflipped()
    {
        // y[i,j] = Σ K[a,b] x[i−a+r, j−b+r]: a delta at (p,q) gives y[p+a−r, q+b−r] = K[a,b] (hand derivation).
        var shape = new ImageShape(9, 9);
        var k = SkewKernel(3, 3);
        var conv = new Convolution2D(shape, k, 3, 3, BoundaryMode.Zero);
        var x = new double[81];
        x[4 * 9 + 4] = 1;
        var y = new double[81];
        conv.Apply(x, y);
        for (int a = 0; a < 3; a++)
            for (int b = 0; b < 3; b++) Assert.Equal(k[a * 3 + b], y[(3 + a) * 9 + 3 + b]);
    }

    [Theory]
    [InlineData(BoundaryMode.Zero, 0.0)]
    [InlineData(BoundaryMode.Periodic, 0.0)] // x[r, 0] = 0 on the ramp below
    [InlineData(BoundaryMode.Reflect, 3.0)] // mirror without edge: index W reads W−2 = 3
    public void BoundaryModesReadTheRightPixelAtTheRightEdge(BoundaryMode mode, double expected)
    {
        // 1×3 kernel with weight only at b = 0: y[i,j] = x[i, j + 1]; the ramp x[i,j] = j on a 3×5 image.
        var shape = new ImageShape(3, 5);
        var conv = new Convolution2D(shape, [1.0, 0, 0], 1, 3, mode);
        var x = new double[15];
        for (int i = 0; i < 15; i++) x[i] = i % 5;
        var y = new double[15];
        conv.Apply(x, y);
        for (int r = 0; r < 3; r++)
        {
            for (int j = 0; j < 4; j++) Assert.Equal(j + 1, y[r * 5 + j]);
            Assert.Equal(expected, y[r * 5 + 4]);
        }
    }

    [Fact]
    public void AveragePoolingPseudoInverseIsScaledAdjoint()
    {
        // AAᵀ = I/s²  ⇒  A (s² Aᵀ y) = y.
        var op = new AveragePooling(new ImageShape(8, 12), 4);
        var y = Gaussian(op.OutputShape.Length, 1);
        var x = new double[op.InputShape.Length];
        op.Adjoint(y, x);
        for (int i = 0; i < x.Length; i++) x[i] *= 16;
        var back = new double[y.Length];
        op.Apply(x, back);
        Assert.True(MaxAbsDiff(back, y) < 1e-14);
    }

    [Fact]
    public void BicubicWeightsAreTheHandComputedKeysTaps()
    {
        // s = 2, output o samples u = 2o + ½; taps at (j − u)/2 = ±0.25, ±0.75, ±1.25, ±1.75 have Keys values
        // 0.8671875, 0.2265625, −0.0703125, −0.0234375 (a = −½, by hand); their sum over both sides is 2, so the
        // normalized interior weights are half of them.
        var w = BicubicDownscale.Weights(16, 2);
        double[] expected = [-0.01171875, -0.03515625, 0.11328125, 0.43359375, 0.43359375, 0.11328125, -0.03515625, -0.01171875];
        int o = 3; // interior row: taps j = 2o − 3 … 2o + 4
        for (int k = 0; k < 8; k++) Assert.Equal(expected[k], w[o * 16 + 2 * o - 3 + k], 15);
        // a linear ramp is reproduced exactly at the sample points away from the border
        var op = new BicubicDownscale(new ImageShape(16, 16), 2);
        var x = new double[256];
        for (int i = 0; i < 256; i++) x[i] = i % 16;
        var y = new double[64];
        op.Apply(x, y);
        Assert.Equal(2 * o + 0.5, y[3 * 8 + o], 12);
    }

    [Fact]
    public void RandomMaskRemovesTheRequestedFractionDeterministically()
    {
        var shape = new ImageShape(16, 16);
        var r1 = new Xoshiro256StarStar(11);
        var r2 = new Xoshiro256StarStar(11);
        var m1 = PixelMask.Random(shape, 0.7, ref r1);
        var m2 = PixelMask.Random(shape, 0.7, ref r2);
        Assert.Equal(256 - 179, m1.ObservedCount); // round(0.7·256) = 179 removed
        Assert.True(m1.Observed.SequenceEqual(m2.Observed));
    }

    [Fact]
    public void SaturatingBlurJacobianAdjointMatchesFiniteDifferences()
    {
        var shape = new ImageShape(8, 8);
        var blur = new Convolution2D(shape, BlurKernels.Gaussian(5, 1.0), 5, 5, BoundaryMode.Periodic);
        var op = new SaturatingBlur(blur, 2.0);
        var x = Gaussian(64, 1);
        for (int i = 0; i < 64; i++) x[i] *= 0.5;
        var v = Gaussian(64, 2);
        var d = Gaussian(64, 3);
        var jtv = new double[64];
        op.JacobianAdjoint(x, v, jtv);
        const double h = 1e-5;
        var xp = new double[64];
        var xm = new double[64];
        for (int i = 0; i < 64; i++) { xp[i] = x[i] + h * d[i]; xm[i] = x[i] - h * d[i]; }
        var ap = new double[64];
        var am = new double[64];
        op.Apply(xp, ap);
        op.Apply(xm, am);
        double fd = 0;
        for (int i = 0; i < 64; i++) fd += (ap[i] - am[i]) / (2 * h) * v[i];
        // central difference error O(h²·‖A'''‖) ≈ 1e-10 here; 1e-7 relative leaves room for cancellation
        Assert.True(Math.Abs(fd - Dot(jtv, d)) < 1e-7 * Math.Abs(fd), $"fd={fd} jt={Dot(jtv, d)}");
        double g = 2.0 / Math.Tanh(2.0);
        Assert.Equal(g * g * blur.LipschitzSquared, op.LipschitzSquared, 12);
        Assert.Throws<NotSupportedException>(() => op.Adjoint(v, jtv));
    }

    [Fact]
    public void BadShapesAndKernelsAreRefusedWithTheArgumentName()
    {
        var shape = new ImageShape(8, 8);
        Assert.Contains("kernelRows", Assert.Throws<ArgumentOutOfRangeException>(() => new Convolution2D(shape, new double[81], 9, 9)).Message);
        Assert.Contains("kernelColumns", Assert.Throws<ArgumentOutOfRangeException>(() => new Convolution2D(shape, new double[12], 3, 4)).Message);
        Assert.Contains("inputShape", Assert.Throws<ArgumentOutOfRangeException>(() => new AveragePooling(new ImageShape(0, 4), 2)).Message);
        Assert.Throws<ArgumentException>(() => new AveragePooling(new ImageShape(6, 6), 4));
        var rng = new Xoshiro256StarStar(1);
        Assert.Contains("removedFraction", Assert.Throws<ArgumentOutOfRangeException>(() => PixelMask.Random(shape, 1.0, ref rng)).Message);
        Assert.Contains("removedFraction", Assert.Throws<ArgumentOutOfRangeException>(() => PixelMask.Random(shape, -0.1, ref rng)).Message);
    }
}

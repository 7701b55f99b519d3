using System.Numerics;
using PhyToolkit.Channels.LinearAlgebra;
using PhyToolkit.Core.Random;

namespace PhyToolkit.Channels.Tests.LinearAlgebra;

// Products and LU are backward stable; with O(1) Gaussian entries the differences to MathNet are ~n·1e-16.
public class ComplexMatrixTests
{
    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(3, 5, 2)]
    [InlineData(8, 4, 8)]
    [InlineData(32, 32, 7)]
    public void Products_MatchMathNet(int rows, int inner, int cols)
    {
        var rng = new Xoshiro256StarStar(11 + (ulong)(rows * 1000 + inner * 10 + cols));
        var a = TestMatrices.Gaussian(ref rng, rows, inner);
        var b = TestMatrices.Gaussian(ref rng, inner, cols);
        var am = TestMatrices.ToMathNet(a, rows, inner);
        var bm = TestMatrices.ToMathNet(b, inner, cols);
        var c = new Complex[rows * cols];
        ComplexMatrix.Multiply(a, b, c, rows, inner, cols);
        Assert.True(TestMatrices.MaxAbsDiff(c, TestMatrices.FromMathNet(am * bm)) <= 1e-12);

        var ah = TestMatrices.FromMathNet(am.ConjugateTranspose()); // inner×rows
        ComplexMatrix.MultiplyAdjointLeft(ah, b, c, rows, inner, cols);
        Assert.True(TestMatrices.MaxAbsDiff(c, TestMatrices.FromMathNet(am * bm)) <= 1e-12);

        var bh = TestMatrices.FromMathNet(bm.ConjugateTranspose()); // cols×inner
        ComplexMatrix.MultiplyAdjointRight(a, bh, c, rows, inner, cols);
        Assert.True(TestMatrices.MaxAbsDiff(c, TestMatrices.FromMathNet(am * bm)) <= 1e-12);

        var t = new Complex[rows * inner];
        ComplexMatrix.ConjugateTranspose(a, t, rows, inner);
        Assert.Equal(ah, t);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(9)]
    [InlineData(32)]
    public void LogAbsDeterminant_MatchesMathNet(int n)
    {
        var rng = new Xoshiro256StarStar(21 + (ulong)n);
        var a = TestMatrices.Gaussian(ref rng, n, n);
        double expected = Math.Log(TestMatrices.ToMathNet(a, n, n).Determinant().Magnitude);
        Assert.Equal(expected, ComplexMatrix.LogAbsDeterminant(a, n, new Complex[n * n]), 1e-12 * Math.Max(1, Math.Abs(expected)));
    }

    [Fact]
    public void LogAbsDeterminant_SingularIsNegativeInfinity()
    {
        var a = new Complex[] { 1, 2, 2, 4 };
        Assert.Equal(double.NegativeInfinity, ComplexMatrix.LogAbsDeterminant(a, 2, new Complex[4]));
    }

    [Fact]
    public void InnerProducts_FollowTheFrobeniusConvention()
    {
        var a = new Complex[] { new(1, 2), new(0, -1) };
        var b = new Complex[] { new(3, 1), new(2, 2) };
        // conj(1+2j)(3+j) + conj(-j)(2+2j) = (5-5j) + (-2+2j) = 3-3j
        Assert.Equal(new Complex(3, -3), ComplexMatrix.InnerProduct(a, b));
        Assert.Equal(3.0, ComplexMatrix.RealInnerProduct(a, b));
        Assert.Equal(6.0, ComplexMatrix.FrobeniusNormSquared(a));
    }
}

using PhyToolkit.Optimization.NaturalGradient;
using static PhyToolkit.Optimization.Tests.NaturalGradient.NaturalGradientTestData;

namespace PhyToolkit.Optimization.Tests.NaturalGradient;

/// <summary>The Woodbury (push-through) identity behind ENGD-W: Jᵀ(JJᵀ + λI)⁻¹r = (JᵀJ + λI)⁻¹Jᵀr (arXiv 2505.12149).</summary>
public class DampedLeastSquaresTests
{
    // N < P (the regime where ENGD-W is cheaper) and N > P; λ spans the spec's range. Both sides are backward-stable Cholesky
    // solves, so the forward error of either is about u·κ with κ = (σ_max² + λ)/λ ≤ (‖J‖_F² + λ)/λ (u = 2⁻⁵³). For λ ≥ 1e-3 the
    // spec's 1e-9 is met with room (κ ≲ 1e6). For λ = 1e-8 one of the two Gram matrices is singular plus λ (rank min(N, P)), κ ≈ 1e11,
    // and no float64 solve of that system is accurate to 1e-9: the assert is then the conditioning bound 10·u·κ (≈ 3e-4 here;
    // measured ≈ 1e-6).
    [Theory]
    [InlineData(20, 60, 1.0)]
    [InlineData(20, 60, 1e-3)]
    [InlineData(20, 60, 1e-8)]
    [InlineData(60, 20, 1.0)]
    [InlineData(60, 20, 1e-3)]
    [InlineData(60, 20, 1e-8)]
    public void KernelAndParameterSpaceStepsAgree(int n, int p, double lambda)
    {
        var j = Gaussian(n * p, 11);
        var r = Gaussian(n, 12);
        var dKernel = new double[p];
        var dParam = new double[p];
        DampedLeastSquares.KernelSpaceSolve(j, n, p, r, lambda, dKernel, new double[n * n + n]);
        DampedLeastSquares.ParameterSpaceSolve(j, n, p, r, lambda, dParam, new double[p * p]);
        double froSquared = 0;
        foreach (double v in j) froSquared += v * v;
        double tolerance = lambda >= 1e-3 ? 1e-9 : 10 * Math.ScaleB(1.0, -53) * (froSquared + lambda) / lambda;
        Assert.True(RelativeDifference(dKernel, dParam) < tolerance, $"relative difference {RelativeDifference(dKernel, dParam):G3}");
    }

    [Fact]
    public void KernelAndGramAreTheProductsOfJ()
    {
        const int n = 7, p = 5;
        var j = Gaussian(n * p, 3);
        var k = new double[n * n];
        var g = new double[p * p];
        DampedLeastSquares.Kernel(j, n, p, k);
        DampedLeastSquares.Gram(j, n, p, g);
        for (int a = 0; a < n; a++)
            for (int b = 0; b < n; b++)
            {
                double s = 0;
                for (int i = 0; i < p; i++) s += j[a * p + i] * j[b * p + i];
                Assert.Equal(s, k[a * n + b], 12);
            }
        for (int a = 0; a < p; a++)
            for (int b = 0; b < p; b++)
            {
                double s = 0;
                for (int i = 0; i < n; i++) s += j[i * p + a] * j[i * p + b];
                Assert.Equal(s, g[a * p + b], 12);
            }
    }

    [Fact]
    public void NonPositiveDampingIsRejected()
    {
        var j = Gaussian(6, 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => DampedLeastSquares.KernelSpaceSolve(j, 2, 3, new double[2], 0, new double[3], new double[6]));
        Assert.Throws<ArgumentOutOfRangeException>(() => DampedLeastSquares.ParameterSpaceSolve(j, 2, 3, new double[2], -1e-3, new double[3], new double[9]));
    }
}

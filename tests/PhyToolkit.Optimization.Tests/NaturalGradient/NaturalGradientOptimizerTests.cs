using MathNet.Numerics.LinearAlgebra;
using PhyToolkit.Core.Random;
using PhyToolkit.Optimization.NaturalGradient;
using static PhyToolkit.Optimization.Tests.NaturalGradient.NaturalGradientTestData;

namespace PhyToolkit.Optimization.Tests.NaturalGradient;

/// <summary>SPRING (arXiv 2401.10190; PINN form of arXiv 2505.12149, Alg. 1), ENGD-W and the grid line search.</summary>
public class NaturalGradientOptimizerTests
{
    private static SineResidualModel Model(int n, int p, ulong seed)
    {
        var a = Gaussian(n * p, seed);
        for (int i = 0; i < a.Length; i++) a[i] /= Math.Sqrt(p);
        return new SineResidualModel(a, Gaussian(n, seed + 1), p);
    }

    [Theory]
    [InlineData(15, 40)]
    [InlineData(40, 15)]
    public void SpringWithZeroMomentumIsTheEngdWStep(int n, int p)
    {
        var m = Model(n, p, 5);
        var theta = Gaussian(p, 9);
        var rng = new Xoshiro256StarStar(1);
        var spring = new NaturalGradientOptimizer(m, new NaturalGradientOptions { Momentum = 0, Damping = 1e-3 });
        // Two steps so that the second starts from a non-zero φ_(k−1) (which μ = 0 must ignore).
        spring.Step(theta, ref rng);
        spring.ComputeDirection(theta, ref rng);
        // Independent ENGD-W direction: −Jᵀ(JJᵀ + λI)⁻¹r.
        var r = new double[n];
        var j = new double[n * p];
        m.Jacobian(theta, r, j);
        var d = new double[p];
        DampedLeastSquares.KernelSpaceSolve(j, n, p, r, 1e-3, d, new double[n * n + n]);
        for (int i = 0; i < p; i++) Assert.Equal(-d[i], spring.Direction[i], 15);
    }

    [Theory]
    [InlineData(15, 40, 0.9)]
    [InlineData(40, 15, 0.99)]
    public void SpringClosedFormMinimisesTheRegularisedLeastSquares(int n, int p, double mu)
    {
        const double lambda = 1e-2;
        var m = Model(n, p, 21);
        var theta = Gaussian(p, 22);
        var rng = new Xoshiro256StarStar(1);
        var spring = new NaturalGradientOptimizer(m, new NaturalGradientOptions { Momentum = mu, Damping = lambda });
        spring.Step(theta, ref rng);
        var prev = spring.Direction.ToArray();
        spring.ComputeDirection(theta, ref rng);
        // Dense minimiser of ‖Jφ − ε‖² + λ‖φ − μφ_prev‖²: (JᵀJ + λI)φ = Jᵀε + λμφ_prev, ε = −r (MathNet LU, independent of our solves).
        var r = new double[n];
        var jr = new double[n * p];
        m.Jacobian(theta, r, jr);
        var J = Matrix<double>.Build.DenseOfRowMajor(n, p, jr);
        var lhs = J.TransposeThisAndMultiply(J) + lambda * Matrix<double>.Build.DenseIdentity(p);
        var rhs = J.TransposeThisAndMultiply(Vector<double>.Build.DenseOfArray(r).Negate()) + lambda * mu * Vector<double>.Build.DenseOfArray(prev);
        var phi = lhs.LU().Solve(rhs).ToArray();
        Assert.True(RelativeDifference(spring.Direction, phi) < 1e-9, $"relative difference {RelativeDifference(spring.Direction, phi):G3}");
    }

    [Fact]
    public void SpringInParameterSpaceEqualsSpringInKernelSpace()
    {
        var m = Model(12, 30, 31);
        var t1 = Gaussian(30, 32);
        var t2 = t1.ToArray();
        var rng1 = new Xoshiro256StarStar(1);
        var rng2 = new Xoshiro256StarStar(1);
        var k = new NaturalGradientOptimizer(m, new NaturalGradientOptions { Momentum = 0.9, Damping = 1e-2 });
        var g = new NaturalGradientOptimizer(m, new NaturalGradientOptions { Momentum = 0.9, Damping = 1e-2, Space = NaturalGradientSpace.Parameter });
        for (int s = 0; s < 5; s++)
        {
            k.Step(t1, ref rng1);
            g.Step(t2, ref rng2);
        }
        Assert.True(RelativeDifference(t1, t2) < 1e-9, $"relative difference {RelativeDifference(t1, t2):G3}");
    }

    [Fact]
    public void LineSearchNeverIncreasesTheBatchLoss()
    {
        for (ulong seed = 0; seed < 20; seed++)
        {
            var m = Model(10, 8, 100 + seed);
            var theta = Gaussian(8, 200 + seed);
            var rng = new Xoshiro256StarStar(seed);
            var opt = new NaturalGradientOptimizer(m, new NaturalGradientOptions { Momentum = seed % 2 == 0 ? 0 : 0.95, Damping = 1e-3 });
            for (int s = 0; s < 10; s++)
            {
                var step = opt.Step(theta, ref rng);
                Assert.True(step.LossAfter <= step.LossBefore, $"seed {seed} step {s}: {step.LossAfter} > {step.LossBefore}");
                var r = new double[10];
                m.Residuals(theta, r);
                Assert.Equal(step.LossAfter, 0.5 * PhyToolkit.Core.LinearAlgebra.VectorOps.Dot(r, r), 14);
            }
        }
    }

    [Fact]
    public void LineSearchTakesNoStepAlongAnAscentDirection()
    {
        var m = Model(10, 8, 7);
        var theta = Gaussian(8, 8);
        var r = new double[10];
        var j = new double[80];
        m.Jacobian(theta, r, j);
        var g = new double[8];
        DampedLeastSquares.MultiplyTransposed(j, 10, 8, r, g);   // +gradient: ascent for every τ small enough
        double loss0 = 0.5 * PhyToolkit.Core.LinearAlgebra.VectorOps.Dot(r, r);
        var (tau, loss) = GridLineSearch.Search(m, theta, g, loss0, -30, -20, new double[8], new double[10]);
        Assert.Equal(0, tau);
        Assert.Equal(loss0, loss);
    }

    [Fact]
    public void SubsampledNaturalGradientWithUnitStepIsAKaczmarzProjection()
    {
        // With τ = 1, λ → 0 and a row block S, θ⁺ = θ − A_Sᵀ(A_S A_Sᵀ)⁻¹(A_Sθ − b_S) solves the sampled rows exactly.
        const int m = 30, p = 12, s = 5;
        var a = Gaussian(m * p, 41);
        var b = Gaussian(m, 42);
        var model = new LinearResidualModel(a, b, p, s);
        var rng = new Xoshiro256StarStar(3);
        model.Resample(ref rng);
        var theta = new double[p];
        var opt = new NaturalGradientOptimizer(model, new NaturalGradientOptions { Damping = 1e-12, LearningRate = 1, NormConstraint = 1e12 });
        opt.Step(theta, ref rng);
        var r = new double[s];
        model.Residuals(theta, r);
        Assert.True(PhyToolkit.Core.LinearAlgebra.VectorOps.Norm(r) < 1e-9);
    }

    [Fact]
    public void BadOptionsAreRejected()
    {
        var m = Model(5, 4, 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => new NaturalGradientOptimizer(m, new NaturalGradientOptions { Damping = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new NaturalGradientOptimizer(m, new NaturalGradientOptions { Damping = -1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new NaturalGradientOptimizer(m, new NaturalGradientOptions { Momentum = 1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new NaturalGradientOptimizer(m, new NaturalGradientOptions { SketchRank = 6 }));   // ℓ > N
        Assert.Throws<ArgumentOutOfRangeException>(() => new NaturalGradientOptimizer(m, new NaturalGradientOptions { SketchRank = 2, Space = NaturalGradientSpace.Parameter }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new NaturalGradientOptimizer(m, new NaturalGradientOptions { LearningRate = 0 }));
    }
}

using PhyToolkit.Core.Random;
using PhyToolkit.Optimization.Hierarchical;

namespace PhyToolkit.Optimization.Tests.Hierarchical;

public class TwoTimescaleGdaTests
{
    [Fact]
    public void OneStepIsDescentInXAndAscentInY()
    {
        var p = new CoupledQuadraticMinimax(6, 4, 1, 0, 3);
        var x0 = HierarchicalTestKit.Gaussian(6, 1);
        var y0 = HierarchicalTestKit.Gaussian(4, 2);
        var rng = new Xoshiro256StarStar(1);
        var opts = new TwoTimescaleGdaOptions { Iterations = 1, EtaX = 0.03, EtaY = 0.4 };
        var r = TwoTimescaleGda.Run(p, x0, y0, opts, ref rng);
        var gx = new double[6]; var gy = new double[4];
        var rng2 = new Xoshiro256StarStar(1);
        p.Sample(x0, y0, ref rng2, gx, gy);
        // Deterministic oracle (σ = 0): the step is x − η_x∇_x f, y + η_y∇_y f exactly, up to the order of the floating-point operations.
        for (int i = 0; i < 6; i++) Assert.Equal(x0[i] - 0.03 * gx[i], r.X[i], 1e-15);
        for (int i = 0; i < 4; i++) Assert.Equal(y0[i] + 0.4 * gy[i], r.Y[i], 1e-15);
        Assert.Equal(1, r.OracleCalls);
    }

    [Fact]
    public void DeterministicRunReachesAStationaryPointWithTheInnerVariableTracking()
    {
        var p = new CoupledQuadraticMinimax(20, 10, 1, 0, 7);
        var x0 = HierarchicalTestKit.Gaussian(20, 100);
        var rng = new Xoshiro256StarStar(5);
        var r = TwoTimescaleGda.Run(p, x0, new double[10], new TwoTimescaleGdaOptions { Iterations = 4000 }, ref rng, p);
        // With η_y = 0.5 (μ = 1) the inner error contracts by ≈ 1/2 per step and the outer step η_x = 0.05 < 1/ℓ_Φ
        // (ℓ_Φ ≤ 2 + ‖B‖² ≈ 4): plain GDA converges; from ‖∇Φ(x0)‖ = O(1), 4000 steps bring it far below 1e-4
        // (a loose bound: only convergence, not a rate, is checked).
        Assert.True(r.OuterGradientNorm![^1] < 1e-4, $"‖∇Φ‖ = {r.OuterGradientNorm[^1]}");
        Assert.True(r.InnerError![^1] < 1e-4, $"‖y − y*‖ = {r.InnerError[^1]}");
    }

    [Fact]
    public void NoisyRunStallsAtAFloorThatShrinksWithTheStep()
    {
        // Fixed-step SGDA has a noise floor ∝ √η (not noise-adaptive): dividing both steps by 4 lowers the tail error.
        double Tail(double scale)
        {
            var p = new CoupledQuadraticMinimax(20, 10, 1, 0.3, 7);
            var rng = new Xoshiro256StarStar(11);
            var r = TwoTimescaleGda.Run(p, HierarchicalTestKit.Gaussian(20, 100), new double[10],
                new TwoTimescaleGdaOptions { Iterations = 20000, EtaX = 0.05 * scale, EtaY = 0.5 * scale }, ref rng, p);
            return HierarchicalTestKit.TailMean(r.OuterGradientNorm!, 20000);
        }
        double big = Tail(1), small = Tail(0.25);
        // Floor theory: ‖∇Φ‖ at stationarity scales like √(η_x σ²); a 4× smaller step gives ≈ 2× lower error.
        // Assert only the direction with margin (≥ 1.3×), since the run mixes transient and floor.
        Assert.True(big > 1.3 * small, $"η: {big}, η/4: {small}");
    }

    [Theory]
    [InlineData(0, 0.1, 0.1, "Iterations")]
    [InlineData(10, 0, 0.1, "EtaX")]
    [InlineData(10, 0.1, -1, "EtaY")]
    public void BadOptionsNameTheField(int t, double ex, double ey, string field)
    {
        var ex1 = Assert.ThrowsAny<ArgumentException>(() => new TwoTimescaleGdaOptions { Iterations = t, EtaX = ex, EtaY = ey }.Validate());
        Assert.Contains(field, ex1.Message);
    }
}

using PhyToolkit.Channels.Imaging;
using PhyToolkit.Core.Random;
using PhyToolkit.Optimization.Inverse;

namespace PhyToolkit.Optimization.Tests.Inverse;

public class FiniteDifferencesTests
{
    [Theory]
    [InlineData(DifferenceBoundary.Neumann)]
    [InlineData(DifferenceBoundary.Periodic)]
    public void AdjointIdentityAndNormBound(DifferenceBoundary boundary)
    {
        var shape = new ImageShape(7, 9);
        var d = new FiniteDifferences(shape, boundary);
        var rng = new Xoshiro256StarStar(1);
        var x = new double[shape.Length];
        var g = new double[2 * shape.Length];
        for (int i = 0; i < x.Length; i++) x[i] = rng.NextGaussian();
        for (int i = 0; i < g.Length; i++) g[i] = rng.NextGaussian();
        var dx = new double[g.Length];
        var dtg = new double[x.Length];
        d.Apply(x, dx);
        d.Adjoint(g, dtg);
        double lhs = 0, rhs = 0;
        for (int i = 0; i < g.Length; i++) lhs += dx[i] * g[i];
        for (int i = 0; i < x.Length; i++) rhs += x[i] * dtg[i];
        Assert.True(Math.Abs(lhs - rhs) < 1e-10);
        // a checkerboard attains ‖Dx‖² = 8‖x‖² for periodic even sides; here ‖Dx‖²/‖x‖² must stay ≤ 8
        double nx = x.Sum(v => v * v), ndx = dx.Sum(v => v * v);
        Assert.True(ndx <= FiniteDifferences.NormSquaredBound * nx);
    }

    [Fact]
    public void TotalVariationOfAStepIsItsHeightTimesItsLength()
    {
        // left half −1, right half +1 on 6×8: one jump of 2 per row, 6 rows ⇒ TV = 12 (Neumann).
        var shape = new ImageShape(6, 8);
        var x = new double[48];
        for (int i = 0; i < 48; i++) x[i] = i % 8 < 4 ? -1 : 1;
        Assert.Equal(12.0, new FiniteDifferences(shape).TotalVariation(x), 14);
    }
}

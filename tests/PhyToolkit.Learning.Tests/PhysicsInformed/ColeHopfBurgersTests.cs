using PhyToolkit.Learning.PhysicsInformed;

namespace PhyToolkit.Learning.Tests.PhysicsInformed;

public class ColeHopfBurgersTests
{
    private const double Nu = 0.01 / Math.PI;

    [Fact]
    public void QuadratureIsConverged()
    {
        var a = new ColeHopfBurgers(Nu, 200);
        var b = new ColeHopfBurgers(Nu, 300);
        for (double x = -1; x < 1; x += 0.0625)
            foreach (double t in new[] { 0.1, 0.5, 1.0 })
                Assert.True(Math.Abs(a.Evaluate(x, t) - b.Evaluate(x, t)) < 1e-12, $"x={x} t={t}");
    }

    [Fact]
    public void IsOddInXAndStartsFromMinusSine()
    {
        var ch = new ColeHopfBurgers(Nu);
        for (double x = 0.05; x < 1; x += 0.1)
        {
            Assert.Equal(-ch.Evaluate(x, 0.7), ch.Evaluate(-x, 0.7), 12);
            // u(x, t) = u0(x) + t·(ν u0'' − u0 u0') + O(t²); at t = 1e-6 the deviation is ≤ ~1e-5.
            Assert.Equal(-Math.Sin(Math.PI * x), ch.Evaluate(x, 1e-6), 4);
        }
    }

    [Fact]
    public void NonPositiveViscosityIsRefused() =>
        Assert.Equal("viscosityNu", Assert.Throws<ArgumentOutOfRangeException>(() => new ColeHopfBurgers(0)).ParamName);
}

using PhyToolkit.Core.Random;
using PhyToolkit.Learning.PhysicsInformed;
using Xunit.Abstractions;

namespace PhyToolkit.Learning.Tests.PhysicsInformed;

public class BurgersSpectralSolverTests(ITestOutputHelper output)
{
    private static BurgersSpectralSolver ColeHopfSetup(double nu, int n, double dt = 1e-3) =>
        new(new BurgersSolverOptions { ViscosityNu = nu, PeriodLength = 2, DomainStart = -1, GridPoints = n, TimeStep = dt });

    private static double RelativeL2(BurgersSpectralSolver s, ColeHopfBurgers exact, double[] u, double t)
    {
        double e2 = 0, r2 = 0;
        for (int j = 0; j < u.Length; j++)
        {
            double ex = exact.Evaluate(s.GridPoint(j), t), d = u[j] - ex;
            e2 += d * d; r2 += ex * ex;
        }
        return Math.Sqrt(e2 / r2);
    }

    // The classical benchmark u0 = −sin πx on [−1, 1), ν = 0.01/π, to t = 1 (a steep front forms at x = 0 after
    // t ≈ 1/π). Error must fall as the grid is refined and the finest grid (N = 512) must reach a relative L² error of 1e-3,
    // the accuracy we ask of a reference solver whose outputs train networks with errors of order 1e-2.
    [Fact]
    public void MatchesColeHopfAndConvergesWithResolution()
    {
        const double nu = 0.01 / Math.PI;
        var exact = new ColeHopfBurgers(nu);
        double previous = double.PositiveInfinity;
        foreach (int n in new[] { 128, 256, 512 })
        {
            var s = ColeHopfSetup(nu, n);
            var u0 = s.Grid().Select(x => -Math.Sin(Math.PI * x)).ToArray();
            var u = new double[2 * n];
            s.Solve(u0, new[] { 0.5, 1.0 }, u);
            double err = RelativeL2(s, exact, u[n..], 1.0);
            output.WriteLine($"N = {n}: relative L2 error at t = 1: {err:E3}; at t = 0.5: {RelativeL2(s, exact, u[..n], 0.5):E3}");
            Assert.True(err < previous, $"error did not decrease at N = {n}: {err} vs {previous}");
            previous = err;
        }
        Assert.True(previous < 1e-3, $"finest-grid error {previous}");
    }

    // Integrating-factor RK4 is fourth order in time: halving dt divides the self-convergence difference by ≈ 16;
    // 10 leaves room for the pre-asymptotic range while refusing a first- or second-order scheme (ratios 2 and 4).
    [Fact]
    public void TimeSteppingIsFourthOrder()
    {
        const double nu = 0.1 / Math.PI;
        double[]? previous = null;
        double previousDiff = double.NaN;
        foreach (double dt in new[] { 1e-2, 5e-3, 2.5e-3 })
        {
            var s = ColeHopfSetup(nu, 128, dt);
            var u0 = s.Grid().Select(x => -Math.Sin(Math.PI * x)).ToArray();
            var u = new double[128];
            s.Solve(u0, new[] { 0.5 }, u);
            if (previous is not null)
            {
                double diff = u.Zip(previous, (a, b) => Math.Abs(a - b)).Max();
                if (!double.IsNaN(previousDiff))
                {
                    output.WriteLine($"dt = {dt}: ratio {previousDiff / diff:F2}");
                    Assert.True(previousDiff / diff > 10, $"ratio {previousDiff / diff}");
                }
                previousDiff = diff;
            }
            previous = u;
        }
    }

    // The mean ∫u dx is invariant (conservation form, mode 0 untouched), the energy ∫u²/2 dx never increases.
    [Fact]
    public void ConservesTheMeanAndDissipatesEnergyOnARandomInput()
    {
        var field = new PeriodicGaussianRandomField();
        var rng = new Xoshiro256StarStar(7);
        var s = new BurgersSpectralSolver(new BurgersSolverOptions { ViscosityNu = 0.02 });
        var u0 = new double[s.GridPoints];
        field.Sample(ref rng, u0);
        for (int j = 0; j < u0.Length; j++) u0[j] += 0.3; // a non-zero mean
        var times = Enumerable.Range(0, 11).Select(i => 0.1 * i).ToArray();
        var u = new double[times.Length * s.GridPoints];
        s.Solve(u0, times, u);
        double mean0 = u0.Average(), previousEnergy = double.PositiveInfinity;
        for (int r = 0; r < times.Length; r++)
        {
            var row = u.AsSpan(r * s.GridPoints, s.GridPoints).ToArray();
            Assert.Equal(mean0, row.Average(), 12);
            double energy = row.Sum(v => v * v);
            Assert.True(energy <= previousEnergy, $"energy rose at t = {times[r]}");
            previousEnergy = energy;
        }
    }

    [Fact]
    public void BadSettingsAreRefusedNamingTheField()
    {
        Assert.Equal("ViscosityNu", Assert.Throws<ArgumentOutOfRangeException>(() => new BurgersSpectralSolver(new BurgersSolverOptions { ViscosityNu = 0 })).ParamName);
        Assert.Equal("ViscosityNu", Assert.Throws<ArgumentOutOfRangeException>(() => new BurgersSpectralSolver(new BurgersSolverOptions { ViscosityNu = -0.01 })).ParamName);
        Assert.Equal("GridPoints", Assert.Throws<ArgumentOutOfRangeException>(() => new BurgersSpectralSolver(new BurgersSolverOptions { ViscosityNu = 0.01, GridPoints = 101 })).ParamName);
        Assert.Equal("TimeStep", Assert.Throws<ArgumentOutOfRangeException>(() => new BurgersSpectralSolver(new BurgersSolverOptions { ViscosityNu = 0.01, TimeStep = 0 })).ParamName);
        var s = new BurgersSpectralSolver(new BurgersSolverOptions { ViscosityNu = 0.01, GridPoints = 16 });
        Assert.Throws<ArgumentOutOfRangeException>(() => s.Solve(new double[16], new[] { 0.5, 0.2 }, new double[32]));
    }
}

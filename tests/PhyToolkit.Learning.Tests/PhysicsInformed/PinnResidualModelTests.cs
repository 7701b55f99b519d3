using PhyToolkit.Core.Random;
using PhyToolkit.Learning.PhysicsInformed;
using PhyToolkit.Optimization.NaturalGradient;

namespace PhyToolkit.Learning.Tests.PhysicsInformed;

/// <summary>P1–P4 and the closed-form Jacobian of the shallow tanh PINN (docs/engd.md), against finite differences.</summary>
public class PinnResidualModelTests
{
    public static TheoryData<string> Problems => new() { "P1", "P2", "P3", "P4" };

    private static (PinnResidualModel Model, double[] Theta) Setup(string name, int width = 7)
    {
        var model = new PinnResidualModel(PdeProblem.ByName(name), width, 9, 6);
        var rng = new Xoshiro256StarStar(SeedFor(name));
        model.Resample(ref rng);
        var theta = new double[model.ParameterCount];
        model.Network.Initialize(ref rng, theta);
        for (int i = 0; i < theta.Length; i++) theta[i] *= 2.5;     // away from the near-linear regime of tanh
        return (model, theta);
    }

    private static ulong SeedFor(string name) => (ulong)name[1];

    [Theory]
    [MemberData(nameof(Problems))]
    public void ClosedFormSolutionSatisfiesThePde(string name)
    {
        // D[u*] = c_t ∂_t u* − c_Δ Δu* by central differences (h = 1e-4: truncation ~h²·u⁗ ≈ 1e-8·π⁴, round-off ~1e-16/h² ≈ 1e-8)
        // must equal f; boundary points must lie on a face (or t = 0).
        var pb = PdeProblem.ByName(name);
        int m = pb.InputDimension, d = pb.SpatialDimension;
        var rng = new Xoshiro256StarStar(7);
        var pts = new double[20 * m];
        pb.SampleInterior(ref rng, 20, pts);
        const double h = 1e-4;
        for (int i = 0; i < 20; i++)
        {
            var x = pts.AsSpan(i * m, m).ToArray();
            double u0 = pb.Exact(x), lap = 0, dt = 0;
            for (int k = 0; k < m; k++)
            {
                var xp = (double[])x.Clone(); xp[k] += h;
                var xm = (double[])x.Clone(); xm[k] -= h;
                if (k < d) lap += (pb.Exact(xp) - 2 * u0 + pb.Exact(xm)) / (h * h);
                else dt = (pb.Exact(xp) - pb.Exact(xm)) / (2 * h);
            }
            double lhs = pb.TimeCoefficient * dt - pb.DiffusionCoefficient * lap;
            Assert.True(Math.Abs(lhs - pb.Source(x)) < 1e-5 * (1 + Math.Abs(pb.Source(x))), $"{name} point {i}: D[u*] = {lhs}, f = {pb.Source(x)}");
        }
        var bnd = new double[40 * m];
        pb.SampleBoundary(ref rng, 40, bnd);
        for (int i = 0; i < 40; i++)
        {
            var x = bnd.AsSpan(i * m, m);
            bool onFace = false;
            for (int k = 0; k < d; k++) onFace |= x[k] == 0 || x[k] == 1;
            if (pb.HasTime) onFace |= x[d] == 0;
            Assert.True(onFace, $"{name}: boundary point {i} is not on the boundary");
        }
    }

    [Theory]
    [MemberData(nameof(Problems))]
    public void OperatorIsTheFiniteDifferenceOperatorOfTheNetwork(string name)
    {
        var (model, theta) = Setup(name);
        var pb = model.Problem;
        var net = model.Network;
        int m = pb.InputDimension, d = pb.SpatialDimension;
        const double h = 1e-4;
        var pts = model.InteriorPoints.ToArray();
        for (int i = 0; i < model.InteriorCount; i++)
        {
            var x = pts.AsSpan(i * m, m).ToArray();
            double u0 = net.Value(theta, x), lap = 0, dt = 0;
            for (int k = 0; k < m; k++)
            {
                var xp = (double[])x.Clone(); xp[k] += h;
                var xm = (double[])x.Clone(); xm[k] -= h;
                if (k < d) lap += (net.Value(theta, xp) - 2 * u0 + net.Value(theta, xm)) / (h * h);
                else dt = (net.Value(theta, xp) - net.Value(theta, xm)) / (2 * h);
            }
            double fd = pb.TimeCoefficient * dt - pb.DiffusionCoefficient * lap;
            double closed = net.Operator(theta, x, pb.TimeCoefficient, pb.DiffusionCoefficient, []);
            Assert.True(Math.Abs(fd - closed) < 1e-5 * (1 + Math.Abs(closed)), $"{name} point {i}: closed {closed}, FD {fd}");
        }
    }

    [Theory]
    [MemberData(nameof(Problems))]
    public void JacobianMatchesCentralDifferences(string name)
    {
        // Central differences with h = 1e-6 have error ~h²·|r‴| + 1e-16·|r|/h ≲ 1e-9 here; tolerance 1e-6 relative to the row scale.
        var (model, theta) = Setup(name);
        int n = model.ResidualCount, p = model.ParameterCount;
        var r = new double[n];
        var j = new double[n * p];
        model.Jacobian(theta, r, j);
        var r0 = new double[n];
        model.Residuals(theta, r0);
        for (int i = 0; i < n; i++) Assert.Equal(r0[i], r[i], 14);
        var rp = new double[n];
        var rm = new double[n];
        const double h = 1e-6;
        double scale = j.Max(Math.Abs);
        for (int k = 0; k < p; k++)
        {
            var tp = (double[])theta.Clone(); tp[k] += h;
            var tm = (double[])theta.Clone(); tm[k] -= h;
            model.Residuals(tp, rp);
            model.Residuals(tm, rm);
            for (int i = 0; i < n; i++)
            {
                double fd = (rp[i] - rm[i]) / (2 * h);
                Assert.True(Math.Abs(fd - j[i * p + k]) < 1e-6 * scale, $"{name}: J[{i},{k}] = {j[i * p + k]}, FD {fd}");
            }
        }
    }

    [Fact]
    public void LossAndGradientIsHalfTheSquaredNormAndJTransposeR()
    {
        var (model, theta) = Setup("P4");
        int n = model.ResidualCount, p = model.ParameterCount;
        var r = new double[n];
        var j = new double[n * p];
        model.Jacobian(theta, r, j);
        var g = new double[p];
        DampedLeastSquares.MultiplyTransposed(j, n, p, r, g);
        var g2 = new double[p];
        double loss = model.LossAndGradient(theta, g2, new double[p]);
        Assert.Equal(0.5 * r.Sum(v => v * v), loss, 12);
        for (int k = 0; k < p; k++) Assert.Equal(g[k], g2[k], 12);
    }

    [Fact]
    public void EngdWStepsLowerTheErrorOnP1()
    {
        var model = new PinnResidualModel(PdeProblem.P1(), 16, 40, 2);
        var rng = new Xoshiro256StarStar(3);
        var theta = new double[model.ParameterCount];
        model.Network.Initialize(ref rng, theta);
        var test = new double[200];
        for (int i = 0; i < 200; i++) test[i] = (i + 0.5) / 200;
        double e0 = model.RelativeL2Error(theta, test);
        var opt = new NaturalGradientOptimizer(model, new NaturalGradientOptions());
        for (int s = 0; s < 30; s++)
        {
            model.Resample(ref rng);
            opt.Step(theta, ref rng);
        }
        double e1 = model.RelativeL2Error(theta, test);
        Assert.True(e1 < 1e-2 * e0, $"relative L2 error {e0:G3} → {e1:G3} after 30 ENGD-W steps");
    }
}

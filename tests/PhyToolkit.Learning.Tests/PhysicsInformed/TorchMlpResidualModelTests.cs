using PhyToolkit.Core.Random;
using PhyToolkit.Learning.PhysicsInformed;
using PhyToolkit.Optimization.NaturalGradient;

namespace PhyToolkit.Learning.Tests.PhysicsInformed;

/// <summary>The TorchSharp-autograd PINN residual (any depth) against the closed-form one-hidden-layer path and finite differences.</summary>
public class TorchMlpResidualModelTests
{
    private static PinnResidualModel Shallow(string name, int width, ulong seed, out double[] theta)
    {
        var model = new PinnResidualModel(PdeProblem.ByName(name), width, 8, 5);
        var rng = new Xoshiro256StarStar(seed);
        model.Resample(ref rng);
        theta = new double[model.ParameterCount];
        model.Network.Initialize(ref rng, theta);
        for (int i = 0; i < theta.Length; i++) theta[i] *= 2;
        return model;
    }

    [Theory]
    [InlineData("P2")]
    [InlineData("P4")]
    public void OneHiddenLayerAutogradEqualsTheClosedForm(string name)
    {
        // Same network, two derivations of D[u] and ∂D[u]/∂θ: closed form (float64 arithmetic) vs autograd (float64 graph);
        // they differ only by summation order, so 1e-10 relative to the largest entry.
        var shallow = Shallow(name, 6, 17, out var theta);
        var torchModel = new TorchMlpResidualModel(shallow.Problem, [6]);
        torchModel.UsePointsOf(shallow);
        Assert.Equal(shallow.ParameterCount, torchModel.ParameterCount);
        int n = shallow.ResidualCount, p = shallow.ParameterCount;
        var r1 = new double[n];
        var j1 = new double[n * p];
        var r2 = new double[n];
        var j2 = new double[n * p];
        shallow.Jacobian(theta, r1, j1);
        torchModel.Jacobian(theta, r2, j2);
        double scaleR = r1.Max(Math.Abs), scaleJ = j1.Max(Math.Abs);
        for (int i = 0; i < n; i++) Assert.True(Math.Abs(r1[i] - r2[i]) < 1e-10 * scaleR, $"r[{i}]: {r1[i]} vs {r2[i]}");
        for (int k = 0; k < j1.Length; k++) Assert.True(Math.Abs(j1[k] - j2[k]) < 1e-10 * scaleJ, $"J[{k / p},{k % p}]: {j1[k]} vs {j2[k]}");
    }

    [Fact]
    public void TwoHiddenLayerJacobianMatchesCentralDifferences()
    {
        var shallow = Shallow("P2", 4, 23, out _);
        var model = new TorchMlpResidualModel(shallow.Problem, [5, 4]);
        model.UsePointsOf(shallow);
        int n = model.ResidualCount, p = model.ParameterCount;
        var rng = new Xoshiro256StarStar(5);
        var theta = new double[p];
        for (int i = 0; i < p; i++) theta[i] = rng.NextDouble(-1, 1);
        var r = new double[n];
        var j = new double[n * p];
        model.Jacobian(theta, r, j);
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
                Assert.True(Math.Abs(fd - j[i * p + k]) < 1e-6 * scale, $"J[{i},{k}] = {j[i * p + k]}, FD {fd}");
            }
        }
    }

    [Fact]
    public void EngdWStepsLowerTheLossOfATwoLayerNetwork()
    {
        var shallow = Shallow("P1", 4, 31, out _);
        var model = new TorchMlpResidualModel(shallow.Problem, [8, 8]);
        model.UsePointsOf(shallow);
        var rng = new Xoshiro256StarStar(9);
        var theta = new double[model.ParameterCount];
        for (int i = 0; i < theta.Length; i++) theta[i] = rng.NextDouble(-0.5, 0.5);
        var opt = new NaturalGradientOptimizer(model, new NaturalGradientOptions { Damping = 1e-6 });
        double first = double.NaN, last = double.NaN;
        for (int s = 0; s < 8; s++)
        {
            var step = opt.Step(theta, ref rng);
            if (s == 0) first = step.LossBefore;
            last = step.LossAfter;
        }
        Assert.True(last < 1e-2 * first, $"loss {first:G3} → {last:G3} after 8 ENGD-W steps on fixed points");
    }
}

using PhyToolkit.Learning.PhysicsInformed;
using TorchSharp;
using static TorchSharp.torch;

namespace PhyToolkit.Learning.Tests.PhysicsInformed;

public class DeepONetTests
{
    private static readonly DeepONetOptions Small = new() { Sensors = 8, HiddenWidth = 12, HiddenLayers = 2, Latent = 6, FourierFeatures = 3 };

    [Fact]
    public void ParameterCountMatchesTheLayout()
    {
        var net = new DeepONet(Small, 1);
        // branch 8→12→12→6, trunk (2 + 2·3)→12→12→6, plus b0.
        int expected = 12 * 9 + 12 * 13 + 6 * 13 + 12 * 9 + 12 * 13 + 6 * 13 + 1;
        Assert.Equal(expected, net.ParameterCount);
        Assert.Equal(expected, net.InitialParameters(2).Length);
    }

    private static double Eval(DeepONet net, double[] theta, double[] sensors, double x, double t)
    {
        using var scope = NewDisposeScope();
        var th = tensor(theta, ScalarType.Float64);
        var s = tensor(sensors, new long[] { 1, sensors.Length }, ScalarType.Float64);
        var c = tensor(new[] { x, t }, new long[] { 1, 1, 2 }, ScalarType.Float64);
        return net.Forward(th, s, c).item<double>();
    }

    // Autograd residual against central differences of the network itself: h = 1e-3 gives truncation ≈ h²·|∂⁴G| ≲ 1e-5
    // and round-off ≈ 1e-16/h² = 1e-10 for u_xx; tolerance 1e-4 absolute on residuals of order 1.
    [Fact]
    public void AutogradResidualMatchesFiniteDifferences()
    {
        var net = new DeepONet(Small, 3);
        var theta = net.InitialParameters(4);
        var sensors = Enumerable.Range(0, 8).Select(i => Math.Sin(2 * Math.PI * i / 8.0)).ToArray();
        double nu = 0.05, h = 1e-3;
        var points = new[] { (0.1, 0.2), (0.5, 0.7), (0.83, 0.05) };
        using var scope = NewDisposeScope();
        var th = tensor(theta, ScalarType.Float64);
        var s = tensor(sensors, new long[] { 1, 8 }, ScalarType.Float64);
        var c = tensor(points.SelectMany(p => new[] { p.Item1, p.Item2 }).ToArray(), new long[] { 1, points.Length, 2 }, ScalarType.Float64).requires_grad_(true);
        var (u, r) = BurgersResidual.Evaluate(net, th, s, c, tensor(nu, ScalarType.Float64));
        var rs = r.data<double>().ToArray();
        for (int k = 0; k < points.Length; k++)
        {
            var (x, t) = points[k];
            double u0 = Eval(net, theta, sensors, x, t);
            double ux = (Eval(net, theta, sensors, x + h, t) - Eval(net, theta, sensors, x - h, t)) / (2 * h);
            double uxx = (Eval(net, theta, sensors, x + h, t) - 2 * u0 + Eval(net, theta, sensors, x - h, t)) / (h * h);
            double ut = (Eval(net, theta, sensors, x, t + h) - Eval(net, theta, sensors, x, t - h)) / (2 * h);
            Assert.Equal(u0, u.data<double>()[k], 12);
            Assert.True(Math.Abs(ut + u0 * ux - nu * uxx - rs[k]) < 1e-4, $"point {k}: FD {ut + u0 * ux - nu * uxx} vs autograd {rs[k]}");
        }
    }

    // The gradient of the mean squared residual with respect to θ (a third-order autograd path) against central
    // differences in three coordinates of θ; h = 1e-6, tolerance 1e-5 relative to the gradient scale.
    [Fact]
    public void GradientOfThePhysicsLossWithRespectToThetaMatchesFiniteDifferences()
    {
        var net = new DeepONet(Small, 5);
        var theta = net.InitialParameters(6);
        var sensors = Enumerable.Range(0, 8).Select(i => Math.Cos(2 * Math.PI * i / 8.0)).ToArray();
        double[] coords = { 0.2, 0.3, 0.6, 0.9 };
        double Loss(double[] th, out double[]? grad, bool withGrad)
        {
            using var scope = NewDisposeScope();
            var t = tensor(th, ScalarType.Float64).requires_grad_(withGrad);
            var s = tensor(sensors, new long[] { 1, 8 }, ScalarType.Float64);
            var c = tensor(coords, new long[] { 1, 2, 2 }, ScalarType.Float64).requires_grad_(true);
            var (_, r) = BurgersResidual.Evaluate(net, t, s, c, tensor(0.02, ScalarType.Float64));
            var loss = r.pow(2).mean();
            grad = null;
            if (withGrad) grad = torch.autograd.grad(new[] { loss }, new[] { t })[0].data<double>().ToArray();
            return loss.item<double>();
        }
        Loss(theta, out var g, true);
        double scale = g!.Max(Math.Abs);
        foreach (int j in new[] { 0, net.ParameterCount / 2, net.ParameterCount - 2 })
        {
            var plus = (double[])theta.Clone(); plus[j] += 1e-6;
            var minus = (double[])theta.Clone(); minus[j] -= 1e-6;
            double fd = (Loss(plus, out _, false) - Loss(minus, out _, false)) / 2e-6;
            Assert.True(Math.Abs(fd - g![j]) < 1e-5 * scale, $"θ[{j}]: FD {fd} vs autograd {g[j]}");
        }
    }

    [Fact]
    public void BadShapesAreRefused()
    {
        Assert.Equal("Sensors", Assert.Throws<ArgumentOutOfRangeException>(() => new DeepONet(Small with { Sensors = 0 }, 1)).ParamName);
        Assert.Equal("FourierScale", Assert.Throws<ArgumentOutOfRangeException>(() => new DeepONet(Small with { FourierScale = 0 }, 1)).ParamName);
    }
}

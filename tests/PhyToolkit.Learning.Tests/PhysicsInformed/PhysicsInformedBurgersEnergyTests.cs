using PhyToolkit.Core.Random;
using PhyToolkit.Learning.PhysicsInformed;
using PhyToolkit.Optimization.Sampling;
using TorchSharp;

namespace PhyToolkit.Learning.Tests.PhysicsInformed;

public class PhysicsInformedBurgersEnergyTests
{
    private static readonly BurgersSolverOptions Solver = new() { ViscosityNu = 0.05, GridPoints = 64, TimeStep = 2e-3 };
    private static readonly DeepONetOptions Net = new() { Sensors = 16, HiddenWidth = 16, HiddenLayers = 2, Latent = 8, FourierFeatures = 2 };

    [Fact]
    public void DataSetHoldsSensorsAndNoiseFreeObservationsOfTheSolverSolution()
    {
        var d = BurgersOperatorDataset.Generate(3, 16, 10, 0, Solver, 11, 0.5, 9);
        int n = d.GridPoints, t = d.Times.Length;
        for (int f = 0; f < 3; f++)
        {
            for (int i = 0; i < 16; i++) Assert.Equal(d.Solutions[f * t * n + i * 4], d.SensorValues[f * 16 + i], 12); // t = 0 row
            for (int q = 0; q < 10; q++)
            {
                int o = f * 10 + q;
                int j = (int)Math.Round(d.ObservationCoords[2 * o] * n), r = (int)Math.Round(d.ObservationCoords[2 * o + 1] / 0.05);
                Assert.Equal(d.Solutions[(f * t + r) * n + j], d.ObservationValues[o], 14);
            }
        }
        Assert.Equal("sensors", Assert.Throws<ArgumentOutOfRangeException>(() => BurgersOperatorDataset.Generate(2, 12, 4, 0, Solver, 5, 1, 1)).ParamName);
    }

    [Fact]
    public void AMismatchedSensorCountIsRefused()
    {
        var d = BurgersOperatorDataset.Generate(2, 8, 4, 0.05, Solver, 5, 1, 1);
        var e = Assert.Throws<ArgumentException>(() => new PhysicsInformedBurgersEnergy(new DeepONet(Net, 1), d, 0.05));
        Assert.Equal("data", e.ParamName);
        Assert.Contains("8 sensors", e.Message, StringComparison.Ordinal);
    }

    // With common random numbers (the same generator state) the energy is a deterministic function of θ, so its autograd
    // gradient must match central differences (h = 1e-6; tolerance 1e-5 of the gradient scale).
    [Fact]
    public void GradientMatchesFiniteDifferencesUnderCommonRandomNumbers()
    {
        var d = BurgersOperatorDataset.Generate(4, 16, 12, 0.05, Solver, 11, 1, 2);
        var net = new DeepONet(Net, 3);
        var energy = new PhysicsInformedBurgersEnergy(net, d, 0.05, batchFunctions: 2, collocationPoints: 16);
        var theta = net.InitialParameters(4);
        var g = new double[theta.Length];
        var rng = new Xoshiro256StarStar(5);
        energy.EnergyAndGradient(theta, g, ref rng);
        double scale = g.Max(Math.Abs);
        foreach (int j in new[] { 1, theta.Length / 3, theta.Length - 1 })
        {
            var plus = (double[])theta.Clone(); plus[j] += 1e-6;
            var minus = (double[])theta.Clone(); minus[j] -= 1e-6;
            var r1 = new Xoshiro256StarStar(5); var r2 = new Xoshiro256StarStar(5);
            double fd = (energy.Energy(plus, ref r1) - energy.Energy(minus, ref r2)) / 2e-6;
            Assert.True(Math.Abs(fd - g[j]) < 1e-5 * scale, $"θ[{j}]: FD {fd} vs autograd {g[j]}");
        }
    }

    // Inverse problem: the state gains log ν as its last coordinate; its gradient matches central differences too, and
    // moving log ν changes the energy only through the residual (data-only weights make it exactly flat).
    [Fact]
    public void TrainableViscosityAddsLogNuWithACorrectGradient()
    {
        var d = BurgersOperatorDataset.Generate(4, 16, 12, 0.05, Solver, 11, 1, 2);
        var net = new DeepONet(Net, 3);
        var energy = new PhysicsInformedBurgersEnergy(net, d, 0.05, batchFunctions: 2, collocationPoints: 16, trainableViscosity: true);
        Assert.Equal(net.ParameterCount + 1, energy.Dimension);
        var state = energy.InitialState(net.InitialParameters(4));
        Assert.Equal(Math.Log(0.05), state[^1], 15);
        var g = new double[state.Length];
        var rng = new Xoshiro256StarStar(5);
        energy.EnergyAndGradient(state, g, ref rng);
        var plus = (double[])state.Clone(); plus[^1] += 1e-6;
        var minus = (double[])state.Clone(); minus[^1] -= 1e-6;
        var r1 = new Xoshiro256StarStar(5); var r2 = new Xoshiro256StarStar(5);
        double fd = (energy.Energy(plus, ref r1) - energy.Energy(minus, ref r2)) / 2e-6;
        Assert.True(Math.Abs(fd - g[^1]) < 1e-5 * Math.Max(1, Math.Abs(fd)), $"log ν: FD {fd} vs autograd {g[^1]}");
        Assert.NotEqual(0, g[^1]);

        var dataOnly = new PhysicsInformedBurgersEnergy(net, d, 0.05, batchFunctions: 2, collocationPoints: 16, physicsWeight: 0, trainableViscosity: true);
        var g0 = new double[state.Length];
        var r3 = new Xoshiro256StarStar(5);
        dataOnly.EnergyAndGradient(state, g0, ref r3);
        Assert.Equal(0, g0[^1]);
    }

    // A few low-temperature Langevin steps (τ = 1e-8: essentially gradient descent) lower the energy, measured on the same
    // five batches before and after; and no tensor outlives a call.
    [Fact]
    public void LowTemperatureLangevinStepsLowerTheEnergyWithoutLeakingTensors()
    {
        var d = BurgersOperatorDataset.Generate(4, 16, 12, 0.05, Solver, 11, 1, 2);
        var net = new DeepONet(Net, 3);
        var energy = new PhysicsInformedBurgersEnergy(net, d, 0.05, batchFunctions: 2, collocationPoints: 16);
        var theta = net.InitialParameters(4);
        double Mean(double[] th)
        {
            double s = 0;
            for (ulong k = 0; k < 3; k++) { var r = new Xoshiro256StarStar(100 + k); s += energy.Energy(th, ref r); }
            return s / 3;
        }
        double before = Mean(theta);
        var sampler = new LangevinSampler(2e-3, 1e-8);
        var g = new double[theta.Length];
        var rng = new Xoshiro256StarStar(7);
        sampler.Step(energy, theta, g, ref rng);
        long live = torch.Tensor.TotalCount;
        for (int k = 0; k < 15; k++) sampler.Step(energy, theta, g, ref rng);
        Assert.Equal(live, torch.Tensor.TotalCount);
        double after = Mean(theta);
        Assert.True(after < 0.9 * before, $"energy {before} → {after}");
    }
}

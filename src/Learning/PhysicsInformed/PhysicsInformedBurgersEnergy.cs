using PhyToolkit.Core.Random;
using PhyToolkit.Optimization.Sampling;
using TorchSharp;
using static TorchSharp.torch;

namespace PhyToolkit.Learning.PhysicsInformed;

/// <summary>
/// The stochastic energy of a physics-informed DeepONet on Burgers data, for the Langevin samplers
/// (<see cref="ReplicaExchangeSgld"/>): Û(θ) = S·[w_d L_op + w_p L_phys + w_0 L_ic] + ‖θ‖²/(2σ²_prior), where on a random
/// mini-batch of n functions L_op = mean (G − s̃)² over the noisy observations, L_phys = mean r² over Q_c random
/// collocation points in [0,1)×(0,t_end] with r the Burgers residual (<see cref="BurgersResidual"/>), and
/// L_ic = mean (G(·)(x_i, 0) − u0(x_i))² at the sensors (Morephy-Net plan §1.2–1.3, docs/morephy.md).
/// </summary>
/// <remarks>
/// S defaults to F, the number of training functions (the N/n mini-batch scaling of SGLD with per-function losses); the
/// weights, σ_prior = 1 and the batch sizes are our choice. w_p = w_0 = 0 gives the data-only DeepONet energy.
/// Every random choice (batch, collocation points) comes from the generator passed in. libtorch runs single-threaded on
/// each calling thread.
/// </remarks>
public sealed class PhysicsInformedBurgersEnergy : IStochasticEnergy
{
    private readonly DeepONet _net;
    private readonly BurgersOperatorDataset _data;

    /// <summary>Creates the energy.</summary>
    /// <exception cref="ArgumentException">The data set's sensor count differs from the network's.</exception>
    public PhysicsInformedBurgersEnergy(DeepONet net, BurgersOperatorDataset data, double viscosityNu, int batchFunctions = 8,
        int collocationPoints = 128, double dataWeight = 1, double physicsWeight = 1, double initialWeight = 1,
        double? energyScale = null, double priorSigma = 1, bool trainableViscosity = false)
    {
        _net = net ?? throw new ArgumentNullException(nameof(net));
        _data = data ?? throw new ArgumentNullException(nameof(data));
        if (data.SensorCount != net.Options.Sensors)
            throw new ArgumentException($"the data set has {data.SensorCount} sensors but the network's branch expects {net.Options.Sensors}.", nameof(data));
        ViscosityNu = Guard.Positive(viscosityNu, nameof(viscosityNu));
        BatchFunctions = Guard.InRange(batchFunctions, 1, data.Functions, nameof(batchFunctions));
        CollocationPoints = Guard.AtLeast(collocationPoints, 1, nameof(collocationPoints));
        DataWeight = Guard.NonNegative(dataWeight, nameof(dataWeight));
        PhysicsWeight = Guard.NonNegative(physicsWeight, nameof(physicsWeight));
        InitialWeight = Guard.NonNegative(initialWeight, nameof(initialWeight));
        EnergyScale = Guard.Positive(energyScale ?? data.Functions, nameof(energyScale));
        PriorSigma = Guard.Positive(priorSigma, nameof(priorSigma));
        TrainableViscosity = trainableViscosity;
    }

    /// <summary>
    /// Inverse problem: when true the state is [θ, log ν] (one extra last coordinate, flat prior) and the residual uses
    /// ν = exp(last coordinate); <see cref="ViscosityNu"/> is then only the suggested starting value
    /// (<see cref="InitialState"/>). Sampling log ν keeps ν positive (the Morephy-Net plan samples ν or log ν with θ).
    /// </summary>
    public bool TrainableViscosity { get; }

    /// <summary>A starting state: <paramref name="networkParameters"/>, followed by log ν when ν is trainable.</summary>
    public double[] InitialState(double[] networkParameters)
    {
        ArgumentNullException.ThrowIfNull(networkParameters);
        Guard.Length(networkParameters.Length, _net.ParameterCount, nameof(networkParameters));
        return TrainableViscosity ? [.. networkParameters, Math.Log(ViscosityNu)] : (double[])networkParameters.Clone();
    }

    /// <inheritdoc/>
    public int Dimension => _net.ParameterCount + (TrainableViscosity ? 1 : 0);

    /// <summary>ν of the residual (the starting value when <see cref="TrainableViscosity"/> is set).</summary>
    public double ViscosityNu { get; }

    /// <summary>Functions per mini-batch n.</summary>
    public int BatchFunctions { get; }

    /// <summary>Collocation points per function.</summary>
    public int CollocationPoints { get; }

    /// <summary>w_d.</summary>
    public double DataWeight { get; }

    /// <summary>w_p.</summary>
    public double PhysicsWeight { get; }

    /// <summary>w_0.</summary>
    public double InitialWeight { get; }

    /// <summary>S.</summary>
    public double EnergyScale { get; }

    /// <summary>σ_prior.</summary>
    public double PriorSigma { get; }

    /// <inheritdoc/>
    public double EnergyAndGradient(ReadOnlySpan<double> theta, Span<double> gradient, ref Xoshiro256StarStar rng) =>
        Compute(theta, gradient, ref rng, true, false, out _);

    /// <inheritdoc/>
    public double Energy(ReadOnlySpan<double> theta, ref Xoshiro256StarStar rng) => Compute(theta, default, ref rng, false, false, out _);

    /// <summary>
    /// The unweighted losses (L_op, L_phys, L_ic) on one mini-batch drawn exactly as <see cref="Energy"/> draws it (same
    /// generator consumption), whatever the weights: the objective vector of the multi-objective search
    /// (<see cref="MorephyTrainer"/>). A generator re-created from a fixed seed gives a fixed validation batch.
    /// </summary>
    public BurgersLosses Losses(ReadOnlySpan<double> theta, ref Xoshiro256StarStar rng)
    {
        Compute(theta, default, ref rng, false, true, out var losses);
        return losses;
    }

    [ThreadStatic] private static bool threadsPinned;

    // libtorch runs single-threaded on each calling thread (the MlpModel convention): callers parallelise over work units.
    private static void PinThreads()
    {
        if (threadsPinned) return;
        torch.set_num_threads(1);
        threadsPinned = true;
    }

    private double Compute(ReadOnlySpan<double> theta, Span<double> gradient, ref Xoshiro256StarStar rng, bool withGradient, bool allTerms,
        out BurgersLosses losses)
    {
        Guard.Length(theta.Length, Dimension, nameof(theta));
        PinThreads();
        int n = BatchFunctions, m = _data.SensorCount, q = _data.ObservationsPerFunction, c = CollocationPoints;
        double tEnd = _data.Times[^1];
        var batch = new int[n];
        for (int i = 0; i < n; i++) batch[i] = rng.NextInt(_data.Functions);
        var sensors = new double[n * m];
        var obsCoords = new double[n * q * 2];
        var obsValues = new double[n * q];
        var colloc = new double[n * c * 2];
        var icCoords = new double[n * m * 2];
        for (int i = 0; i < n; i++)
        {
            int f = batch[i];
            Array.Copy(_data.SensorValues, f * m, sensors, i * m, m);
            Array.Copy(_data.ObservationCoords, f * q * 2, obsCoords, i * q * 2, q * 2);
            Array.Copy(_data.ObservationValues, f * q, obsValues, i * q, q);
            for (int k = 0; k < c; k++)
            {
                colloc[(i * c + k) * 2] = rng.NextDouble();
                colloc[(i * c + k) * 2 + 1] = tEnd * (1 - rng.NextDouble());
            }
            for (int k = 0; k < m; k++) icCoords[(i * m + k) * 2] = (double)k / m;
        }

        using var scope = NewDisposeScope();
        // Every Scalar held in a disposed local: a temporary finalised by the GC during a native call corrupts the result.
        using Scalar one = 1, two = 2, sData = DataWeight, sPhysics = PhysicsWeight, sInitial = InitialWeight,
            sScale = EnergyScale, sPrior = 2 * PriorSigma * PriorSigma;
        var state = tensor(theta.ToArray(), ScalarType.Float64).requires_grad_(withGradient);
        int p = _net.ParameterCount;
        var th = TrainableViscosity ? state.narrow(0, 0, p) : state;
        var nu = TrainableViscosity ? state.narrow(0, p, 1).exp() : tensor(ViscosityNu, ScalarType.Float64);
        var s = tensor(sensors, new long[] { n, m }, ScalarType.Float64);
        var loss = zeros(1, ScalarType.Float64);
        double lData = double.NaN, lPhysics = double.NaN, lInitial = double.NaN;
        if (DataWeight > 0 || allTerms)
        {
            var g = _net.Forward(th, s, tensor(obsCoords, new long[] { n, q, 2 }, ScalarType.Float64));
            var term = (g - tensor(obsValues, new long[] { n, q }, ScalarType.Float64)).pow(two).mean();
            if (allTerms) lData = term.item<double>();
            loss = loss.add(term.mul(sData), one);
        }
        if (PhysicsWeight > 0 || allTerms)
        {
            var cc = tensor(colloc, new long[] { n, c, 2 }, ScalarType.Float64).requires_grad_(true);
            var (_, r) = BurgersResidual.Evaluate(_net, th, s, cc, nu);
            var term = r.pow(two).mean();
            if (allTerms) lPhysics = term.item<double>();
            loss = loss.add(term.mul(sPhysics), one);
        }
        if (InitialWeight > 0 || allTerms)
        {
            var g0 = _net.Forward(th, s, tensor(icCoords, new long[] { n, m, 2 }, ScalarType.Float64));
            var term = (g0 - s).pow(two).mean();
            if (allTerms) lInitial = term.item<double>();
            loss = loss.add(term.mul(sInitial), one);
        }
        losses = new BurgersLosses(lData, lPhysics, lInitial);
        if (allTerms) return double.NaN;
        var energy = loss.sum().mul(sScale).add(th.pow(two).sum().div(sPrior), one);
        if (withGradient)
        {
            var grad = torch.autograd.grad(new[] { energy }, new[] { state }, allow_unused: true)[0];
            grad.data<double>().CopyTo(gradient);
        }
        return energy.item<double>();
    }
}

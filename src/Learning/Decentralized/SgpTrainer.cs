using PhyToolkit.Core.Random;
using PhyToolkit.Learning.Federated;
using PhyToolkit.Learning.Privacy;

namespace PhyToolkit.Learning.Decentralized;

/// <summary>
/// Decentralised (private) learning by Stochastic Gradient Push over a directed, possibly time-varying topology: per
/// node i and iteration k, z_i = x_i/w_i; snapshot refresh when k mod E = 0 (LSvrg); g̃_i from
/// <see cref="NodeGradientEstimator"/> with noise multiplier σ_{i,k} = σ_{i,0} γ_s^⌊k/S⌋; fused v_i
/// (<see cref="GradientFusion"/>); x_i ← x_i − η_k v_i; then one push-sum step (<see cref="PushSumMixer"/>). Every
/// privatised release is recorded in the node's RDP ledger (<see cref="RdpAccountant"/>); σ_{i,0} is calibrated per node
/// so the whole run spends exactly ε_i at δ (<see cref="NoiseCalibrator"/>).
/// </summary>
/// <remarks>
/// ADP-VRSGP (Wu et al., arXiv:2510.20157) as realised here: the paper's abstract fixes the ingredients (stepwise decay
/// of noise variance and step, progressive gradient fusion, variance reduction, push-sum, node-level budgets); the
/// estimator, fusion rule and defaults are our choices, documented in docs/adp-vrsgp.md. SGP after Assran et al.,
/// arXiv:1811.10792, Alg. 1. Deterministic: each node draws from its own stream Mix(seed, node); nodes are processed in
/// order. Cost per iteration O(n·(qJ + J/E)·(model gradient)) plus O(n·d) mixing.
/// </remarks>
public static class SgpTrainer
{
    /// <summary>Runs K iterations.</summary>
    /// <param name="model">The model.</param>
    /// <param name="task">Training data with its node partition (one partition per node) and test data.</param>
    /// <param name="topology">The communication graphs; must be jointly strongly connected over its window.</param>
    /// <param name="options">Options (<see cref="SgpOptions.For"/>).</param>
    /// <param name="seed">Seed of batches and noise (data and partition come with <paramref name="task"/>).</param>
    /// <exception cref="ArgumentException">Partitions and topology disagree on n, or the topology is not jointly strongly connected.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option out of range (ε ≤ 0, δ ∉ (0, 1), …).</exception>
    public static SgpRunResult Run(IFederatedModel model, SyntheticTask task, IDirectedTopology topology, SgpOptions options, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(options);
        int n = topology.NodeCount;
        Guard.Length(task.Partition.Length, n, "task.Partition");
        options.Validated(n);
        DirectedTopology.RequireJointlyStronglyConnected(topology, 0, topology.ConnectivityWindow, nameof(topology));
        int d = model.ParameterCount;
        bool lsvrg = options.Estimator == GradientEstimator.LSvrg;
        var schedule = options.NoiseSchedule;

        var est = new NodeGradientEstimator[n];
        var fusion = new GradientFusion[n];
        var rngs = new Xoshiro256StarStar[n];
        var q = new double[n];
        var period = new int[n];
        var sigma0 = new double[n];
        for (int i = 0; i < n; i++)
        {
            est[i] = new NodeGradientEstimator(model, task.Train, task.Partition[i], options.Estimator);
            fusion[i] = new GradientFusion(d, options.FusionBeta0);
            rngs[i] = new Xoshiro256StarStar(SeedMixer.Mix(seed, 0xAD9, (ulong)i, 0));
            int J = est[i].LocalCount;
            q[i] = Math.Min(1.0, (double)options.BatchSize / J);
            period[i] = options.SnapshotEvery > 0 ? options.SnapshotEvery : 2 * (int)Math.Ceiling((double)J / options.BatchSize);
            if (options.Private)
            {
                var plan = new DpTrainingPlan
                {
                    Steps = options.Iterations, SamplingRate = q[i], Schedule = schedule,
                    SnapshotEvery = lsvrg ? period[i] : 0, SnapshotFactor = options.SnapshotNoiseFactor,
                };
                sigma0[i] = NoiseCalibrator.Calibrate(plan, options.Epsilons[i], options.Delta).Sigma0;
            }
        }
        var accountant = new RdpAccountant(Enumerable.Repeat(options.Delta, n).ToArray());
        double clip = options.Private ? options.ClipNorm : double.PositiveInfinity;
        double clipD = options.Private ? options.DifferenceClipNorm : double.PositiveInfinity;

        var mixer = new PushSumMixer(topology, d);
        var z = new double[d];
        var g = new double[d];
        var avg = new double[d];
        var iters = new List<int>(); var loss = new List<double>(); var acc = new List<double>();
        var cons = new List<double>(); var eps = new List<double[]>();
        void Evaluate(int k)
        {
            mixer.AverageModel(avg);
            iters.Add(k);
            loss.Add(model.FullLossAndGradient(avg, task.Train, Span<double>.Empty));
            acc.Add(model.Accuracy(avg, task.Test));
            cons.Add(mixer.ConsensusError());
            var e = new double[n];
            if (options.Private) for (int i = 0; i < n; i++) e[i] = accountant.Epsilon(i);
            eps.Add(e);
        }
        Evaluate(0);

        for (int k = 0; k < options.Iterations; k++)
        {
            double eta = options.StepAt(k);
            for (int i = 0; i < n; i++)
            {
                ref var rng = ref rngs[i];
                mixer.Debiased(i, z);
                double sigma = options.Private ? schedule.Multiplier(sigma0[i], k) : 0;
                if (lsvrg && k % period[i] == 0)
                {
                    double sigmaS = options.SnapshotNoiseFactor * sigma;
                    est[i].RefreshSnapshot(z, clip, sigmaS, ref rng);
                    if (options.Private) accountant.Record(i, 1.0, sigmaS);
                }
                est[i].Estimate(z, q[i], lsvrg ? clipD : clip, sigma, g, ref rng);
                if (options.Private) accountant.Record(i, q[i], sigma);
                var v = fusion[i].Update(g, fusion[i].Beta(sigma0[i], sigma));
                var x = mixer.Numerator(i);
                // local step on the numerator, gradient taken at the de-biased z_i (SGP, arXiv:1811.10792, Alg. 1)
                for (int m = 0; m < d; m++) x[m] -= eta * v[m];
            }
            mixer.Mix(k);
            if ((k + 1) % options.EvaluateEvery == 0 || k + 1 == options.Iterations) Evaluate(k + 1);
        }

        double worst = 1;
        for (int i = 0; i < n; i++)
        {
            mixer.Debiased(i, z);
            worst = Math.Min(worst, model.Accuracy(z, task.Test));
        }
        mixer.AverageModel(avg);
        return new SgpRunResult
        {
            Iterations = [.. iters], TrainLoss = [.. loss], TestAccuracy = [.. acc], ConsensusError = [.. cons],
            EpsilonSpent = [.. eps], InitialNoiseMultiplier = sigma0, WorstNodeTestAccuracy = worst, FinalModel = (double[])avg.Clone(),
        };
    }
}

using PhyToolkit.Core.Random;
using PhyToolkit.Optimization.MultiObjective;
using PhyToolkit.Optimization.Sampling;

namespace PhyToolkit.Learning.PhysicsInformed;

/// <summary>
/// The evolutionary multi-objective training loop of Morephy-Net (Lu, Mou, Lin, arXiv 2509.00663): a population of
/// physics-informed DeepONets, each trained locally by replica-exchange SGLD (<see cref="ReplicaExchangeSgld"/>) on its own
/// scalarisation of the loss vector, and selected by NSGA-II survival (non-dominated sorting and crowding distance,
/// <see cref="Pareto"/>) on the objective vector F(θ) = (L_op, L_phys + L_ic); the knee point of the final front
/// (<see cref="ParetoMetrics.KneePoint"/>) is the point model and its low-temperature replica gives the posterior samples.
/// </summary>
/// <remarks>
/// <para>The paper states the ingredients (a Pareto front over the data and physics losses instead of hand-set weights, reSGLD,
/// Bayesian UQ from the samples) [paper]; the loop below is our reading [Proposed], on the NSGA-PINN pattern (Lu, Moya, Lin,
/// Algorithms 16:194, 2023), as in docs/morephy.md:</para>
/// <list type="number">
/// <item>Initial population: one Glorot initialisation, copied K times and mutated in every layer (so that all individuals
/// start in one basin and blending their weights is meaningful); individual i gets the data weight a_i = (i + ½)/K.</item>
/// <item>Local phase (every generation, every individual): L_s reSGLD steps on
/// Û_i(θ) = S·[a_i L_op/c_op + (1 − a_i)(L_phys + L_ic)/c_phys] + ‖θ‖²/(2σ²_prior) (<see cref="PhysicsInformedBurgersEnergy"/>),
/// where c are the medians of the objectives over the current population (the running normalisation of the plan; the
/// median, not the maximum, so that one diverged individual cannot flatten the others' energies);
/// η1 = lr/S, η2 = r·η1 (<see cref="MorephyOptions.HighStepRatio"/>); the swap variance estimate restarts each phase (sampler state is reset after recombination). A phase
/// whose energy turns non-finite is discarded (the individual keeps its state; counted in
/// <see cref="MorephyResult.RejectedPhases"/>) and halves the step sizes of every later phase
/// (<see cref="MorephyResult.StepBackoff"/>); the final posterior run is retried with halved steps up to ten times.</item>
/// <item>Objectives F(θ) of the low-temperature replicas on a fixed validation batch (same functions and collocation
/// points every time).</item>
/// <item>K children: parents by binary tournament (lower front rank, then larger crowding distance); per layer a blend
/// θ_c = λθ_a + (1 − λ)θ_b, λ ~ U(−0.25, 1.25), applied with the same λ to both replicas; each layer mutated with probability
/// p_m by N(0, (s‖θ_layer‖/√size)²); a_c = clip(½(a_a + a_b) + N(0, σ_a²), 0, 1).</item>
/// <item>Survival of K out of parents ∪ children: whole non-dominated fronts while they fit, the last one cut by decreasing
/// crowding distance (ties keep the lower index).</item>
/// </list>
/// <para>Cost per generation: 2K·L_s gradient evaluations, 2K·k·L_s/S_swap energy probes, 2K validation evaluations.
/// Every random draw comes from generators derived from the seed; the run is reproducible bit for bit on one thread.</para>
/// </remarks>
public sealed class MorephyTrainer
{
    /// <summary>Creates the trainer; <paramref name="options"/> are validated.</summary>
    public MorephyTrainer(MorephyOptions options) => Options = (options ?? throw new ArgumentNullException(nameof(options))).Validate();

    /// <summary>The settings.</summary>
    public MorephyOptions Options { get; }

    /// <summary>Runs the loop and the final posterior sampling of the knee point.</summary>
    /// <param name="net">The operator network.</param>
    /// <param name="data">Training data (its sensor count must equal the network's).</param>
    /// <param name="viscosityNu">ν &gt; 0 of the residual; with <paramref name="trainableViscosity"/> the starting guess of ν.</param>
    /// <param name="seed">Seed of the run (initialisation, batches, breeding, samplers).</param>
    /// <param name="trainableViscosity">Inverse problem: sample log ν together with θ (flat prior on log ν).</param>
    /// <param name="onGeneration">Optional callback after each generation with the number completed (progress displays).</param>
    /// <exception cref="ArgumentException">The data set's sensor count differs from the network's.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="viscosityNu"/> is not a positive number.</exception>
    public MorephyResult Train(DeepONet net, BurgersOperatorDataset data, double viscosityNu, ulong seed, bool trainableViscosity = false,
        Action<int>? onGeneration = null)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(data);
        if (data.SensorCount != net.Options.Sensors)
            throw new ArgumentException($"the data set has {data.SensorCount} sensors but the network's branch expects {net.Options.Sensors}.", nameof(data));
        Guard.Positive(viscosityNu, nameof(viscosityNu));
        var o = Options;
        int k = o.PopulationSize;
        int batch = Math.Min(o.BatchFunctions, data.Functions), validation = Math.Min(o.ValidationFunctions, data.Functions);
        double scale = o.EnergyScale ?? (double)data.Functions * data.ObservationsPerFunction;
        var probe = new PhysicsInformedBurgersEnergy(net, data, viscosityNu, validation, o.CollocationPoints, 1, 1, 1, scale, o.PriorSigma, trainableViscosity);
        int d = probe.Dimension;
        var blocks = net.ParameterBlocks.ToList();
        if (trainableViscosity) blocks.Add((net.ParameterCount, 1));
        ulong validationSeed = SeedMixer.Mix(seed, 0x7A11D);
        var rng = new Xoshiro256StarStar(SeedMixer.Mix(seed, 0xB4EED));

        double[] Objectives(double[][] states)
        {
            var f = new double[2 * states.Length];
            for (int i = 0; i < states.Length; i++)
            {
                var r = new Xoshiro256StarStar(validationSeed);
                var l = probe.Losses(states[i], ref r);
                // A diverged state is kept out of the front by a huge (finite) objective value.
                f[2 * i] = double.IsFinite(l.Data) ? l.Data : 1e300;
                f[2 * i + 1] = double.IsFinite(l.PhysicsAndInitial) ? l.PhysicsAndInitial : 1e300;
            }
            return f;
        }

        // 1. Initial population around one initialisation.
        var theta0 = probe.InitialState(net.InitialParameters(SeedMixer.Mix(seed, 0x1417)));
        var low = new double[k][];
        var high = new double[k][];
        var a = new double[k];
        for (int i = 0; i < k; i++)
        {
            low[i] = (double[])theta0.Clone();
            Mutate(low[i], blocks, 1.0, o.MutationScale, ref rng);
            high[i] = (double[])low[i].Clone();
            a[i] = (i + 0.5) / k;
        }
        var f = Objectives(low);
        double cData = 1, cPhysics = 1;
        void Normalise()
        {
            cData = Math.Max(Median(f, 0), 1e-12);
            cPhysics = Math.Max(Median(f, 1), 1e-12);
        }
        var history = new List<double>();
        AddHistory(history, f);

        PhysicsInformedBurgersEnergy EnergyOf(double dataWeight) => new(net, data, viscosityNu, batch, o.CollocationPoints,
            dataWeight / cData, (1 - dataWeight) / cPhysics, (1 - dataWeight) / cPhysics, scale, o.PriorSigma, trainableViscosity);
        double backoff = 1;                                                 // halved after every diverged phase
        ReplicaExchangeSgld Sampler(int steps, double burnIn, int thinning) => new(new ReplicaExchangeSgldOptions
        {
            LowStepSize = backoff * o.StepSize / scale, HighStepSize = backoff * o.HighStepRatio * o.StepSize / scale, LowTemperature = o.LowTemperature,
            HighTemperature = o.HighTemperature, Steps = steps, SwapEvery = o.SwapEvery, VarianceProbes = o.VarianceProbes,
            BurnInFraction = burnIn, Thinning = thinning,
        });

        long attempts = 0, accepted = 0;
        int rejected = 0;
        var rank = new int[k];
        var crowd = new double[k];
        for (int g = 1; g <= o.Generations; g++)
        {
            // 2. Local phases, on the objectives normalised by the population's current medians.
            Normalise();
            for (int i = 0; i < k; i++)
            {
                ReplicaExchangeResult run;
                try
                {
                    run = Sampler(o.LocalSteps, 0, o.LocalSteps).Run(EnergyOf(a[i]), low[i], high[i], SeedMixer.Mix(seed, (ulong)g, (ulong)i, 0x10CA1));
                }
                catch (ArithmeticException)
                {
                    rejected++;                                         // a diverged phase is discarded: the individual keeps its state,
                    backoff /= 2;                                       // and every later phase steps half as far
                    continue;
                }
                low[i] = run.FinalLow;
                high[i] = run.FinalHigh;
                attempts += run.SwapAttempts;
                accepted += run.SwapsAccepted;
            }
            // 3. Objectives, ranks and crowding of the parents.
            f = Objectives(low);
            RankAndCrowd(f, rank, crowd);
            // 4. Children.
            var childLow = new double[k][];
            var childHigh = new double[k][];
            var childA = new double[k];
            for (int c = 0; c < k; c++)
            {
                int pa = Tournament(rank, crowd, ref rng), pb = Tournament(rank, crowd, ref rng);
                childLow[c] = new double[d];
                childHigh[c] = new double[d];
                foreach (var (offset, length) in blocks)
                {
                    double lambda = -0.25 + 1.5 * rng.NextDouble();
                    for (int j = offset; j < offset + length; j++)
                    {
                        childLow[c][j] = lambda * low[pa][j] + (1 - lambda) * low[pb][j];
                        childHigh[c][j] = lambda * high[pa][j] + (1 - lambda) * high[pb][j];
                    }
                }
                Mutate(childLow[c], blocks, o.MutationProbability, o.MutationScale, ref rng);
                Mutate(childHigh[c], blocks, o.MutationProbability, o.MutationScale, ref rng);
                childA[c] = Math.Clamp(0.5 * (a[pa] + a[pb]) + o.WeightMutationSigma * rng.NextGaussian(), 0, 1);
            }
            var fc = Objectives(childLow);
            // 5. Survival of K out of 2K.
            var fAll = new double[4 * k];
            f.CopyTo(fAll, 0);
            fc.CopyTo(fAll, 2 * k);
            var keep = Survivors(fAll, k);
            var newLow = new double[k][];
            var newHigh = new double[k][];
            var newA = new double[k];
            var newF = new double[2 * k];
            for (int i = 0; i < k; i++)
            {
                int s = keep[i];
                newLow[i] = s < k ? low[s] : childLow[s - k];
                newHigh[i] = s < k ? high[s] : childHigh[s - k];
                newA[i] = s < k ? a[s] : childA[s - k];
                newF[2 * i] = fAll[2 * s];
                newF[2 * i + 1] = fAll[2 * s + 1];
            }
            low = newLow; high = newHigh; a = newA; f = newF;
            AddHistory(history, f);
            onGeneration?.Invoke(g);
        }

        // The final front, its knee, and the knee's posterior samples.
        var fronts = Pareto.NonDominatedSort(f, 2, rank);
        var front = fronts[0];
        var frontObjectives = front.SelectMany(i => new[] { f[2 * i], f[2 * i + 1] }).ToArray();
        int knee = front[ParetoMetrics.KneePoint(frontObjectives)];
        ReplicaExchangeResult? posterior = null;
        for (int attempt = 0; posterior is null; attempt++)
        {
            try
            {
                posterior = Sampler(o.PosteriorSteps, 0.5, o.PosteriorThinning)
                    .Run(EnergyOf(a[knee]), low[knee], high[knee], SeedMixer.Mix(seed, 0x905E, (ulong)o.Generations + 1, (ulong)knee));
            }
            catch (ArithmeticException) when (attempt < 10)
            {
                rejected++;
                backoff /= 2;
            }
        }
        var states = new double[k * d];
        for (int i = 0; i < k; i++) low[i].CopyTo(states, i * d);
        double swapRate = attempts == 0 ? double.NaN : (double)accepted / attempts;
        return new MorephyResult(d, states, f, a, front, knee, posterior.Samples, history.ToArray(), swapRate, trainableViscosity, rejected, backoff);
    }

    private static double Median(double[] f, int objective)
    {
        var v = new double[f.Length / 2];
        for (int i = 0; i < v.Length; i++) v[i] = f[2 * i + objective];
        Array.Sort(v);
        return v.Length % 2 == 1 ? v[v.Length / 2] : 0.5 * (v[v.Length / 2 - 1] + v[v.Length / 2]);
    }

    private static void AddHistory(List<double> history, double[] f)
    {
        double bestData = double.PositiveInfinity, bestPhysics = double.PositiveInfinity;
        for (int i = 0; i < f.Length / 2; i++) { bestData = Math.Min(bestData, f[2 * i]); bestPhysics = Math.Min(bestPhysics, f[2 * i + 1]); }
        history.Add(bestData);
        history.Add(bestPhysics);
    }

    // Per layer with probability p: N(0, (s‖θ_layer‖/√size)²) added to every entry (a zero layer gets absolute size s/√size).
    private static void Mutate(double[] theta, List<(int Offset, int Length)> blocks, double probability, double scale, ref Xoshiro256StarStar rng)
    {
        foreach (var (offset, length) in blocks)
        {
            if (rng.NextDouble() >= probability || scale == 0) continue;
            double norm = 0;
            for (int j = offset; j < offset + length; j++) norm += theta[j] * theta[j];
            double sd = scale * (norm > 0 ? Math.Sqrt(norm) : 1) / Math.Sqrt(length);
            for (int j = offset; j < offset + length; j++) theta[j] += sd * rng.NextGaussian();
        }
    }

    private static void RankAndCrowd(double[] f, int[] rank, double[] crowd)
    {
        var fronts = Pareto.NonDominatedSort(f, 2, rank);
        foreach (var front in fronts)
        {
            var dist = new double[front.Length];
            Pareto.CrowdingDistance(f, 2, front, dist);
            for (int j = 0; j < front.Length; j++) crowd[front[j]] = dist[j];
        }
    }

    // Binary tournament under the crowded-comparison order; a tie keeps the first drawn.
    private static int Tournament(int[] rank, double[] crowd, ref Xoshiro256StarStar rng)
    {
        int x = rng.NextInt(rank.Length), y = rng.NextInt(rank.Length);
        if (rank[y] < rank[x] || (rank[y] == rank[x] && crowd[y] > crowd[x])) return y;
        return x;
    }

    // NSGA-II survival: whole fronts while they fit, the last one by decreasing crowding distance (stable).
    private static int[] Survivors(double[] f, int count)
    {
        int n = f.Length / 2;
        var rank = new int[n];
        var keep = new List<int>(count);
        foreach (var front in Pareto.NonDominatedSort(f, 2, rank))
        {
            if (keep.Count + front.Length <= count) { keep.AddRange(front); continue; }
            var dist = new double[front.Length];
            Pareto.CrowdingDistance(f, 2, front, dist);
            var order = Enumerable.Range(0, front.Length).OrderByDescending(j => dist[j]).ThenBy(j => front[j]).ToArray();
            for (int j = 0; keep.Count < count; j++) keep.Add(front[order[j]]);
            break;
        }
        return keep.ToArray();
    }
}

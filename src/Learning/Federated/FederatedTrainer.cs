using PhyToolkit.Channels.OverTheAir;
using PhyToolkit.Core.Random;
using PhyToolkit.Channels.Fading;

namespace PhyToolkit.Learning.Federated;

/// <summary>
/// Federated SGD over physical channels (docs/ota-fl.md, [Proposed] algorithm; the setting is [Paper],
/// arXiv:2509.02538). Per round: sample workers, each computes its update at its own (noisy) model copy, the updates go
/// through the <see cref="UplinkAggregator"/>, the server optimiser turns the estimate (and the known channel variance)
/// into Delta_t, and Delta_t is broadcast through the <see cref="DownlinkBroadcaster"/> to every worker, who adds its own
/// decoded copy. All randomness comes from <see cref="RandomStreams"/> of the trial seed.
/// <para>An optional <see cref="FederatedConfig.RoundHook"/> chooses participants and signed aggregation weights per
/// round, may rewrite updates before transmission and may stop the run early (federated unlearning,
/// docs/unlearning-puf.md); <see cref="FederatedConfig.InitialParameters"/> and <see cref="FederatedConfig.FirstRound"/>
/// continue a run from another run's model.</para>
/// </summary>
public static class FederatedTrainer
{
    /// <summary>Runs <c>config.Rounds</c> rounds and returns the trajectory.</summary>
    /// <param name="model">Model (gradients and evaluation).</param>
    /// <param name="task">Data: training union, test set and worker partition (M = Partition.Length).</param>
    /// <param name="config">Configuration.</param>
    /// <param name="seed">Trial seed.</param>
    /// <param name="methodName">Name stored in the result (defaults to the server optimiser's).</param>
    public static FederatedRunResult Run(IFederatedModel model, SyntheticTask task, FederatedConfig config, ulong seed, string? methodName = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(config);
        int M = task.Partition.Length;
        Validate(config, M);
        for (int m = 0; m < M; m++)
            if (task.Partition[m] is null || task.Partition[m].Length == 0) throw new ArgumentException($"worker {m} has no data", nameof(task));

        int d = model.ParameterCount, T = config.Rounds;
        if (config.InitialParameters is not null && config.InitialParameters.Length != d)
            throw new ArgumentException($"config.InitialParameters must have the model's parameter count {d}", "config.InitialParameters");
        int sampledCount = Math.Max(1, (int)Math.Ceiling(config.SamplingFraction * M - 1e-9));
        var hook = config.RoundHook;
        var meanGains = config.MeanGains ?? Enumerable.Repeat(1.0, M).ToArray();
        double meanBeta = meanGains.Average();
        var fading = new BlockFadingProcess(config.Fading, meanGains, RandomStreams.Seed(seed, RandomStreams.Fading));
        var optimizer = config.ServerOptimizer(d) ?? throw new ArgumentException("config.ServerOptimizer returned null", nameof(config));

        UplinkAggregator? uplink = null;
        DownlinkBroadcaster? downlink = null;
        ChannelUseLedger? ledger = null;
        if (!config.IdealChannel)
        {
            TruncatedChannelInversion? pc = null;
            if (config.Uplink.Mode == UplinkMode.OtaTruncatedInversion)
            {
                var peaks = Enumerable.Repeat(config.Uplink.SymbolAmplitude, M).ToArray();
                pc = new TruncatedChannelInversion(config.ThresholdFactor * meanBeta, peaks, meanGains, config.Fading, config.Uplink.SymbolAmplitude);
            }
            uplink = new UplinkAggregator(config.Uplink, pc, meanGains);
            downlink = new DownlinkBroadcaster(config.Downlink, meanGains);
            ledger = new ChannelUseLedger();
        }

        // workspace, allocated once
        var x = new double[d];
        config.InitialParameters?.CopyTo(x, 0);
        var copies = new double[M * d];
        for (int m = 0; m < M; m++) x.CopyTo(copies, m * d);
        var updates = new double[M * d];
        var estimate = new double[d];
        var delta = new double[d];
        var received = new double[M * d];
        var local = new double[d];
        var grad = new double[d];
        var fullGrad = new double[d];
        var scheduledBuffer = new int[M];
        var pool = new int[M];
        var gainsBuffer = new double[M];
        var gainsAll = new double[M];
        var batch = new int[config.BatchSize];

        var rounds = new List<int>(); var trainLoss = new List<double>(); var gradNorm = new List<double>();
        var testLoss = new List<double>(); var testAcc = new List<double>(); var airtime = new List<long>();
        var symbols = new List<double>(); var payload = new List<double>();
        long participantsTotal = 0;
        int roundsRun = 0;

        void Evaluate(int t)
        {
            double loss = model.FullLossAndGradient(x, task.Train, fullGrad);
            double g2 = 0;
            foreach (double g in fullGrad) g2 += g * g;
            rounds.Add(t); trainLoss.Add(loss); gradNorm.Add(g2);
            testLoss.Add(model.FullLossAndGradient(x, task.Test, Span<double>.Empty));
            testAcc.Add(model.Accuracy(x, task.Test));
            if (ledger == null) { airtime.Add(0); symbols.Add(0); payload.Add(0); return; }
            airtime.Add(ledger.TotalAirtime);
            double upP = ledger.TotalSymbolsOf(LinkDirection.Uplink, ChannelUseKind.Payload), upS = ledger.TotalSymbolsOf(LinkDirection.Uplink, ChannelUseKind.SideInformation);
            double dnP = ledger.TotalSymbolsOf(LinkDirection.Downlink, ChannelUseKind.Payload), dnS = ledger.TotalSymbolsOf(LinkDirection.Downlink, ChannelUseKind.SideInformation);
            symbols.Add((upP + upS) / M + dnP + dnS);
            payload.Add(upP / M + dnP);
        }

        Evaluate(0);
        for (int t = 0; t < T; t++)
        {
            int round = config.FirstRound + t;
            var plan = hook?.PlanRound(round, M);
            int scheduledCount;
            if (plan is not null)
            {
                scheduledCount = plan.Workers.Length;
                if (scheduledCount > M) throw new InvalidOperationException($"round {round}: the hook planned {scheduledCount} participants for {M} workers");
                for (int j = 0; j < scheduledCount; j++)
                {
                    int m = plan.Workers[j];
                    if ((uint)m >= (uint)M) throw new InvalidOperationException($"round {round}: the hook planned worker {m}, valid workers are 0..{M - 1}");
                    scheduledBuffer[j] = m;
                }
            }
            else
            {
                // client sampling (partial Fisher-Yates), sorted for a deterministic order
                scheduledCount = sampledCount;
                if (scheduledCount == M) for (int m = 0; m < M; m++) scheduledBuffer[m] = m;
                else
                {
                    for (int m = 0; m < M; m++) pool[m] = m;
                    var srng = RandomStreams.Create(seed, RandomStreams.Sampling, (ulong)round);
                    for (int j = 0; j < scheduledCount; j++)
                    {
                        int r = j + srng.NextInt(M - j);
                        (pool[j], pool[r]) = (pool[r], pool[j]);
                    }
                    pool.AsSpan(0, scheduledCount).CopyTo(scheduledBuffer);
                    Array.Sort(scheduledBuffer, 0, scheduledCount);
                }
            }
            var scheduled = scheduledBuffer.AsSpan(0, scheduledCount);

            // local computation at each worker's own copy
            for (int j = 0; j < scheduledCount; j++)
            {
                int m = scheduled[j];
                var part = task.Partition[m];
                var brng = RandomStreams.Create(seed, RandomStreams.Batches, (ulong)round, (ulong)m);
                var u = updates.AsSpan(j * d, d);
                var xm = copies.AsSpan(m * d, d);
                if (config.LocalSteps == 1)
                {
                    for (int b = 0; b < batch.Length; b++) batch[b] = part[brng.NextInt(part.Length)];
                    model.LossAndGradient(xm, task.Train, batch, u);
                }
                else
                {
                    xm.CopyTo(local);
                    for (int s = 0; s < config.LocalSteps; s++)
                    {
                        for (int b = 0; b < batch.Length; b++) batch[b] = part[brng.NextInt(part.Length)];
                        model.LossAndGradient(local, task.Train, batch, grad);
                        for (int i = 0; i < d; i++) local[i] -= config.LocalLearningRate * grad[i];
                    }
                    double sc = 1.0 / (config.LocalLearningRate * config.LocalSteps);
                    for (int i = 0; i < d; i++) u[i] = (xm[i] - local[i]) * sc;
                }
                if (config.ClipNorm is double clip)
                {
                    double n2 = 0;
                    foreach (double v in u) n2 += v * v;
                    if (n2 > clip * clip) { double f = clip / Math.Sqrt(n2); for (int i = 0; i < d; i++) u[i] *= f; }
                }
            }

            // hook: inspect or rewrite the updates, then pre-scale each by |S| a_j so the uplink's mean is sum_j a_j u_j
            if (plan is not null)
            {
                hook!.OnUpdatesComputed(round, scheduled, updates.AsSpan(0, scheduledCount * d));
                for (int j = 0; j < scheduledCount; j++)
                {
                    double f = scheduledCount * plan.Weights[j];
                    var u = updates.AsSpan(j * d, d);
                    for (int i = 0; i < d; i++) u[i] *= f;
                }
            }

            // uplink
            double vch = 0;
            if (uplink == null)
            {
                estimate.AsSpan().Clear();
                for (int j = 0; j < scheduledCount; j++)
                    for (int i = 0; i < d; i++) estimate[i] += updates[j * d + i] / scheduledCount;
                participantsTotal += scheduledCount;
            }
            else
            {
                for (int j = 0; j < scheduledCount; j++) gainsBuffer[j] = fading.Amplitude(round, scheduled[j]);
                var sym = RandomStreams.Create(seed, RandomStreams.Symbols, (ulong)round, 0);
                var noise = RandomStreams.Create(seed, RandomStreams.Noise, (ulong)round, 0);
                var rep = uplink.Aggregate(updates.AsSpan(0, scheduledCount * d), scheduled, gainsBuffer.AsSpan(0, scheduledCount), round, ref sym, ref noise, estimate, ledger);
                vch = rep.ChannelVarianceBound;
                participantsTotal += rep.Participants;
            }

            // server step
            optimizer.ComputeUpdate(estimate, vch, delta);
            if (downlink is { IsAdaptiveDigital: true })
            {
                // the adaptive digital broadcast carries the b-bit stochastic quantisation of Delta, and the server applies that
                // same quantised Delta, so every copy that decodes it equals the server's model
                var qrng = RandomStreams.Create(seed, RandomStreams.Symbols, (ulong)round, 2);
                downlink.QuantizeForBroadcast(delta, ref qrng);
            }
            for (int i = 0; i < d; i++)
            {
                if (!double.IsFinite(delta[i])) throw new InvalidOperationException($"round {round}: the server update diverged (non-finite Delta[{i}])");
                x[i] += delta[i];
            }

            // downlink
            if (downlink == null)
            {
                for (int m = 0; m < M; m++) x.CopyTo(copies.AsSpan(m * d, d));
            }
            else
            {
                fading.Amplitudes(round, gainsAll);
                var sym = RandomStreams.Create(seed, RandomStreams.Symbols, (ulong)round, 1);
                var noise = RandomStreams.Create(seed, RandomStreams.Noise, (ulong)round, 1);
                downlink.Broadcast(delta, gainsAll, round, ref sym, ref noise, received, ledger);
                for (int k = 0; k < copies.Length; k++) copies[k] += received[k];
                // the resync repairs the drift of analog broadcast copies and the lag of copies that missed an adaptive digital
                // broadcast; the fixed digital downlink has none to repair, so it is neither run nor charged there
                if (config.ResyncEvery > 0 && (!config.Downlink.Digital || downlink.IsAdaptiveDigital) && (t + 1) % config.ResyncEvery == 0)
                {
                    for (int m = 0; m < M; m++)
                        for (int i = 0; i < d; i++) copies[m * d + i] = DigitalCoder.Decode(x[i]);
                    long uses = (long)d * new DigitalCoder(config.Downlink.DigitalCodeRate).SymbolsPerCoordinate;
                    double a = config.Downlink.SymbolAmplitude;
                    ledger!.RecordSymbols(round, LinkDirection.Downlink, ChannelUseLedger.BroadcastLink, ChannelUseKind.SideInformation, uses, uses * a * a);
                    ledger.RecordAirtime(round, LinkDirection.Downlink, uses);
                }
            }

            roundsRun = t + 1;
            bool go = hook?.OnRoundCompleted(round, x) ?? true;
            if ((t + 1) % config.EvaluateEvery == 0 || t == T - 1 || !go) Evaluate(t + 1);
            if (!go) break;
        }

        return new FederatedRunResult
        {
            Method = methodName ?? optimizer.Name,
            Seed = seed,
            Rounds = rounds.ToArray(),
            TrainLoss = trainLoss.ToArray(),
            GradientNormSquared = gradNorm.ToArray(),
            TestLoss = testLoss.ToArray(),
            TestAccuracy = testAcc.ToArray(),
            CumulativeAirtime = airtime.ToArray(),
            CumulativeSymbolsPerWorker = symbols.ToArray(),
            CumulativePayloadSymbolsPerWorker = payload.ToArray(),
            FinalParameters = x,
            MeanParticipants = (double)participantsTotal / roundsRun,
            UplinkPackets = uplink?.Packets is { } up ? PacketCounts.Of(up) : null,
            DownlinkPackets = downlink?.Packets is { } dn ? PacketCounts.Of(dn, downlink.MissedReceptions) : null,
        };
    }

    private static void Validate(FederatedConfig c, int workers)
    {
        if (workers < 1) throw new ArgumentOutOfRangeException("config.Workers", workers, "at least one worker is required (the partition is empty)");
        if (c.Rounds < 1) throw new ArgumentOutOfRangeException("config.Rounds", c.Rounds, "Rounds must be >= 1");
        if (c.BatchSize < 1) throw new ArgumentOutOfRangeException("config.BatchSize", c.BatchSize, "BatchSize must be >= 1");
        if (c.LocalSteps < 1) throw new ArgumentOutOfRangeException("config.LocalSteps", c.LocalSteps, "LocalSteps must be >= 1");
        if (!double.IsFinite(c.LocalLearningRate) || c.LocalLearningRate <= 0) throw new ArgumentOutOfRangeException("config.LocalLearningRate", c.LocalLearningRate, "LocalLearningRate must be finite and > 0");
        if (!(c.SamplingFraction > 0 && c.SamplingFraction <= 1)) throw new ArgumentOutOfRangeException("config.SamplingFraction", c.SamplingFraction, "SamplingFraction must be in (0, 1]");
        if (c.ClipNorm is double g && !(g > 0 && double.IsFinite(g))) throw new ArgumentOutOfRangeException("config.ClipNorm", g, "ClipNorm must be finite and > 0 (or null)");
        if (c.ResyncEvery < 0) throw new ArgumentOutOfRangeException("config.ResyncEvery", c.ResyncEvery, "ResyncEvery must be >= 0");
        if (c.EvaluateEvery < 1) throw new ArgumentOutOfRangeException("config.EvaluateEvery", c.EvaluateEvery, "EvaluateEvery must be >= 1");
        if (!double.IsFinite(c.ThresholdFactor) || c.ThresholdFactor <= 0) throw new ArgumentOutOfRangeException("config.ThresholdFactor", c.ThresholdFactor, "ThresholdFactor must be finite and > 0");
        if (c.Uplink is null) throw new ArgumentNullException("config.Uplink");
        if (c.Downlink is null) throw new ArgumentNullException("config.Downlink");
        if (c.Fading is null) throw new ArgumentNullException("config.Fading");
        if (c.ServerOptimizer is null) throw new ArgumentNullException("config.ServerOptimizer");
        if (c.FirstRound < 0) throw new ArgumentOutOfRangeException("config.FirstRound", c.FirstRound, "FirstRound must be >= 0");
        if (c.InitialParameters is not null && c.InitialParameters.Any(v => !double.IsFinite(v)))
            throw new ArgumentException("config.InitialParameters must be finite", "config.InitialParameters");
        if (c.MeanGains is not null)
        {
            if (c.MeanGains.Length != workers) throw new ArgumentException($"config.MeanGains must have one entry per worker ({workers})", "config.MeanGains");
            foreach (double b in c.MeanGains)
                if (!double.IsFinite(b) || b <= 0) throw new ArgumentOutOfRangeException("config.MeanGains", b, "every mean gain must be finite and > 0");
        }
    }
}

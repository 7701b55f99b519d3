using TorchSharp;
using PhyToolkit.Core.Random;
using static TorchSharp.torch;

namespace PhyToolkit.Learning.PolicyOptimization;

/// <summary>
/// The RLVR loop shared by GRPO, DAPO, GSPO and DCPO (DCPO arXiv:2509.02333, full step): per step, draw prompts, sample G responses
/// each from π_old (the current policy), score them, turn rewards into advantages (<see cref="GroupAdvantage"/> or
/// <see cref="SmoothAdvantage"/>), broadcast them to tokens, and run μ inner epochs of the clipped surrogate
/// (<see cref="PolicyLoss"/>) on the full batch with the given optimiser. DAPO's dynamic sampling discards all-equal groups and
/// refills with fresh prompts (up to <see cref="PolicyOptimConfig.MaxRefills"/> rounds), truncating the kept groups to the batch size.
/// </summary>
/// <remarks>
/// Sampling draws from the policy's soft-max with the caller's <see cref="Xoshiro256StarStar"/> (inverse CDF), so a run is
/// reproducible from its seed and independent of TorchSharp's global generator. Every generated response counts against the
/// budget, including discarded ones. No KL term.
/// </remarks>
public sealed class GroupPolicyTrainer
{
    private readonly ITokenPolicy _policy;
    private readonly IVerifiableTokenTask _task;
    private readonly PolicyOptimConfig _config;
    private readonly optim.Optimizer _optimizer;
    private readonly PromptRewardStats[] _stats;

    /// <summary>Creates the trainer.</summary>
    /// <param name="policy">The policy (its parameters must be those of <paramref name="optimizer"/>).</param>
    /// <param name="task">The verifiable task.</param>
    /// <param name="config">The method.</param>
    /// <param name="optimizer">The optimiser (e.g. <see cref="Optimizers.ManagedAdam"/> with lr 1e-2, β2 = 0.999).</param>
    public GroupPolicyTrainer(ITokenPolicy policy, IVerifiableTokenTask task, PolicyOptimConfig config, optim.Optimizer optimizer)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(optimizer);
        config.Validate();
        _policy = policy;
        _task = task;
        _config = config;
        _optimizer = optimizer;
        _stats = new PromptRewardStats[task.PromptCount];
    }

    /// <summary>The smooth-standardisation state per prompt (visit counts stay 0 unless <see cref="AdvantageKind.SmoothStandardized"/>).</summary>
    public IReadOnlyList<PromptRewardStats> PromptStats => _stats;

    /// <summary>Called after every inner epoch but the first with (q, r) of every response token: old probability and current ratio.</summary>
    public Action<double[], double[]>? RatioObserver { get; set; }

    private sealed record Group(int Prompt, int[][] Responses, double[] Rewards)
    {
        public bool Mixed
        {
            get
            {
                foreach (double r in Rewards) if (r != Rewards[0]) return true;
                return false;
            }
        }
    }

    /// <summary>Runs one step.</summary>
    /// <param name="nextPrompt">Source of prompt ids (e.g. <see cref="PromptCycler.Next"/>).</param>
    /// <param name="promptsPerStep">Prompts per batch B ≥ 1.</param>
    /// <param name="rng">Sampling generator (advanced).</param>
    /// <param name="maxResponses">Responses this step may still generate (the remaining budget); at least one group's worth.</param>
    public TrainStepStats Step(Func<int> nextPrompt, int promptsPerStep, ref Xoshiro256StarStar rng, long maxResponses = long.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(nextPrompt);
        Guard.AtLeast(promptsPerStep, 1, nameof(promptsPerStep));
        int g = _config.NumGenerations;
        Guard.AtLeast(maxResponses, g, nameof(maxResponses));
        long groupsLeft = maxResponses / g;
        var all = new List<Group>();
        int refills = 0;
        var kept = new List<Group>();
        while (true)
        {
            int k = (int)Math.Min(promptsPerStep, groupsLeft);
            if (k <= 0) break;
            var prompts = new int[k];
            for (int i = 0; i < k; i++) prompts[i] = nextPrompt();
            var round = Generate(prompts, ref rng);
            groupsLeft -= k;
            all.AddRange(round);
            if (!_config.DynamicSampling) { kept.AddRange(round); break; }
            kept.AddRange(round.Where(x => x.Mixed));
            if (kept.Count >= promptsPerStep || refills >= _config.MaxRefills || groupsLeft <= 0) break;
            refills++;
        }
        if (kept.Count > promptsPerStep) kept.RemoveRange(promptsPerStep, kept.Count - promptsPerStep);

        int generated = all.Count * g;
        double rewardSum = 0, lengthSum = 0;
        foreach (var x in all)
            for (int j = 0; j < g; j++) { rewardSum += x.Rewards[j]; lengthSum += x.Responses[j].Length; }

        var adv = new double[kept.Count * g];
        for (int i = 0; i < kept.Count; i++)
        {
            var span = adv.AsSpan(i * g, g);
            if (_config.Advantage == AdvantageKind.SmoothStandardized) SmoothAdvantage.Compute(kept[i].Rewards, ref _stats[kept[i].Prompt], span);
            else GroupAdvantage.Standardize(kept[i].Rewards, span);
        }
        int nonZero = adv.Count(a => Math.Abs(a) > 1e-8);
        double clipFraction = kept.Count == 0 ? 0 : Update(kept, adv);
        return new TrainStepStats(generated, kept.Count * g, clipFraction, generated == 0 ? 0 : (double)nonZero / generated,
            generated == 0 ? double.NaN : rewardSum / generated, generated == 0 ? double.NaN : lengthSum / generated, refills);
    }

    /// <summary>Samples G responses for each prompt from the current policy and scores them.</summary>
    private List<Group> Generate(int[] prompts, ref Xoshiro256StarStar rng)
    {
        int g = _config.NumGenerations, n = prompts.Length * g, len = _task.MaxResponseLength, v = _task.VocabularySize;
        var p = new int[n];
        var pos = new int[n];
        var prev = new int[n];
        var tokens = new int[n][];
        var lengths = new int[n];
        var done = new bool[n];
        for (int i = 0; i < n; i++) { p[i] = prompts[i / g]; prev[i] = -1; tokens[i] = new int[len]; }
        using (no_grad())
        {
            for (int t = 0; t < len; t++)
            {
                Array.Fill(pos, t);
                double[] probs;
                using (var scope = NewDisposeScope())
                    probs = nn.functional.softmax(_policy.Logits(p, pos, prev), 1).data<double>().ToArray();
                for (int i = 0; i < n; i++)
                {
                    if (done[i]) continue;
                    double u = rng.NextDouble(), c = 0;
                    int tok = v - 1;
                    for (int k = 0; k < v; k++)
                    {
                        c += probs[i * v + k];
                        if (u < c) { tok = k; break; }
                    }
                    tokens[i][t] = tok;
                    lengths[i] = t + 1;
                    prev[i] = tok;
                    if (tok == _task.EndToken) done[i] = true;
                }
            }
        }
        var groups = new List<Group>(prompts.Length);
        for (int b = 0; b < prompts.Length; b++)
        {
            var resp = new int[g][];
            var rewards = new double[g];
            for (int j = 0; j < g; j++)
            {
                int i = b * g + j;
                resp[j] = tokens[i][..lengths[i]];
                rewards[j] = _task.Reward(prompts[b], resp[j]);
            }
            groups.Add(new Group(prompts[b], resp, rewards));
        }
        return groups;
    }

    /// <summary>μ inner epochs on the kept groups; returns the token clip fraction over all epochs.</summary>
    private double Update(List<Group> kept, double[] advantages)
    {
        int g = _config.NumGenerations, n = kept.Count * g;
        int t = 0;
        foreach (var x in kept) foreach (var r in x.Responses) t = Math.Max(t, r.Length);
        var cp = new int[n * t];
        var cpos = new int[n * t];
        var cprev = new int[n * t];
        var tok = new long[n * t];
        var mask = new double[n * t];
        for (int i = 0; i < n; i++)
        {
            var group = kept[i / g];
            var r = group.Responses[i % g];
            for (int s = 0; s < t; s++)
            {
                int k = i * t + s;
                cp[k] = group.Prompt;
                cpos[k] = s;
                cprev[k] = s > 0 && s <= r.Length ? r[s - 1] : -1;
                if (s < r.Length) { tok[k] = r[s]; mask[k] = 1; }
            }
        }
        Tensor tokens1;
        using (var s = NewDisposeScope()) tokens1 = torch.tensor(tok, ScalarType.Int64).unsqueeze(1).MoveToOuterDisposeScope();
        using var tokT = tokens1;
        using var maskT = torch.tensor(mask, [n, t], ScalarType.Float64);
        using var advT = torch.tensor(advantages, ScalarType.Float64);
        Tensor LogProbs() => nn.functional.log_softmax(_policy.Logits(cp, cpos, cprev), 1).gather(1, tokT).reshape(n, t);
        Tensor oldLp;
        using (var s = NewDisposeScope()) oldLp = LogProbs().detach().MoveToOuterDisposeScope();
        using var old = oldLp;
        double[]? q = null;
        if (RatioObserver is not null)
        {
            using var oq = old.exp();
            var all = oq.data<double>().ToArray();
            q = [.. Enumerable.Range(0, all.Length).Where(k => mask[k] > 0).Select(k => all[k])];
        }
        double clipped = 0, tokens = 0;
        for (int e = 0; e < _config.InnerEpochs; e++)
        {
            using var scope = NewDisposeScope();
            _optimizer.zero_grad();
            var lp = LogProbs();
            using var res = PolicyLoss.Compute(lp, old, advT, maskT, _config);
            res.Loss.backward();
            _optimizer.step();
            clipped += res.ClippedTokens;
            tokens += res.Tokens;
            if (e > 0 && RatioObserver is not null)
            {
                var rAll = res.Ratio.data<double>().ToArray();
                RatioObserver(q!, [.. Enumerable.Range(0, rAll.Length).Where(k => mask[k] > 0).Select(k => rAll[k])]);
            }
        }
        return tokens > 0 ? clipped / tokens : 0;
    }
}

using PhyToolkit.Core.Random;

namespace PhyToolkit.Learning.ActiveLearning;

/// <summary>
/// The open-set active-learning loop of SAMOSA (Kim, Agiollo, Khanna, arXiv 2510.16757; round structure from the authors'
/// training script): each round trains the K-way classifier f_C on the known labels D_L (its test accuracy is the reported
/// metric), trains whatever models the strategy needs, queries b pool samples, and moves known-class answers to D_L and
/// unknown-class answers to the invalid set D_I.
/// </summary>
/// <remarks>
/// <para>Models per round: f_C (SGD, K outputs, D_L) for every strategy; LfOSA adds f_A (SGD, K+1 outputs, D_L ∪ D_I with
/// D_I labelled K); SAMOSA adds f_A and f_B, f_B trained with SAM on the same data. All models restart from scratch every
/// round, as in the authors' script.</para>
/// <para>Common random numbers (our choice): the initial weights and minibatch order of a model depend on (seed, role,
/// round) only, so every strategy starts each round from the same networks, and f_A and f_B share their initial weights and
/// minibatch order; with ρ = 0 f_B equals f_A and every score is 0. The authors initialise the two models independently.</para>
/// <para>Cost is counted in per-sample forward/backward passes at each loss evaluation (SAM evaluates twice per step).</para>
/// </remarks>
public static class OpenSetActiveLearning
{
    private const ulong RoleC = 0xC, RoleA = 0xA, RoleQuery = 0x9;

    /// <summary>Runs R rounds of <paramref name="strategy"/> on <paramref name="pool"/>, then retrains f_C on the final labels.</summary>
    /// <param name="pool">The open-set problem.</param>
    /// <param name="strategy">The query strategy.</param>
    /// <param name="options">Rounds, budget, SAM radius and training schedule.</param>
    /// <param name="seed">Seed of initial weights, minibatch orders and random queries.</param>
    /// <param name="cancellation">Checked between rounds.</param>
    /// <exception cref="ArgumentOutOfRangeException">Invalid options, or the pool holds fewer than R·b unlabelled samples.</exception>
    public static ActiveLearningResult Run(OpenSetPool pool, QueryStrategy strategy, ActiveLearningOptions options, ulong seed, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (!Enum.IsDefined(strategy)) throw new ArgumentOutOfRangeException(nameof(strategy), strategy, "unknown query strategy");
        int unlabelled = pool.Count - pool.InitialLabelled.Length;
        if ((long)options.Rounds * options.Budget > unlabelled)
            throw new ArgumentOutOfRangeException(nameof(options), $"R·b = {(long)options.Rounds * options.Budget} exceeds the {unlabelled} unlabelled pool samples");
        int k = pool.KnownClasses, d = pool.Dimension;
        var t = options.Training;
        var known = new List<int>(pool.InitialLabelled);        // D_L
        var invalid = new List<int>();                          // D_I
        var inPool = new bool[pool.Count];
        Array.Fill(inPool, true);
        foreach (int i in known) inPool[i] = false;
        var queryRng = new Xoshiro256StarStar(SeedMixer.Mix(SeedMixer.Mix(seed, RoleQuery), (ulong)strategy));
        var records = new List<RoundRecord>(options.Rounds);
        double[] lastScores = [], lastMargins = [];
        for (int r = 1; r <= options.Rounds; r++)
        {
            cancellation.ThrowIfCancellationRequested();
            int labelsSpent = known.Count + invalid.Count;
            var (acc, cPasses, fC) = TrainClassifier(pool, known, t, seed, r);
            var u = Enumerable.Range(0, pool.Count).Where(i => inPool[i]).ToArray();
            var ux = Rows(pool.Features, u, d);
            long sgdPasses = 0, samPasses = 0, forward = 0;
            double filtered = double.NaN, spearman = double.NaN, rareGap = double.NaN;
            QuerySelection sel;
            using (fC)
            {
                switch (strategy)
                {
                    case QueryStrategy.Random:
                        sel = BaselineQueries.Random(u.Length, options.Budget, ref queryRng);
                        break;
                    case QueryStrategy.Entropy:
                        sel = BaselineQueries.Entropy(fC.Probabilities(ux), k, options.Budget);
                        forward = u.Length;
                        break;
                    case QueryStrategy.Lfosa:
                    {
                        using var fA = OpenSetModel(pool, known, invalid, t, null, seed, r, out sgdPasses);
                        sel = BaselineQueries.Lfosa(fA.Logits(ux), k, options.Budget);
                        forward = u.Length;
                        break;
                    }
                    default:
                    {
                        using var fA = OpenSetModel(pool, known, invalid, t, null, seed, r, out sgdPasses);
                        using var fB = OpenSetModel(pool, known, invalid, t, options.SamRho, seed, r, out samPasses);
                        var pA = fA.Probabilities(ux);
                        var pB = fB.Probabilities(ux);
                        var variant = strategy switch { QueryStrategy.SamosaLow => SamosaVariant.Low, QueryStrategy.SamosaHigh => SamosaVariant.High, _ => SamosaVariant.Dynamic };
                        sel = SamosaQuery.Select(pA, pB, k, options.Budget, variant, r, options.Rounds, ref queryRng);
                        forward = 2L * u.Length;
                        filtered = (double)sel.FilteredCount / u.Length;
                        lastMargins = Margins(pA, k + 1);
                        lastScores = sel.Scores;
                        (spearman, rareGap) = Mechanism(pool, u, lastMargins, sel.Scores);
                        break;
                    }
                }
            }
            int knownQueried = 0, knownInPool = 0;
            foreach (int i in u) if (pool.IsKnown(i)) knownInPool++;
            foreach (int j in sel.Picked)
            {
                int i = u[j];
                inPool[i] = false;
                if (pool.IsKnown(i)) { known.Add(i); knownQueried++; }
                else invalid.Add(i);
            }
            records.Add(new RoundRecord(r, labelsSpent, known.Count - knownQueried, acc,
                (double)knownQueried / sel.Picked.Length, knownInPool > 0 ? (double)knownQueried / knownInPool : double.NaN,
                cPasses, sgdPasses, samPasses, forward, filtered, spearman, rareGap));
        }
        var (finalAcc, finalPasses, finalModel) = TrainClassifier(pool, known, t, seed, options.Rounds + 1);
        finalModel.Dispose();
        return new ActiveLearningResult(strategy, records, known.Count + invalid.Count, finalAcc, finalPasses, lastScores, lastMargins);
    }

    /// <summary>
    /// The mechanism quantities of SAMOSA's argument on the current pool: the Spearman rank correlation between the disagreement
    /// s(x) and the SGD model's margin p_top1 − p_top2, and the mean s of rare-sub-cluster samples minus that of the others.
    /// </summary>
    internal static (double Spearman, double RareMinusCommon) Mechanism(OpenSetPool pool, int[] u, double[] margin, double[] s)
    {
        double rareSum = 0, commonSum = 0;
        int rare = 0, common = 0;
        for (int j = 0; j < u.Length; j++)
        {
            if (pool.IsRare(u[j])) { rareSum += s[j]; rare++; } else { commonSum += s[j]; common++; }
        }
        double rho = MathNet.Numerics.Statistics.Correlation.Spearman(s, margin);
        double gap = rare > 0 && common > 0 ? rareSum / rare - commonSum / common : double.NaN;
        return (rho, gap);
    }

    /// <summary>Margin p_top1 − p_top2 of every row of an n × c probability array.</summary>
    public static double[] Margins(ReadOnlySpan<double> probs, int c)
    {
        if (c < 2 || probs.Length % c != 0) throw new ArgumentException($"probs must be n × {c} with c >= 2", nameof(probs));
        var margin = new double[probs.Length / c];
        for (int j = 0; j < margin.Length; j++)
        {
            double top1 = double.NegativeInfinity, top2 = double.NegativeInfinity;
            for (int q = 0; q < c; q++)
            {
                double v = probs[j * c + q];
                if (v > top1) { top2 = top1; top1 = v; }
                else if (v > top2) top2 = v;
            }
            margin[j] = top1 - top2;
        }
        return margin;
    }

    private static (double Accuracy, long Passes, MlpClassifier Model) TrainClassifier(OpenSetPool pool, List<int> known, ClassifierTrainingOptions t, ulong seed, int round)
    {
        var idx = known.ToArray();
        var labels = idx.Select(i => pool.Classes[i]).ToArray();
        var model = new MlpClassifier(pool.Dimension, pool.KnownClasses, t.HiddenUnits, SeedMixer.Mix(SeedMixer.Mix(seed, RoleC), (ulong)round));
        long passes = model.Train(pool.Features, labels, idx, t, null, SeedMixer.Mix(SeedMixer.Mix(seed, RoleC + 1), (ulong)round));
        return (model.Accuracy(pool.TestFeatures, pool.TestLabels), passes, model);
    }

    /// <summary>The (K+1)-way model on D_L ∪ D_I (D_I labelled K), with SGD (rho null) or SAM; A and B share initial weights and minibatch order.</summary>
    private static MlpClassifier OpenSetModel(OpenSetPool pool, List<int> known, List<int> invalid, ClassifierTrainingOptions t, double? rho, ulong seed, int round, out long passes)
    {
        var idx = known.Concat(invalid).ToArray();
        var labels = idx.Select(i => pool.IsKnown(i) ? pool.Classes[i] : pool.KnownClasses).ToArray();
        var model = new MlpClassifier(pool.Dimension, pool.KnownClasses + 1, t.HiddenUnits, SeedMixer.Mix(SeedMixer.Mix(seed, RoleA), (ulong)round));
        passes = model.Train(pool.Features, labels, idx, t, rho, SeedMixer.Mix(SeedMixer.Mix(seed, RoleA + 1), (ulong)round));
        return model;
    }

    private static double[] Rows(double[] x, int[] rows, int d)
    {
        var r = new double[rows.Length * d];
        for (int j = 0; j < rows.Length; j++) x.AsSpan(rows[j] * d, d).CopyTo(r.AsSpan(j * d, d));
        return r;
    }
}

using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Random;
using PhyToolkit.Core.Reports;
using PhyToolkit.Core.Scenarios;
using PhyToolkit.Learning.Unlearning.Forging;

namespace PhyToolkit.Scenarios.ForgingSets;

/// <summary>
/// The <c>forging-sets</c> run: one sweep point per experiment F1–F11 of docs/forging-sets.md (and per dimension or model
/// where the experiment has several). The models and targets are fixed by <see cref="ForgingSetsParameters.ModelSeed"/>;
/// a block is one independent Monte Carlo replication (its own seed for every estimator and attack), so the report's
/// intervals are Student intervals over blocks.
/// </summary>
/// <remarks>
/// Metrics, by experiment. Curves are indexed by the grid position (ε, pool size or δ index):
/// F1 <c>slope</c>, <c>slopeSe</c>, <c>mu</c>, <c>ratio</c> (μ̂ over D1), <c>r</c>, <c>e3Outside</c>, <c>e3Branches</c>;
/// F2 <c>mu</c>, <c>excess</c> (μ̂ − the D2 bound); F3 <c>slope</c>, <c>mu</c>; F4 <c>slope</c>, <c>mu</c>, <c>ratio</c> (over D3);
/// F5 <c>slope</c>, <c>slopeB</c>, <c>mu</c>, <c>ratio</c> (over D5), <c>r</c>; F6 <c>slope</c>, <c>fitPoints</c>, <c>mu</c>;
/// F7 <c>slope</c>, <c>mu</c>, <c>rank</c>, <c>naiveSlope</c> (E2 on the stacked map), <c>crossDiff</c> and <c>crossSe</c>
/// (slot-conditional − E1 at a moderate ε); F8 <c>excess</c> (P̂ − ρ_max μ̂), <c>ratio</c> (P̂ over ρ(z*)μ̂); F9 <c>median</c>,
/// <c>d8Ratio</c>, <c>slope</c>; F10 <c>error</c>, <c>ratio</c> (e over σ_min δ), <c>sigmaMin</c>; F11 <c>honestPass32</c>,
/// <c>honestPass64</c>, <c>honestError32</c>, <c>threshold32</c>, <c>threshold64</c>, <c>forgedError</c>, <c>forgedPass32</c>,
/// <c>forgedPass64</c>, <c>forgeability32</c>, <c>forgeability64</c>.
/// </remarks>
internal sealed class ForgingSetsRun(ForgingSetsParameters p, ScenarioConfig config) : ScenarioRun<ForgingSetsParameters>(p, config)
{
    internal const string Experiment = "experiment";

    /// <summary>n of the projected-regression model M4 (plan: 3) and its feature counts k (plan: 2, 1).</summary>
    internal const int ProjectedInputs = 3;
    internal static readonly int[] ProjectedFeatures = [2, 1];

    /// <summary>n of the no-bias model M2 (plan: 2) and its absolute ε range (plan: [0.02, 0.2]).</summary>
    internal const int NoBiasInputs = 2;
    internal const double NoBiasEpsLow = 0.02, NoBiasEpsHigh = 0.2;

    /// <summary>The global-bound grid of F2 (plan: ε ∈ [0.01, 2], absolute).</summary>
    internal const double BoundEpsLow = 0.01, BoundEpsHigh = 2;

    /// <summary>The moderate ε of F7's cross-check of the batch estimator against E1, relative to |r*| (our choice).</summary>
    internal const double BatchCrossCheckEps = 0.2;

    /// <summary>n of the audited model in F11 (our choice: M1 with d = 3) and of the A3 model M1 in F10.</summary>
    internal const int AuditInputs = 2;

    protected override void DefineSweep(SweepBuilder sweep)
    {
        foreach (int n in P.InputDimensions) sweep.Add($"F1/d={n + 1}", (Experiment, "F1"), ("d", n + 1));
        foreach (int n in P.InputDimensions) sweep.Add($"F2/d={n + 1}", (Experiment, "F2"), ("d", n + 1));
        foreach (int n in P.InputDimensions) sweep.Add($"F3/d={n + 1}", (Experiment, "F3"), ("d", n + 1));
        foreach (int n in P.InputDimensions) sweep.Add($"F4/d={n + 1}", (Experiment, "F4"), ("d", n + 1));
        foreach (int k in ProjectedFeatures) sweep.Add($"F5/k={k}", (Experiment, "F5"), ("k", k));
        sweep.Add("F6", (Experiment, "F6"));
        sweep.Add("F7", (Experiment, "F7"));
        foreach (int d in P.SamplingDimensions) sweep.Add($"F8/d={d}", (Experiment, "F8"), ("d", d));
        foreach (int d in P.SamplingDimensions) sweep.Add($"F9/d={d}", (Experiment, "F9"), ("d", d));
        sweep.Add("F10/M1", (Experiment, "F10"), ("model", "M1"));
        sweep.Add("F10/M4", (Experiment, "F10"), ("model", "M4"));
        sweep.Add("F11", (Experiment, "F11"));
    }

    // ---- models (spec defaults: w ~ N(0, I) from the model seed, b, z* ~ U[−1, 1]^d redrawn until |r*| ≥ 0.5) ----

    internal ForgingDomain Domain(int d) => ForgingDomain.Box(d, P.HalfWidth);

    internal (LinearRegressionMap Map, double[] Target, double Residual) Regression(int n, bool hasBias = true)
    {
        var rng = new Xoshiro256StarStar((ulong)P.ModelSeed);
        var w = new double[n];
        for (int i = 0; i < n; i++) w[i] = rng.NextGaussian();
        return WithTarget(new LinearRegressionMap(w, P.Bias, hasBias), n + 1, ref rng);
    }

    /// <summary>M4 with A = [I_k 0].</summary>
    internal (LinearRegressionMap Map, double[] Target, double Residual) Projected(int n, int k)
    {
        var rng = new Xoshiro256StarStar((ulong)P.ModelSeed);
        var w = new double[k];
        for (int i = 0; i < k; i++) w[i] = rng.NextGaussian();
        var a = new double[k, n];
        for (int i = 0; i < k; i++) a[i, i] = 1;
        return WithTarget(new LinearRegressionMap(w, P.Bias, true, a), n + 1, ref rng);
    }

    private static (LinearRegressionMap, double[], double) WithTarget(LinearRegressionMap map, int d, ref Xoshiro256StarStar rng)
    {
        while (true)
        {
            var z = new double[d];
            for (int j = 0; j < d; j++) z[j] = rng.NextDouble(-1, 1);
            double r = map.Residual(z);
            if (Math.Abs(r) >= 0.5) return (map, z, r);
        }
    }

    /// <summary>M3 with label y = 1 (our choice) and x* redrawn until |σ(u*) − y| ≥ 0.2; returns s* = σ(u*) − y.</summary>
    internal (LogisticNeuronMap Map, double[] Target, double Scale) Logistic(int n)
    {
        var rng = new Xoshiro256StarStar((ulong)P.ModelSeed);
        var w = new double[n];
        for (int i = 0; i < n; i++) w[i] = rng.NextGaussian();
        var map = new LogisticNeuronMap(w, P.Bias, 1);
        while (true)
        {
            var x = new double[n];
            for (int j = 0; j < n; j++) x[j] = rng.NextDouble(-1, 1);
            double s = 1 / (1 + Math.Exp(-map.PreActivation(x))) - 1;
            if (Math.Abs(s) >= 0.2) return (map, x, s);
        }
    }

    internal double[] Grid(double scale) => LogGrid(P.EpsilonLow * scale, P.EpsilonHigh * scale, P.GridPoints);

    internal static double[] LogGrid(double lo, double hi, int count)
    {
        var e = new double[count];
        for (int i = 0; i < count; i++) e[i] = lo * Math.Pow(hi / lo, i / (double)(count - 1));
        return e;
    }

    internal static double[] Squares(double[] grid) => [.. grid.Select(e => e * e)];

    /// <summary>The estimates an ε contributes to a slope fit: at least <see cref="ForgingSetsParameters.MinHits"/> hits.</summary>
    private ForgingSetEstimate[] Usable(IEnumerable<ForgingSetEstimate> curve) => [.. curve.Where(e => e.Hits >= P.MinHits && e.StdErr > 0)];

    private SlopeFit? Fit(IEnumerable<ForgingSetEstimate> curve)
    {
        var u = Usable(curve);
        return u.Select(e => e.Epsilon).Distinct().Count() >= 2 ? ForgingSetEstimator.FitSlope(u) : null;
    }

    private static void AddFit(MetricSink sink, string name, SlopeFit? fit)
    {
        if (fit is null) return;
        sink.Add(name, fit.Slope);
        sink.Add(name + "Se", fit.SlopeStdErr);
    }

    private static void AddCurve(MetricSink sink, IReadOnlyList<ForgingSetEstimate> curve, Func<int, double>? reference = null)
    {
        for (int i = 0; i < curve.Count; i++)
        {
            sink.AddAt("mu", i, curve[i].Measure);
            if (reference is not null) sink.AddAt("ratio", i, curve[i].Measure / reference(i));
        }
    }

    public override void RunBlock(in BlockContext context, object? workspace, MetricSink sink)
    {
        var pt = Plan.Points[context.PointIndex];
        ulong seed = context.Seed;
        switch (pt.Category(Experiment))
        {
            case "F1": RunF1((int)pt.Number("d") - 1, seed, sink); break;
            case "F2": RunF2((int)pt.Number("d") - 1, seed, sink); break;
            case "F3": RunF3((int)pt.Number("d") - 1, seed, sink); break;
            case "F4": RunF4((int)pt.Number("d"), seed, sink); break;
            case "F5": RunF5((int)pt.Number("k"), seed, sink); break;
            case "F6": RunF6(seed, sink); break;
            case "F7": RunF7(seed, sink); break;
            case "F8": RunF8((int)pt.Number("d"), seed, sink); break;
            case "F9": RunF9((int)pt.Number("d"), seed, sink); break;
            case "F10": RunF10(pt.Category("model"), seed, sink); break;
            default: RunF11(seed, sink); break;
        }
    }

    private void RunF1(int n, ulong seed, MetricSink sink)
    {
        var (map, z, r) = Regression(n);
        int d = n + 1;
        var domain = Domain(d);
        var grid = Grid(Math.Abs(r));
        var curve = ForgingSetEstimator.LocalBoxCurve(map, z, grid, domain, ForgingConvention.Norm, P.LocalSamples, seed);
        AddFit(sink, "slope", Fit(curve));
        AddCurve(sink, curve, i => ForgingClosedForms.LinearRegression(grid[i], r, d));
        sink.Add("r", curve[0].EstimatedR);
        // E3 at the largest ε; cluster radius a tenth of the domain side (our choice).
        var (e3, outside) = ForgingSetEstimator.WithBranchCheck(map, z, grid[^1], domain, ForgingConvention.Norm, P.LocalSamples,
            P.GlobalSamples, SeedMixer.Mix(seed, 1_000_003), 0.2 * P.HalfWidth);
        sink.Add("e3Outside", outside);
        sink.Add("e3Branches", e3.Branches);
    }

    private void RunF2(int n, ulong seed, MetricSink sink)
    {
        var (map, z, _) = Regression(n);
        int d = n + 1;
        var domain = Domain(d);
        var g = new double[map.ParameterDimension];
        map.Gradient(z, g);
        var grid = LogGrid(BoundEpsLow, BoundEpsHigh, P.GridPoints);
        for (int i = 0; i < grid.Length; i++)
        {
            var e = ForgingSetEstimator.GlobalUniform(map, g, grid[i], domain, ForgingConvention.Norm, P.GlobalSamples, SeedMixer.Mix(seed, (ulong)i));
            sink.AddAt("mu", i, e.Measure);
            sink.AddAt("excess", i, e.Measure - ForgingClosedForms.LinearRegressionGlobalBound(grid[i], P.HalfWidth, d));
        }
    }

    private void RunF3(int n, ulong seed, MetricSink sink)
    {
        var (map, z, r) = Regression(n);
        var grid = Squares(Grid(Math.Abs(r)));
        var curve = ForgingSetEstimator.LocalBoxCurve(map, z, grid, Domain(n + 1), ForgingConvention.Squared, P.LocalSamples, seed);
        AddFit(sink, "slope", Fit(curve));
        AddCurve(sink, curve);
    }

    private void RunF4(int n, ulong seed, MetricSink sink)
    {
        var (map, x, s) = Logistic(n);
        var grid = Grid(Math.Abs(s));
        var analysis = VariationAnalysis.At(map, x);
        var curve = ForgingSetEstimator.LocalBoxCurve(map, x, grid, Domain(n), ForgingConvention.Norm, P.LocalSamples, seed);
        AddFit(sink, "slope", Fit(curve));
        AddCurve(sink, curve, i => ForgingClosedForms.Linearized(grid[i], analysis));
        sink.Add("r", curve[0].EstimatedR);
    }

    private void RunF5(int k, ulong seed, MetricSink sink)
    {
        const int n = ProjectedInputs;
        var (map, z, r) = Projected(n, k);
        var domain = Domain(n + 1);
        var grid = Grid(Math.Abs(r));
        var a = ForgingSetEstimator.LocalBoxCurve(map, z, grid, domain, ForgingConvention.Norm, P.LocalSamples, seed);
        var b = ForgingSetEstimator.LocalBoxCurve(map, z, Squares(grid), domain, ForgingConvention.Squared, P.LocalSamples, SeedMixer.Mix(seed, 77));
        AddFit(sink, "slope", Fit(a));
        AddFit(sink, "slopeB", Fit(b));
        AddCurve(sink, a, i => ForgingClosedForms.ProjectedRegression(grid[i], r, n, k, P.HalfWidth));
        sink.Add("r", a[0].EstimatedR);
    }

    private void RunF6(ulong seed, MetricSink sink)
    {
        var (map, z, _) = Regression(NoBiasInputs, hasBias: false);
        var domain = Domain(NoBiasInputs + 1);
        var g = new double[map.ParameterDimension];
        map.Gradient(z, g);
        var grid = LogGrid(NoBiasEpsLow, NoBiasEpsHigh, P.GridPoints);
        var curve = new ForgingSetEstimate[grid.Length];
        for (int i = 0; i < grid.Length; i++)
            curve[i] = ForgingSetEstimator.GlobalUniform(map, g, grid[i], domain, ForgingConvention.Norm, P.NoBiasSamples, SeedMixer.Mix(seed, (ulong)i));
        AddFit(sink, "slope", Fit(curve));
        sink.Add("fitPoints", Usable(curve).Length);
        sink.Add("r", VariationAnalysis.At(map, z).R);
        AddCurve(sink, curve);
    }

    internal (BatchGradientMap Map, double[] Target, double Residual) Batch()
    {
        var (single, z1, r) = Regression(1);
        // The second slot: the next target draw of the same model stream (our choice; any point of D with r ≠ 0 would do).
        var rng = new Xoshiro256StarStar(SeedMixer.Mix((ulong)P.ModelSeed, 2));
        var (_, z2, _) = WithTarget(single, 2, ref rng);
        return (new BatchGradientMap(single, 2), [z1[0], z1[1], z2[0], z2[1]], r);
    }

    private void RunF7(ulong seed, MetricSink sink)
    {
        var (batch, target, r) = Batch();
        var domain = Domain(batch.DataDimension);
        var grid = Grid(Math.Abs(r));
        var curve = ForgingSetEstimator.BatchConditionalCurve(batch, target, grid, domain, ForgingConvention.Norm,
            P.BatchOuterSamples, P.BatchInnerSamples, seed);
        AddFit(sink, "slope", Fit(curve));
        AddCurve(sink, curve);
        sink.Add("rank", VariationAnalysis.At(batch, target).StiffCount);
        // Diagnostic: E2 straight on the stacked map (its box cannot follow the curved fibre).
        var naive = ForgingSetEstimator.LocalBoxCurve(batch, target, grid, domain, ForgingConvention.Norm, P.LocalSamples, SeedMixer.Mix(seed, 5));
        AddFit(sink, "naiveSlope", Fit(naive));
        // Cross-check against E1 at a moderate ε where E1 gets hits.
        double eps = BatchCrossCheckEps * Math.Abs(r);
        var g = new double[batch.ParameterDimension];
        batch.Gradient(target, g);
        var cond = ForgingSetEstimator.BatchConditionalCurve(batch, target, [eps], domain, ForgingConvention.Norm,
            P.BatchOuterSamples, P.BatchInnerSamples, SeedMixer.Mix(seed, 6))[0];
        var e1 = ForgingSetEstimator.GlobalUniform(batch, g, eps, domain, ForgingConvention.Norm, 2 * P.GlobalSamples, SeedMixer.Mix(seed, 7));
        sink.Add("crossDiff", cond.Measure - e1.Measure);
        sink.Add("crossSe", Math.Sqrt(cond.StdErr * cond.StdErr + e1.StdErr * e1.StdErr));
        sink.Add("crossE1", e1.Measure);
    }

    /// <summary>The truncated-Gaussian density at z relative to its maximum ρ_max (box symmetric about 0, so ρ_max is at 0).</summary>
    private static double DensityRatio(double[] z) => Math.Exp(-0.5 * z.Sum(v => v * v));

    private void RunF8(int d, ulong seed, MetricSink sink)
    {
        var (map, z, r) = Regression(d - 1);
        var domain = Domain(d);
        var g = new double[map.ParameterDimension];
        map.Gradient(z, g);
        for (int i = 0; i < P.ProbabilityEpsilons.Length; i++)
        {
            double eps = P.ProbabilityEpsilons[i] * Math.Abs(r);
            var prob = ForgingSetEstimator.TruncatedGaussianProbability(map, g, eps, domain, ForgingConvention.Norm, P.ProbabilitySamples, SeedMixer.Mix(seed, (ulong)i));
            var mu = ForgingSetEstimator.LocalBox(map, z, eps, domain, ForgingConvention.Norm, P.LocalSamples, SeedMixer.Mix(seed, 100 + (ulong)i));
            sink.AddAt("excess", i, prob.Probability - prob.DensityMax * mu.Measure);
            sink.AddAt("ratio", i, prob.Probability / (prob.DensityMax * DensityRatio(z) * mu.Measure));
            sink.AddAt("probability", i, prob.Probability);
        }
    }

    /// <summary>D8: median e_min ≈ (ln 2/(M ρ K))^{1/(d−r)} with ρ = 1/vol(D) and K = ω_d/|r*|^{d−1} (D1), r = 0.</summary>
    internal double D8Median(int d, double residual, double m) =>
        Math.Pow(Math.Log(2) * Math.Pow(2 * P.HalfWidth, d) * Math.Pow(Math.Abs(residual), d - 1) / (m * ForgingClosedForms.UnitBallVolume(d)), 1.0 / d);

    private static double[][] UniformPool(ForgingDomain domain, int count, ulong seed)
    {
        var pool = new double[count][];
        for (int i = 0; i < count; i++) pool[i] = new double[domain.Dimension];
        Refill(domain, pool, seed);
        return pool;
    }

    /// <summary>Redraws every point of <paramref name="pool"/> uniformly in D (the arrays are reused: no allocation per pool).</summary>
    private static void Refill(ForgingDomain domain, double[][] pool, ulong seed)
    {
        var rng = new Xoshiro256StarStar(seed);
        foreach (var z in pool) domain.Sample(ref rng, z);
    }

    private void RunF9(int d, ulong seed, MetricSink sink)
    {
        var (map, z, r) = Regression(d - 1);
        var domain = Domain(d);
        var g = new double[map.ParameterDimension];
        map.Gradient(z, g);
        int[] sizes = [.. P.PoolSizes.Order()];
        var errors = new double[sizes.Length][];
        for (int i = 0; i < sizes.Length; i++) errors[i] = new double[P.AttackRepetitions];
        var pool = new double[sizes[^1]][];
        for (int i = 0; i < pool.Length; i++) pool[i] = new double[d];
        for (int rep = 0; rep < P.AttackRepetitions; rep++)
        {
            // One pool per repetition; pool size M uses its first M points (nested pools: common random numbers across M).
            Refill(domain, pool, SeedMixer.Mix(seed, (ulong)rep, 1, 0));
            for (int i = 0; i < sizes.Length; i++)
                errors[i][rep] = ForgingAttacks.RandomCandidates(map, new ArraySegment<double[]>(pool, 0, sizes[i]), g, sizes[i], 1, -1,
                    SeedMixer.Mix(seed, (ulong)rep, 2, (ulong)i)).Error;
        }
        var x = new double[sizes.Length];
        var y = new double[sizes.Length];
        for (int i = 0; i < sizes.Length; i++)
        {
            double med = Median(errors[i]);
            sink.AddAt("median", i, med);
            sink.AddAt("d8Ratio", i, med / D8Median(d, r, sizes[i]));
            x[i] = Math.Log(sizes[i]);
            y[i] = Math.Log(med);
        }
        sink.Add("slope", OlsSlope(x, y));
    }

    internal static double Median(double[] v)
    {
        var s = (double[])v.Clone();
        Array.Sort(s);
        return s.Length % 2 == 1 ? s[s.Length / 2] : 0.5 * (s[s.Length / 2 - 1] + s[s.Length / 2]);
    }

    private static double OlsSlope(double[] x, double[] y)
    {
        double xm = x.Average(), ym = y.Average(), sxy = 0, sxx = 0;
        for (int i = 0; i < x.Length; i++) { sxy += (x[i] - xm) * (y[i] - ym); sxx += (x[i] - xm) * (x[i] - xm); }
        return sxy / sxx;
    }

    internal (LinearRegressionMap Map, double[] Target, double Residual) AttackModel(string model) =>
        model == "M1" ? Regression(AuditInputs) : Projected(ProjectedInputs, 2);

    private void RunF10(string model, ulong seed, MetricSink sink)
    {
        var (map, z, _) = AttackModel(model);
        var domain = Domain(map.DataDimension);
        var analysis = VariationAnalysis.At(map, z);
        double sigmaMin = analysis.SingularValues[analysis.StiffCount - 1];
        sink.Add("sigmaMin", sigmaMin);
        sink.Add("r", analysis.R);
        for (int i = 0; i < P.Deltas.Length; i++)
        {
            var res = ForgingAttacks.GradientMatching(map, z, P.Deltas[i], domain, P.Starts, SeedMixer.Mix(seed, (ulong)i));
            sink.AddAt("error", i, res.Error);
            sink.AddAt("ratio", i, res.Error / (sigmaMin * P.Deltas[i]));
        }
    }

    private void RunF11(ulong seed, MetricSink sink)
    {
        var (map, z, _) = Regression(AuditInputs);
        int d = map.DataDimension, p = map.ParameterDimension, b = P.AuditBatchSize;
        var domain = Domain(d);
        // Honest step: the point to forget in slot 0 with B − 1 uniform companions; the log is the mean gradient in each format.
        var batch = UniformPool(domain, b, SeedMixer.Mix(seed, 1));
        batch[0] = z;
        var logged64 = new double[p];
        var g = new double[p];
        foreach (var zi in batch)
        {
            map.Gradient(zi, g);
            for (int i = 0; i < p; i++) logged64[i] += g[i] / b;
        }
        var logged32 = logged64.Select(v => (double)(float)v).ToArray();
        var h64 = ForgingAudit.Verify(map, batch, logged64, AuditPrecision.Double, P.AuditFactor);
        var h32 = ForgingAudit.Verify(map, batch, logged32, AuditPrecision.Single, P.AuditFactor);
        sink.Add("honestPass64", h64.Passed ? 1 : 0);
        sink.Add("honestPass32", h32.Passed ? 1 : 0);
        sink.Add("honestError32", h32.Error);
        sink.Add("threshold64", h64.Threshold);
        sink.Add("threshold32", h32.Threshold);

        // A1-forged: slot 0 replaced by the pool point whose gradient best matches G(z*) (the pool never holds z*).
        var gStar = new double[p];
        map.Gradient(z, gStar);
        int[] sizes = [.. P.PoolSizes.Order()];
        var pool = UniformPool(domain, sizes[^1], SeedMixer.Mix(seed, 2));
        for (int i = 0; i < sizes.Length; i++)
        {
            var forged = ForgingAttacks.RandomCandidates(map, new ArraySegment<double[]>(pool, 0, sizes[i]), gStar, sizes[i], 1, -1, SeedMixer.Mix(seed, 3, (ulong)i, 0));
            var claimed = (double[][])batch.Clone();
            claimed[0] = pool[forged.Indices[0]];
            var f32 = ForgingAudit.Verify(map, claimed, logged32, AuditPrecision.Single, P.AuditFactor);
            var f64 = ForgingAudit.Verify(map, claimed, logged64, AuditPrecision.Double, P.AuditFactor);
            sink.AddAt("forgedError", i, f32.Error);
            sink.AddAt("forgedPass32", i, f32.Passed ? 1 : 0);
            sink.AddAt("forgedPass64", i, f64.Passed ? 1 : 0);
        }
        // Forgeability of slot 0: one slot moves the mean by (G(z′) − G(z*))/B, so its single-point tolerance is B·ε_num.
        var (fr32, _) = ForgingAudit.Forgeability(map, z, b * h32.Threshold, domain, P.LocalSamples, SeedMixer.Mix(seed, 4));
        var (fr64, _) = ForgingAudit.Forgeability(map, z, b * h64.Threshold, domain, P.LocalSamples, SeedMixer.Mix(seed, 5));
        sink.Add("forgeability32", fr32);
        sink.Add("forgeability64", fr64);
    }

    public override void BuildReport(RunResults results, ReportBuilder report) => ForgingSetsReport.Build(this, P, results, report);
}

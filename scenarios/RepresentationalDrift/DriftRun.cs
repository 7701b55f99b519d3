using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Random;
using PhyToolkit.Core.Reports;
using PhyToolkit.Core.Scenarios;
using PhyToolkit.Learning.Drift;
using PhyToolkit.Learning.Hebbian;

namespace PhyToolkit.Scenarios.RepresentationalDrift;

/// <summary>
/// The <c>representational-drift</c> run. Points are (study, learner); one seed per block, and every grid value of a study
/// runs inside the block so that slopes are fitted per seed and their intervals taken over seeds:
/// variance (λ⊥ grid at the reference n − m), dimension (n − m grid at the reference λ⊥), synaptic (Oja, λ⊥ = 0 with
/// synaptic noise over the n − m grid), anisotropy (Oja, m = 3, learning noise vs synaptic noise) and eta (Oja, η grid).
/// </summary>
internal sealed class DriftRun(DriftParameters p, ScenarioConfig config) : ScenarioRun<DriftParameters>(p, config)
{
    internal const string Variance = "variance", Dimension = "dimension", Synaptic = "synaptic", Anisotropy = "anisotropy", Eta = "eta";
    internal const int M = 2;

    protected override void DefineSweep(SweepBuilder sweep)
    {
        foreach (string l in P.Learners) sweep.Add($"{Variance}/{l}", ("study", Variance), ("learner", l));
        foreach (string l in P.Learners) sweep.Add($"{Dimension}/{l}", ("study", Dimension), ("learner", l));
        if (P.Learners.Contains("oja"))
        {
            sweep.Add($"{Synaptic}/oja", ("study", Synaptic), ("learner", "oja"));
            sweep.Add($"{Anisotropy}/oja", ("study", Anisotropy), ("learner", "oja"));
            sweep.Add($"{Eta}/oja", ("study", Eta), ("learner", "oja"));
        }
    }

    /// <summary>The λ⊥ of the variance grid closest to the reference (the run that claims 1 and 6 read).</summary>
    internal double ReferenceVariance => P.IrrelevantVariances.Where(v => v > 0).MinBy(v => Math.Abs(Math.Log(v / P.ReferenceIrrelevantVariance)));

    private double LearningRate(string learner) => learner switch
    {
        "oja" => P.OjaLearningRate,
        "sm" => P.SimilarityMatchingLearningRate,
        "ae" => P.AutoencoderLearningRate,
        _ => P.SupervisedLearningRate,
    };

    private IOnlineLearner Create(string learner, int n, int m, double eta, double sigma, ref Xoshiro256StarStar rng)
    {
        switch (learner)
        {
            case "oja": return new OjaSubspaceLearner(n, m, eta, sigma, ref rng);
            case "sm": return new SimilarityMatchingLearner(n, m, eta, P.Tau, sigma, ref rng);
            case "ae": return new TiedAutoencoderLearner(n, m, eta, sigma, ref rng);
            default:
                var a = new double[m * m];
                for (int i = 0; i < m; i++) a[i * m + i] = 1;
                return new SupervisedLinearSgdLearner(n, P.HiddenWidth, a, m, eta, P.LabelNoiseSd, sigma, ref rng);
        }
    }

    private sealed record Measured(DiffusionEstimate Fit, MsdCurve Msd, DriftRecording Recording);

    private Measured Measure(string learner, int irrelevantDims, double[] relevant, double lambdaPerp, double eta, double sigma, ulong seed)
    {
        var rng = new Xoshiro256StarStar(seed);
        int m = relevant.Length, n = m + irrelevantDims;
        var stream = new SubspaceStream(n, relevant, lambdaPerp);
        var l = Create(learner, n, m, eta, sigma, ref rng);
        var rec = DriftRecording.Run(l, stream, P.BurnIn, P.Measurement, P.RecordEvery, ref rng);
        int maxLag = Math.Max(2, (int)(P.FitFraction * (rec.Frames.Count - 1)));
        var msd = DriftAnalytics.MeanSquaredDisplacement(rec.Frames, rec.Rows, m, maxLag, P.RecordEvery);
        return new Measured(DriftAnalytics.FitDiffusion(msd, maxLag), msd, rec);
    }

    private double[] Relevant(int m) => Enumerable.Repeat(P.RelevantVariance, m).ToArray();

    public override void RunBlock(in BlockContext context, object? workspace, MetricSink sink)
    {
        var pt = Plan.Points[context.PointIndex];
        string learner = pt.Category("learner");
        double eta = LearningRate(learner);
        ulong seed = context.Seed;
        switch (pt.Category("study"))
        {
            case Variance:
            {
                var d = new double[P.IrrelevantVariances.Length];
                for (int k = 0; k < d.Length; k++)
                {
                    double lp = P.IrrelevantVariances[k];
                    var r = Measure(learner, P.ReferenceIrrelevantDimension, Relevant(M), lp, eta, 0, SeedMixer.Mix(seed, (ulong)k));
                    d[k] = r.Fit.D;
                    sink.AddAt("D", k, r.Fit.D);
                    sink.AddAt("subspaceError", k, r.Recording.SubspaceErrors.Average());
                    if (lp == ReferenceVariance) EmitReference(sink, r);
                    if (lp == P.IrrelevantVariances.Max()) EmitStability(sink, r.Recording);
                }
                EmitVarianceLaw(sink, d);
                break;
            }
            case Dimension:
            case Synaptic:
            {
                bool syn = pt.Is("study", Synaptic);
                var dims = P.IrrelevantDimensions;
                var d = new double[dims.Length];
                for (int k = 0; k < dims.Length; k++)
                {
                    var r = Measure(learner, dims[k], Relevant(M), syn ? 0 : P.ReferenceIrrelevantVariance, eta, syn ? P.SynapticNoiseSd : 0, SeedMixer.Mix(seed, (ulong)k));
                    d[k] = r.Fit.D;
                    sink.AddAt("D", dims[k], r.Fit.D);
                    if (syn && k == dims.Length - 1) EmitStability(sink, r.Recording);
                }
                var x = dims.Select(v => (double)v).ToArray();
                var (slope, intercept, r2) = DriftAnalytics.LineFit(x, d);
                sink.Add("linearR2", r2);
                sink.Add("relSlope", slope / d.Average());
                sink.Add("relIntercept", intercept / d[Array.IndexOf(dims, dims.Max())]);
                if (d.All(v => v > 0)) sink.Add("dimSlope", DriftAnalytics.LineFit(x.Select(v => Math.Log(v)).ToArray(), d.Select(v => Math.Log(v)).ToArray()).Slope);
                break;
            }
            case Anisotropy:
            {
                var learning = Measure(learner, P.ReferenceIrrelevantDimension, P.AnisotropicVariances, P.ReferenceIrrelevantVariance, eta, 0, SeedMixer.Mix(seed, 1));
                var synaptic = Measure(learner, P.ReferenceIrrelevantDimension, P.AnisotropicVariances, 0, eta, P.SynapticNoiseSd, SeedMixer.Mix(seed, 2));
                for (int q = 0; q < 3; q++)
                {
                    sink.AddAt("planeRateLearning", q, learning.Fit.PlaneRates[q]);
                    sink.AddAt("planeRateSynaptic", q, synaptic.Fit.PlaneRates[q]);
                }
                break;
            }
            default:
            {
                var d = new double[P.EtaSweep.Length];
                for (int k = 0; k < d.Length; k++)
                {
                    d[k] = Measure(learner, P.ReferenceIrrelevantDimension, Relevant(M), P.ReferenceIrrelevantVariance, P.EtaSweep[k], 0, SeedMixer.Mix(seed, (ulong)k)).Fit.D;
                    sink.AddAt("D", k, d[k]);
                }
                if (d.All(v => v > 0)) sink.Add("etaSlope", DriftAnalytics.LineFit(P.EtaSweep.Select(v => Math.Log(v)).ToArray(), d.Select(v => Math.Log(v)).ToArray()).Slope);
                break;
            }
        }
    }

    /// <summary>Claim 1 quantities of the reference run: subspace error level and flatness, MSD linearity, the MSD curve.</summary>
    private static void EmitReference(MetricSink sink, Measured r)
    {
        var e = r.Recording.SubspaceErrors;
        int h = e.Length / 2;
        sink.Add("errMean", e.Average());
        sink.Add("errChange", e.AsSpan(h).ToArray().Average() - e.AsSpan(0, h).ToArray().Average());
        sink.Add("r2", r.Fit.RSquared);
        sink.Add("referenceD", r.Fit.D);
        for (int i = 0; i < r.Msd.Lags.Length; i++) sink.AddAt("msd", r.Msd.Lags[i] * r.Msd.StepsPerLag, r.Msd.Total[i]);
    }

    /// <summary>Claim 6 quantities over time: similarity-matrix change from the start and representation correlation C(Δ).</summary>
    private void EmitStability(MetricSink sink, DriftRecording rec)
    {
        // Probe stimuli: three fixed relevant latents (our choice), A_p = [[1, 0, 1], [0, 1, 1]]/√λ∥-free scale.
        double[] probes = [1, 0, 1, 0, 1, 1];
        int frames = rec.Frames.Count;
        for (int j = 1; j <= 8; j++)
        {
            int lag = Math.Max(1, (frames - 1) * j / 16);     // up to half the run, so C(Δ) averages over ≥ half the frames
            var (_, corr) = DriftAnalytics.Stability(rec.Frames, rec.Rows, rec.RelevantDimension, probes, 3, lag);
            var (change, _) = DriftAnalytics.Stability(rec.Frames.Take(lag + 1).ToList(), rec.Rows, rec.RelevantDimension, probes, 3, lag);
            int step = lag * rec.RecordEvery;
            sink.AddAt("correlation", step, corr);
            sink.AddAt("similarityChange", step, change);
            if (j == 8) { sink.Add("decorrelation", 1 - corr); sink.Add("similarityChangeEnd", change); }
        }
    }

    private void EmitVarianceLaw(MetricSink sink, double[] d)
    {
        var lam = P.IrrelevantVariances;
        int zero = Array.IndexOf(lam, 0.0);
        int reference = Array.IndexOf(lam, ReferenceVariance);
        sink.Add("zeroRatio", d[zero] / d[reference]);
        var pos = Enumerable.Range(0, lam.Length).Where(k => lam[k] > 0).OrderBy(k => lam[k]).ToArray();
        if (pos.All(k => d[k] > 0))
            sink.Add("slope", DriftAnalytics.LineFit(pos.Select(k => Math.Log(lam[k])).ToArray(), pos.Select(k => Math.Log(d[k])).ToArray()).Slope);
        if (pos.All(k => d[k] > d[zero]))
            sink.Add("excessSlope", DriftAnalytics.LineFit(pos.Select(k => Math.Log(lam[k])).ToArray(), pos.Select(k => Math.Log(d[k] - d[zero])).ToArray()).Slope);
        var sorted = Enumerable.Range(0, lam.Length).OrderBy(k => lam[k]).ToArray();
        bool monotone = true;
        for (int i = 1; i < sorted.Length; i++) monotone &= d[sorted[i]] > d[sorted[i - 1]];
        sink.Add("monotone", monotone ? 1 : 0);
    }

    public override void BuildReport(RunResults results, ReportBuilder report) => DriftReport.Build(this, P, results, report);
}

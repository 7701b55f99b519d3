using PhyToolkit.Antennas;
using PhyToolkit.Channels.Correlation;
using PhyToolkit.Channels.KeyGeneration;
using PhyToolkit.Channels.Sampling;
using PhyToolkit.Core.Compute;
using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Random;
using PhyToolkit.Core.Reports;
using PhyToolkit.Core.Scenarios;
using PhyToolkit.Optimization;
using PhyToolkit.Optimization.KeyGeneration;
using PhyToolkit.Channels.KeyGeneration.Batched;
using PhyToolkit.Optimization.Gradient;
using PhyToolkit.Optimization.Results;
using PhyToolkit.Optimization.Swarm;
using PhyToolkit.Optimization.MultiObjective;

namespace PhyToolkit.Scenarios.FaPlkg;

/// <summary>
/// The prepared fa-plkg run: points of F1–F5, and per trial one random channel geometry shared by every scheme of the
/// trial (common random numbers). The geometry of trial t depends on (master seed, t) only, so the SNR, M and L points
/// of one trial see the same angles (paired comparisons); optimiser seeds come from the block seed.
/// </summary>
internal sealed class FaPlkgRun(FaPlkgParameters parameters, ScenarioConfig config) : ScenarioRun<FaPlkgParameters>(parameters, config)
{
    /// <summary>Scheme identifiers used in metric names.</summary>
    public const string UpaIso = "upa-iso", UpaOpt = "upa-opt", Ula = "ula", Rp = "rp", FaPos = "fa-pos", FaGrad = "fa-grad",
        FaAo = "fa-ao", FaPso = "fa-pso", Ris = "ris", FaAoB = "fa-ao-b", RisGm = "ris-gm", FaGradMs = "fa-grad-ms",
        EveFront = "front-best", EveBackoff = "backoff-best";

    /// <summary>Schemes whose channel footing (E[tr R], E[λ_max]) and cost (fitness evaluations) are recorded at the SNR points.</summary>
    public static readonly string[] FootingSchemes = [FaAo, FaPso, FaGrad, FaGradMs, FaPos, Rp, UpaOpt, UpaIso, Ula, Ris, RisGm];


    /// <summary>Points in order: F1 (SNR), F2 (M), F3 (one region point), F4 (convergence, if any geometries), F5 (L).</summary>
    protected override void DefineSweep(SweepBuilder sweep)
    {
        const string fig = FaPlkgFigure.Coordinate;
        foreach (var s in P.SnrDb) sweep.Add($"F1 snr={Fmt.Label(s)}dB", (fig, FaPlkgFigure.Snr), ("snrDb", s));
        foreach (var m in P.AntennaSweep) sweep.Add($"F2 M={Fmt.Label(m)}", (fig, FaPlkgFigure.Antennas), ("antennas", m));
        sweep.Add("F3 region sweep", (fig, FaPlkgFigure.Region));
        if (P.ConvergenceGeometries > 0) sweep.Add("F4 convergence", (fig, FaPlkgFigure.Convergence));
        foreach (var l in P.PathSweep) sweep.Add($"F5 L={Fmt.Label(l)}", (fig, FaPlkgFigure.Paths), ("paths", l));
        if (EveApplies) sweep.Add("F6 eve", (fig, FaPlkgFigure.Eve));
    }

    public override void RunBlock(in BlockContext context, object? workspace, MetricSink sink)
    {
        var pt = Plan.Points[context.PointIndex];
        int trial = context.BlockIndex;
        ulong seed = context.Seed;
        var be = context.Backend;
        switch (pt.Category(FaPlkgFigure.Coordinate))
        {
            case FaPlkgFigure.Snr: RunSnrPoint(pt.Number("snrDb"), trial, seed, be, sink); break;
            case FaPlkgFigure.Antennas: RunAntennaPoint((int)pt.Number("antennas"), trial, seed, be, sink); break;
            case FaPlkgFigure.Region: RunRegionSweep(trial, seed, be, sink); break;
            case FaPlkgFigure.Convergence:
                if (trial < P.ConvergenceGeometries) RunConvergence(trial, seed, be, sink);
                break;
            case FaPlkgFigure.Paths: RunPathPoint((int)pt.Number("paths"), trial, seed, be, sink); break;
            case FaPlkgFigure.Eve:
                if (trial < P.Eve.Geometries) RunEve(trial, seed, be, sink);
                break;
        }
    }

    /// <summary>The spatial correlation of trial <paramref name="trial"/> with <paramref name="paths"/> paths.</summary>
    private ISpatialCorrelation Correlation(int trial, int paths)
    {
        switch (P.Correlation)
        {
            case "jakes": return IsotropicCorrelation.Jakes;
            case "sinc": return IsotropicCorrelation.ThreeDimensional;
            default:
                var rng = new Xoshiro256StarStar(SeedMixer.Mix(SeedMixer.Mix(MasterSeed, SeedMixer.Hash("fa-plkg/geometry")), (ulong)trial, (ulong)paths, 0));
                return new FieldResponseCovariance(PathGeometry.Sample(paths, ref rng, P.RicianFactor));
        }
    }

    private KeyGenerationProblem Problem(int trial, int antennas, int paths, double regionSide, double snrDb) =>
        new(Correlation(trial, paths), antennas, P.SlotsOrAntennas(antennas), new PlanarRegion(regionSide, P.MinSpacingWavelengths), snrDb, P.Pso.Penalty);

    private PrecoderMethod Inner => P.Ao.Inner == "oracle" ? PrecoderMethod.Oracle : PrecoderMethod.Pgd;

    private ParticleSwarmOptions Swarm(int size, int iterations) => ParticleSwarmOptions.FaPlkg with
    {
        SwarmSize = size,
        MaxIterations = iterations,
        InertiaStart = P.Pso.InertiaStart,
        InertiaEnd = P.Pso.InertiaEnd,
        CognitiveCoefficient = P.Pso.Cognitive,
        SocialCoefficient = P.Pso.Social,
        VelocityClampFraction = P.Pso.VelocityClamp,
        StallIterations = P.Pso.StallIterations,
        StallRelativeTolerance = P.Pso.StallTolerance,
    };

    private ParticleSwarmOptions AoSwarm => Swarm(P.Ao.SwarmSize, P.Ao.Iterations);
    private ParticleSwarmOptions JointSwarm => Swarm(P.JointPso.SwarmSize, P.JointPso.Iterations);

    private KeyGenerationEvaluator Evaluator(KeyGenerationProblem problem) => new(problem, P.Ao.InnerIterations,
        new ProjectedGradientOptions { MaxIterations = P.Pgd.MaxIterations, RelativeTolerance = P.Pgd.Tolerance, ArmijoConstant = 0 });

    /// <summary>The repair applied to moved particles: the snap to discrete ports, the push-apart repair, or none.</summary>
    private ParticleRepair? PositionRepair(KeyGenerationProblem problem)
    {
        if (P.DiscretePorts.Enabled)
        {
            // The grid only supplies the candidate ports (distinct ports, no spacing rule of its own); the spacing D is
            // enforced by the push-apart repair before the snap and by the penalty after it.
            var grid = new PortGrid(P.DiscretePorts.PortsX, P.DiscretePorts.PortsY, problem.Region.SideWavelengths,
                Enumerable.Range(0, problem.Antennas).ToArray());
            var ports = new int[problem.Antennas];
            return x =>
            {
                if (P.Pso.Repair) problem.Region.TryRepair(x);
                grid.TrySnapToFreePorts(x, ports);
            };
        }
        return P.Pso.Repair ? FluidAntennaAlternating.RepairHook(problem) : null;
    }

    private static ulong Sub(ulong seed, string what) => SeedMixer.Mix(seed, SeedMixer.Hash(what));

    /// <summary>The two-loop AO (the library picks its batched fast path where it applies, on the run's compute back-end).</summary>
    private SchemeOutcome RunAo(KeyGenerationProblem problem, double[] incumbent, ulong seed, ComputeBackendKind backend) =>
        FluidAntennaAlternating.TwoLoop(problem, AoSwarm, Inner, P.Ao.InnerIterations, incumbent, Sub(seed, FaAo), PositionRepair(problem), backend);

    private SchemeOutcome RunJointPso(KeyGenerationProblem problem, SchemeOutcome incumbent, ulong seed) =>
        FluidAntennaJointSwarm.Run(problem, JointSwarm, incumbent, Sub(seed, FaPso), PositionRepair(problem));

    private SchemeOutcome RunRis(KeyGenerationProblem problem, ulong seed, bool gainMatched = false) =>
        RisAlternating.Run(problem, P.Ris, Inner, Sub(seed, Ris), gainMatched);

    private bool RisApplies => P.RisEnabled && P.Correlation == "field-response";

    /// <summary>F6 needs the path geometry (field-response channel) and at least one geometry.</summary>
    public bool EveApplies => P.Eve.Geometries > 0 && P.Correlation == "field-response";

    /// <summary>Energy fractions α of the power back-off of the AO design, √α·P_AO, in F6 (our choice: 1 %–100 %).</summary>
    public static readonly double[] BackoffFractions = [0.01, 0.03, 0.1, 0.3, 1];

    /// <summary>Front points of the first geometry kept in results.csv for the figure (evenly subsampled beyond this).</summary>
    public const int MaxFrontPoints = 200;

    /// <summary>
    /// F6: an eavesdropper near Bob (docs/fa-plkg.md); the rates of the KGR-optimal AO design, of UPA-opt and of the AO design
    /// with its power backed off, and the NSGA-II front of Bob's KGR against Eve's leakage seeded with AO, UPA-opt and the
    /// silent precoder (P = 0, the front's zero-leakage end).
    /// </summary>
    private void RunEve(int trial, ulong seed, ComputeBackendKind backend, MetricSink sink)
    {
        var problem = Problem(trial, P.Antennas, P.Paths, P.RegionWavelengths, P.FixedSnrDb);
        var bob = ((FieldResponseCovariance)problem.Correlation).Geometry;
        var rng = new Xoshiro256StarStar(SeedMixer.Mix(SeedMixer.Mix(MasterSeed, SeedMixer.Hash("fa-plkg/eve")), (ulong)trial, (ulong)P.Paths, 0));
        var eve = EavesdropperCorrelation.Sample(bob, P.Eve.SharedPaths, P.Eve.OwnPaths, P.Eve.GainCorrelation, ref rng);
        double noise = P.Eve.NoiseVariance;
        var ev = Evaluator(problem);
        var upa = problem.UpaLayout();
        var upaOpt = FixedArrayBaselines.Optimized(ev, upa, Inner);
        var ao = RunAo(problem, upa, seed, backend);
        var silent = ao with { Precoder = new System.Numerics.Complex[problem.PrecoderLength] };
        var result = KeyRateLeakageFront.Run(problem, eve, noise,
            new Nsga2Options { PopulationSize = P.Eve.Population, Generations = P.Eve.Generations }, Sub(seed, "eve-front"), [ao, upaOpt, silent]);

        var rates = new Dictionary<string, SecrecyRates>
        {
            [FaAo] = result.Starts[0].Rates,
            [UpaOpt] = result.Starts[1].Rates,
        };
        var backoff = new SecrecyRates[BackoffFractions.Length];
        for (int j = 0; j < BackoffFractions.Length; j++)
        {
            double a = Math.Sqrt(BackoffFractions[j]);
            var scaled = ao.Precoder.Select(c => c * a).ToArray();
            backoff[j] = KeyRateLeakageFront.Rates(problem, eve, noise, ao with { Precoder = scaled });
            sink.AddAt("eve.backoff.kgr", j, backoff[j].KeyGenerationRate);
            sink.AddAt("eve.backoff.leak", j, backoff[j].Leakage);
            sink.AddAt("eve.backoff.skr", j, backoff[j].SecretKeyRate);
        }
        rates[EveBackoff] = backoff.MaxBy(r => r.SecretKeyRate);
        rates[EveFront] = result.BestSecretKeyRate?.Rates ?? result.Starts[0].Rates;
        foreach (var (scheme, r) in rates)
        {
            sink.Add("eve.kgr." + scheme, r.KeyGenerationRate);
            sink.Add("eve.leak." + scheme, r.Leakage);
            sink.Add("eve.skr." + scheme, r.SecretKeyRate);
        }
        foreach (var b in new[] { FaAo, UpaOpt, EveBackoff })
            sink.Add($"eve.diff.skr.{EveFront}.vs.{b}", rates[EveFront].SecretKeyRate - rates[b].SecretKeyRate);
        sink.Add("eve.front.size", result.Front.Length);
        sink.Add("eve.evals", result.Evaluations);
        if (trial == 0)
        {
            // The first geometry's front, for the F6 figure (one sample each: exact in results.csv).
            int n = result.Front.Length, keep = Math.Min(n, MaxFrontPoints);
            for (int i = 0; i < keep; i++)
            {
                var f = result.Front[keep == n ? i : (int)Math.Round(i * (n - 1.0) / (keep - 1))];
                sink.AddAt("eve.example.front.kgr", i, f.Rates.KeyGenerationRate);
                sink.AddAt("eve.example.front.leak", i, f.Rates.Leakage);
                sink.AddAt("eve.example.front.skr", i, f.Rates.SecretKeyRate);
            }
            for (int j = 0; j < BackoffFractions.Length; j++)
            {
                sink.AddAt("eve.example.backoff.kgr", j, backoff[j].KeyGenerationRate);
                sink.AddAt("eve.example.backoff.leak", j, backoff[j].Leakage);
            }
            foreach (var scheme in new[] { FaAo, UpaOpt, EveFront })
            {
                sink.Add($"eve.example.kgr.{scheme}", rates[scheme].KeyGenerationRate);
                sink.Add($"eve.example.leak.{scheme}", rates[scheme].Leakage);
            }
        }
    }

    private void RunSnrPoint(double snrDb, int trial, ulong seed, ComputeBackendKind backend, MetricSink sink)
    {
        var problem = Problem(trial, P.Antennas, P.Paths, P.RegionWavelengths, snrDb);
        var ev = Evaluator(problem);
        var upa = problem.UpaLayout();
        var upaOpt = FixedArrayBaselines.Optimized(ev, upa, Inner);
        var ao = RunAo(problem, upa, seed, backend);
        var outcomes = new Dictionary<string, SchemeOutcome>
        {
            [UpaIso] = FixedArrayBaselines.UpaIsotropic(ev),
            [UpaOpt] = upaOpt,
            [Ula] = FixedArrayBaselines.Ula(ev, Inner),
            [Rp] = RandomLayoutBaseline.Run(ev, P.RandomLayouts, Sub(seed, Rp)),
            [FaPos] = FluidAntennaPositionsOnly.Run(problem, AoSwarm, upa, Sub(seed, FaPos), PositionRepair(problem)),
            [FaGrad] = PositionGradientAscent.Run(problem, upa, P.GradientAscentIterations),
            [FaAo] = ao,
            [FaPso] = RunJointPso(problem, upaOpt, seed),
            // Gradient ascent from several starts at the AO's evaluation budget of this geometry: what the swarm buys.
            [FaGradMs] = PositionGradientAscent.MultiStart(problem, upa, ao.FitnessEvaluations, P.GradientAscentIterations, Sub(seed, FaGradMs)),
        };
        if (RisApplies)
        {
            outcomes[Ris] = RunRis(problem, seed);
            outcomes[RisGm] = RunRis(problem, seed, gainMatched: true);
        }
        var kgr = new Dictionary<string, double>();
        foreach (var (scheme, o) in outcomes)
            if (scheme != FaGradMs && scheme != RisGm) kgr[scheme] = o.Kgr;
        Record(sink, kgr);
        // Added on an equal footing (issue "comparisons on an equal footing"): recorded after the original metrics.
        sink.Add(FaGradMs, outcomes[FaGradMs].Kgr);
        if (outcomes.TryGetValue(RisGm, out var gm)) sink.Add(RisGm, gm.Kgr);
        RecordFooting(sink, problem, outcomes);
        RecordPairs(sink, outcomes.ToDictionary(kv => kv.Key, kv => kv.Value.Kgr));
    }

    /// <summary>Per scheme: tr R and λ_max of the covariance it achieved its KGR with, and its fitness evaluations.</summary>
    private static void RecordFooting(MetricSink sink, KeyGenerationProblem problem, Dictionary<string, SchemeOutcome> outcomes)
    {
        int m = problem.Antennas;
        var r = new System.Numerics.Complex[m * m];
        foreach (var (scheme, o) in outcomes)
        {
            if (o.Covariance is { } c) c.CopyTo(r, 0);
            else problem.Correlation.Covariance(o.Positions, r);
            var (trace, lambdaMax) = CovarianceGain(r, m);
            sink.Add("trR." + scheme, trace);
            sink.Add("lmax." + scheme, lambdaMax);
            sink.Add("evals." + scheme, o.FitnessEvaluations);
        }
    }

    /// <summary>tr R and the largest eigenvalue of a Hermitian M×M covariance (Math.NET Hermitian EVD).</summary>
    internal static (double Trace, double LambdaMax) CovarianceGain(System.Numerics.Complex[] r, int m)
    {
        var mat = MathNet.Numerics.LinearAlgebra.Matrix<System.Numerics.Complex>.Build.Dense(m, m, (i, j) => r[i * m + j]);
        double trace = 0;
        for (int i = 0; i < m; i++) trace += r[i * m + i].Real;
        double lmax = mat.Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Hermitian).EigenValues.Max(e => e.Real);
        return (trace, lmax);
    }

    /// <summary>
    /// Paired differences per geometry, "diff.A.vs.B" = KGR_A − KGR_B, for every scheme against UPA-opt and the AO, and the
    /// seeded FA schemes against UPA-iso: with the means of A and B they give the paired interval of every gain
    /// (<see cref="PhyToolkit.Core.Statistics.Intervals.PairedRatio"/>).
    /// </summary>
    private static void RecordPairs(MetricSink sink, Dictionary<string, double> kgr)
    {
        foreach (var b in new[] { UpaOpt, FaAo })
        {
            if (!kgr.TryGetValue(b, out double vb)) continue;
            foreach (var (a, va) in kgr)
                if (a != b) sink.Add($"diff.{a}.vs.{b}", va - vb);
        }
        if (kgr.TryGetValue(UpaIso, out double iso))
            foreach (var a in new[] { FaAo, FaPso, UpaOpt })
                if (kgr.TryGetValue(a, out double va)) sink.Add($"diff.{a}.vs.{UpaIso}", va - iso);
    }

    private void RunAntennaPoint(int antennas, int trial, ulong seed, ComputeBackendKind backend, MetricSink sink)
    {
        var problem = Problem(trial, antennas, P.Paths, P.RegionWavelengths, P.FixedSnrDb);
        var ev = Evaluator(problem);
        var upaOpt = FixedArrayBaselines.Optimized(ev, problem.UpaLayout(), Inner);
        var results = new Dictionary<string, double>
        {
            [UpaOpt] = upaOpt.Kgr,
            [FaAo] = RunAo(problem, problem.UpaLayout(), seed, backend).Kgr,
            [FaPso] = RunJointPso(problem, upaOpt, seed).Kgr,
        };
        if (RisApplies) results[Ris] = RunRis(problem, seed).Kgr;
        Record(sink, results);
        RecordPairs(sink, results);
    }

    private void RunPathPoint(int paths, int trial, ulong seed, ComputeBackendKind backend, MetricSink sink)
    {
        var problem = Problem(trial, P.Antennas, paths, P.RegionWavelengths, P.FixedSnrDb);
        var ev = Evaluator(problem);
        var results = new Dictionary<string, double>
        {
            [UpaOpt] = FixedArrayBaselines.Optimized(ev, problem.UpaLayout(), Inner).Kgr,
            [FaAo] = RunAo(problem, problem.UpaLayout(), seed, backend).Kgr,
        };
        Record(sink, results);
        RecordPairs(sink, results);
    }

    /// <summary>F3: every A of the sweep in one trial, each FA solution seeded with the previous A's (nested regions).</summary>
    private void RunRegionSweep(int trial, ulong seed, ComputeBackendKind backend, MetricSink sink)
    {
        double[]? aoLayout = null;
        SchemeOutcome? psoPrev = null;
        for (int i = 0; i < P.RegionSweep.Length; i++)
        {
            double a = P.RegionSweep[i];
            var problem = Problem(trial, P.Antennas, P.Paths, a, P.FixedSnrDb);
            var ev = Evaluator(problem);
            var upaOpt = FixedArrayBaselines.Optimized(ev, problem.UpaLayout(), Inner);
            // The previous region [0, A_prev]² lies inside [0, A]²: its solution stays feasible and seeds this one.
            var ao = RunAo(problem, aoLayout ?? problem.UpaLayout(), SeedMixer.Mix(seed, (ulong)BitConverter.DoubleToInt64Bits(a)), backend);
            var psoIncumbent = psoPrev is { } prev && prev.Kgr > upaOpt.Kgr ? prev : upaOpt;
            var pso = RunJointPso(problem, psoIncumbent, SeedMixer.Mix(seed, (ulong)BitConverter.DoubleToInt64Bits(a)));
            aoLayout = ao.Positions;
            psoPrev = pso;
            // Curves over the index i of A in parameters.regionSweep.
            sink.AddAt(UpaOpt, i, upaOpt.Kgr);
            sink.AddAt(FaAo, i, ao.Kgr);
            sink.AddAt(FaPso, i, pso.Kgr);
        }
    }

    /// <summary>F4: convergence traces of joint PSO, the two-loop AO, the block AO and the PGD inner solve, and the layout.</summary>
    private void RunConvergence(int trial, ulong seed, ComputeBackendKind backend, MetricSink sink)
    {
        var problem = Problem(trial, P.Antennas, P.Paths, P.RegionWavelengths, P.FixedSnrDb);
        var ev = Evaluator(problem);
        var upa = problem.UpaLayout();
        var pgdTrace = new ConvergenceTrace();
        var upaPgd = FixedArrayBaselines.Optimized(ev, upa, PrecoderMethod.Pgd, pgdTrace);
        var upaOpt = FixedArrayBaselines.Optimized(ev, upa, Inner);
        var ao = RunAo(problem, upa, seed, backend);
        var pso = RunJointPso(problem, upaOpt, seed);
        var block = FluidAntennaAlternating.BlockAlternation(problem, AoSwarm, P.BlockAlternationRounds, upa, Sub(seed, FaAoB));
        RecordTrace(sink, "pgd", pgdTrace, P.Pgd.MaxIterations + 1);
        RecordTrace(sink, FaAo, ao.Trace!, P.Ao.Iterations + 2);
        RecordTrace(sink, FaPso, pso.Trace!, P.JointPso.Iterations + 1);
        RecordTrace(sink, FaAoB, block.Trace!, P.BlockAlternationRounds + 1);
        sink.Add("final." + UpaOpt, upaOpt.Kgr);
        sink.Add("final." + FaAo, ao.Kgr);
        sink.Add("final." + FaPso, pso.Kgr);
        sink.Add("final." + FaAoB, block.Kgr);
        sink.Add("evals." + FaAo, ao.FitnessEvaluations);
        sink.Add("evals." + FaPso, pso.FitnessEvaluations);
        sink.Add("evals." + FaAoB, block.FitnessEvaluations);
        if (trial == 0)
        {
            // The layouts of the first geometry, for the layout figure (one sample each: exact in results.csv).
            for (int m = 0; m < problem.Antennas; m++)
            {
                sink.AddAt($"layout.{FaAo}.x", m, ao.Positions[2 * m]);
                sink.AddAt($"layout.{FaAo}.y", m, ao.Positions[2 * m + 1]);
                sink.AddAt("layout.upa.x", m, upa[2 * m]);
                sink.AddAt("layout.upa.y", m, upa[2 * m + 1]);
            }
        }
    }

    /// <summary>
    /// Records gbest per iteration (padded with the final value: gbest does not change after the stop) and the cumulative
    /// fitness evaluations per iteration (padded by extrapolating the last per-iteration cost).
    /// </summary>
    private static void RecordTrace(MetricSink sink, string scheme, ConvergenceTrace trace, int length)
    {
        var pts = trace.Points;
        if (pts.Count == 0) return;
        long lastStep = pts.Count > 1 ? pts[^1].Evaluations - pts[^2].Evaluations : 0;
        for (int k = 0; k < length; k++)
        {
            var pt = k < pts.Count ? pts[k] : pts[^1];
            long evals = k < pts.Count ? pt.Evaluations : pts[^1].Evaluations + (k - pts.Count + 1) * lastStep;
            sink.AddAt($"trace.{scheme}.value", k, pt.BestValue);
            sink.AddAt($"trace.{scheme}.evals", k, evals);
        }
    }

    private static void Record(MetricSink sink, Dictionary<string, double> kgr)
    {
        foreach (var (scheme, v) in kgr) sink.Add(scheme, v);
        // Per-trial % gains over both UPA variants (spec T1; the table also shows the gain of the means).
        foreach (var fa in new[] { FaAo, FaPso })
        {
            if (!kgr.TryGetValue(fa, out double v)) continue;
            foreach (var baseline in new[] { UpaOpt, UpaIso })
                if (kgr.TryGetValue(baseline, out double b) && b > 0) sink.Add($"gain.{fa}.vs.{baseline}", 100 * (v / b - 1));
        }
    }

    public override void BuildReport(RunResults results, ReportBuilder report) => FaPlkgReport.Build(P, Plan, results, report);
}

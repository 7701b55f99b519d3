using PhyToolkit.Antennas;
using PhyToolkit.Channels.Correlation;
using PhyToolkit.Channels.KeyGeneration;
using PhyToolkit.Channels.Sampling;
using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Random;
using PhyToolkit.Core.Reports;
using PhyToolkit.Optimization;
using PhyToolkit.Optimization.KeyGeneration;
using PhyToolkit.Channels.KeyGeneration.Batched;
using PhyToolkit.Optimization.Gradient;
using PhyToolkit.Optimization.Results;
using PhyToolkit.Optimization.Swarm;

namespace PhyToolkit.Scenarios.FaPlkg;

/// <summary>
/// The prepared fa-plkg run: points of F1–F5, and per trial one random channel geometry shared by every scheme of the
/// trial (common random numbers). The geometry of trial t depends on (master seed, t) only, so the SNR, M and L points
/// of one trial see the same angles (paired comparisons); optimiser seeds come from the block seed.
/// </summary>
internal sealed partial class FaPlkgRun : IScenarioRun
{
    /// <summary>Scheme identifiers used in metric names.</summary>
    public const string UpaIso = "upa-iso", UpaOpt = "upa-opt", Ula = "ula", Rp = "rp", FaPos = "fa-pos", FaGrad = "fa-grad",
        FaAo = "fa-ao", FaPso = "fa-pso", Ris = "ris", FaAoB = "fa-ao-b";

    private readonly FaPlkgParameters _p;
    private readonly ulong _masterSeed;
    private readonly (FaPlkgFigure Figure, double X)[] _points;

    public FaPlkgRun(FaPlkgParameters p, ScenarioConfig config)
    {
        _p = p;
        _masterSeed = config.Seed;
        var pts = new List<(FaPlkgFigure, double)>();
        foreach (var s in p.SnrDb) pts.Add((FaPlkgFigure.Snr, s));
        foreach (var m in p.AntennaSweep) pts.Add((FaPlkgFigure.Antennas, m));
        pts.Add((FaPlkgFigure.Region, double.NaN));
        if (p.ConvergenceGeometries > 0) pts.Add((FaPlkgFigure.Convergence, double.NaN));
        foreach (var l in p.PathSweep) pts.Add((FaPlkgFigure.Paths, l));
        _points = pts.ToArray();
        Plan = new SweepPlan
        {
            Points = _points.Select((pt, i) => new SweepPoint(i, Label(pt), Coordinates(pt))).ToList(),
            TrialsPerBlock = 1,
            Stop = Core.Configuration.ScenarioConfigResolver.ToStoppingRule(config.Run),
        };
    }

    public SweepPlan Plan { get; }

    public object? CreateWorkspace() => null;

    private static string Label((FaPlkgFigure Figure, double X) pt) => pt.Figure switch
    {
        FaPlkgFigure.Snr => $"F1 snr={FaPlkgScenario.F(pt.X)}dB",
        FaPlkgFigure.Antennas => $"F2 M={FaPlkgScenario.F(pt.X)}",
        FaPlkgFigure.Region => "F3 region sweep",
        FaPlkgFigure.Convergence => "F4 convergence",
        _ => $"F5 L={FaPlkgScenario.F(pt.X)}",
    };

    private static Dictionary<string, double> Coordinates((FaPlkgFigure Figure, double X) pt)
    {
        var c = new Dictionary<string, double> { ["figure"] = (int)pt.Figure };
        switch (pt.Figure)
        {
            case FaPlkgFigure.Snr: c["snrDb"] = pt.X; break;
            case FaPlkgFigure.Antennas: c["antennas"] = pt.X; break;
            case FaPlkgFigure.Paths: c["paths"] = pt.X; break;
        }
        return c;
    }

    public void RunBlock(in BlockContext context, object? workspace, MetricSink sink)
    {
        var (figure, x) = _points[context.PointIndex];
        int trial = context.BlockIndex;
        ulong seed = context.Seed;
        switch (figure)
        {
            case FaPlkgFigure.Snr: RunSnrPoint(x, trial, seed, sink); break;
            case FaPlkgFigure.Antennas: RunAntennaPoint((int)x, trial, seed, sink); break;
            case FaPlkgFigure.Region: RunRegionSweep(trial, seed, sink); break;
            case FaPlkgFigure.Convergence:
                if (trial < _p.ConvergenceGeometries) RunConvergence(trial, seed, sink);
                break;
            case FaPlkgFigure.Paths: RunPathPoint((int)x, trial, seed, sink); break;
        }
    }

    /// <summary>The spatial correlation of trial <paramref name="trial"/> with <paramref name="paths"/> paths.</summary>
    private ISpatialCorrelation Correlation(int trial, int paths)
    {
        switch (_p.Correlation)
        {
            case "jakes": return IsotropicCorrelation.Jakes;
            case "sinc": return IsotropicCorrelation.ThreeDimensional;
            default:
                var rng = new Xoshiro256StarStar(SeedMixer.Mix(SeedMixer.Mix(_masterSeed, SeedMixer.Hash("fa-plkg/geometry")), (ulong)trial, (ulong)paths, 0));
                return new FieldResponseCovariance(PathGeometry.Sample(paths, ref rng, _p.RicianFactor));
        }
    }

    private KeyGenerationProblem Problem(int trial, int antennas, int paths, double regionSide, double snrDb) =>
        new(Correlation(trial, paths), antennas, _p.SlotsOrAntennas(antennas), new PlanarRegion(regionSide, _p.MinSpacingWavelengths), snrDb, _p.Pso.Penalty);

    private PrecoderMethod Inner => _p.Ao.Inner == "oracle" ? PrecoderMethod.Oracle : PrecoderMethod.Pgd;

    private ParticleSwarmOptions Swarm(int size, int iterations) => ParticleSwarmOptions.FaPlkg with
    {
        SwarmSize = size,
        MaxIterations = iterations,
        InertiaStart = _p.Pso.InertiaStart,
        InertiaEnd = _p.Pso.InertiaEnd,
        CognitiveCoefficient = _p.Pso.Cognitive,
        SocialCoefficient = _p.Pso.Social,
        VelocityClampFraction = _p.Pso.VelocityClamp,
        StallIterations = _p.Pso.StallIterations,
        StallRelativeTolerance = _p.Pso.StallTolerance,
    };

    private ParticleSwarmOptions AoSwarm => Swarm(_p.Ao.SwarmSize, _p.Ao.Iterations);
    private ParticleSwarmOptions JointSwarm => Swarm(_p.JointPso.SwarmSize, _p.JointPso.Iterations);

    private KeyGenerationEvaluator Evaluator(KeyGenerationProblem problem) => new(problem, _p.Ao.InnerIterations,
        new ProjectedGradientOptions { MaxIterations = _p.Pgd.MaxIterations, RelativeTolerance = _p.Pgd.Tolerance, ArmijoConstant = 0 });

    /// <summary>The repair applied to moved particles: the snap to discrete ports, the push-apart repair, or none.</summary>
    private ParticleRepair? PositionRepair(KeyGenerationProblem problem)
    {
        if (_p.DiscretePorts.Enabled)
        {
            // The grid only supplies the candidate ports (distinct ports, no spacing rule of its own); the spacing D is
            // enforced by the push-apart repair before the snap and by the penalty after it.
            var grid = new PortGrid(_p.DiscretePorts.PortsX, _p.DiscretePorts.PortsY, problem.Region.SideWavelengths,
                Enumerable.Range(0, problem.Antennas).ToArray());
            var ports = new int[problem.Antennas];
            return x =>
            {
                if (_p.Pso.Repair) problem.Region.TryRepair(x);
                grid.TrySnapToFreePorts(x, ports);
            };
        }
        return _p.Pso.Repair ? FluidAntennaAlternating.RepairHook(problem) : null;
    }

    private static ulong Sub(ulong seed, string what) => SeedMixer.Mix(seed, SeedMixer.Hash(what));

    /// <summary>
    /// The two-loop AO. With the oracle inner solver on the field-response model (continuous positions) the outer swarm's
    /// fitness goes through the batched evaluator (issue "swarm-scale speed"; same trajectory and results as the scalar
    /// path, tested), on the back-end chosen by <c>--backend</c> / PHYTK_BACKEND (back-ends agree to round-off); otherwise the scalar scheme runs.
    /// </summary>
    private SchemeOutcome RunAo(KeyGenerationProblem problem, double[] incumbent, ulong seed)
    {
        if (Inner == PrecoderMethod.Oracle && !_p.DiscretePorts.Enabled && problem.Correlation is FieldResponseCovariance
            && problem.Antennas <= 32 && problem.Slots <= 32)
            return BatchedLayoutFitness.TwoLoopOracle(problem, AoSwarm, incumbent, Sub(seed, FaAo), ComputeBackend.Default,
                maxDegreeOfParallelism: 1, repair: _p.Pso.Repair);
        return FluidAntennaAlternating.TwoLoop(problem, AoSwarm, Inner, _p.Ao.InnerIterations, incumbent, Sub(seed, FaAo), PositionRepair(problem));
    }

    private SchemeOutcome RunJointPso(KeyGenerationProblem problem, SchemeOutcome incumbent, ulong seed) =>
        FluidAntennaJointSwarm.Run(problem, JointSwarm, incumbent, Sub(seed, FaPso), PositionRepair(problem));

    private SchemeOutcome RunRis(KeyGenerationProblem problem, ulong seed) => RisAlternating.Run(problem, _p.Ris, Inner, Sub(seed, Ris));

    private bool RisApplies => _p.RisEnabled && _p.Correlation == "field-response";

    private void RunSnrPoint(double snrDb, int trial, ulong seed, MetricSink sink)
    {
        var problem = Problem(trial, _p.Antennas, _p.Paths, _p.RegionWavelengths, snrDb);
        var ev = Evaluator(problem);
        var upa = problem.UpaLayout();
        var upaOpt = FixedArrayBaselines.Optimized(ev, upa, Inner);
        var results = new Dictionary<string, double>
        {
            [UpaIso] = FixedArrayBaselines.UpaIsotropic(ev).Kgr,
            [UpaOpt] = upaOpt.Kgr,
            [Ula] = FixedArrayBaselines.Ula(ev, Inner).Kgr,
            [Rp] = RandomLayoutBaseline.Run(ev, _p.RandomLayouts, Sub(seed, Rp)).Kgr,
            [FaPos] = FluidAntennaPositionsOnly.Run(problem, AoSwarm, upa, Sub(seed, FaPos), PositionRepair(problem)).Kgr,
            [FaGrad] = PositionGradientAscent.Run(problem, upa, _p.GradientAscentIterations).Kgr,
            [FaAo] = RunAo(problem, upa, seed).Kgr,
            [FaPso] = RunJointPso(problem, upaOpt, seed).Kgr,
        };
        if (RisApplies) results[Ris] = RunRis(problem, seed).Kgr;
        Record(sink, results);
    }

    private void RunAntennaPoint(int antennas, int trial, ulong seed, MetricSink sink)
    {
        var problem = Problem(trial, antennas, _p.Paths, _p.RegionWavelengths, _p.FixedSnrDb);
        var ev = Evaluator(problem);
        var upaOpt = FixedArrayBaselines.Optimized(ev, problem.UpaLayout(), Inner);
        var results = new Dictionary<string, double>
        {
            [UpaOpt] = upaOpt.Kgr,
            [FaAo] = RunAo(problem, problem.UpaLayout(), seed).Kgr,
            [FaPso] = RunJointPso(problem, upaOpt, seed).Kgr,
        };
        if (RisApplies) results[Ris] = RunRis(problem, seed).Kgr;
        Record(sink, results);
    }

    private void RunPathPoint(int paths, int trial, ulong seed, MetricSink sink)
    {
        var problem = Problem(trial, _p.Antennas, paths, _p.RegionWavelengths, _p.FixedSnrDb);
        var ev = Evaluator(problem);
        Record(sink, new Dictionary<string, double>
        {
            [UpaOpt] = FixedArrayBaselines.Optimized(ev, problem.UpaLayout(), Inner).Kgr,
            [FaAo] = RunAo(problem, problem.UpaLayout(), seed).Kgr,
        });
    }

    /// <summary>F3: every A of the sweep in one trial, each FA solution seeded with the previous A's (nested regions).</summary>
    private void RunRegionSweep(int trial, ulong seed, MetricSink sink)
    {
        double[]? aoLayout = null;
        SchemeOutcome? psoPrev = null;
        foreach (double a in _p.RegionSweep)
        {
            var problem = Problem(trial, _p.Antennas, _p.Paths, a, _p.FixedSnrDb);
            var ev = Evaluator(problem);
            var upaOpt = FixedArrayBaselines.Optimized(ev, problem.UpaLayout(), Inner);
            // The previous region [0, A_prev]² lies inside [0, A]²: its solution stays feasible and seeds this one.
            var ao = RunAo(problem, aoLayout ?? problem.UpaLayout(), SeedMixer.Mix(seed, (ulong)BitConverter.DoubleToInt64Bits(a)));
            var psoIncumbent = psoPrev is { } prev && prev.Kgr > upaOpt.Kgr ? prev : upaOpt;
            var pso = RunJointPso(problem, psoIncumbent, SeedMixer.Mix(seed, (ulong)BitConverter.DoubleToInt64Bits(a)));
            aoLayout = ao.Positions;
            psoPrev = pso;
            string suffix = "@A=" + FaPlkgScenario.F(a);
            sink.Add(UpaOpt + suffix, upaOpt.Kgr);
            sink.Add(FaAo + suffix, ao.Kgr);
            sink.Add(FaPso + suffix, pso.Kgr);
        }
    }

    /// <summary>F4: convergence traces of joint PSO, the two-loop AO, the block AO and the PGD inner solve, and the layout.</summary>
    private void RunConvergence(int trial, ulong seed, MetricSink sink)
    {
        var problem = Problem(trial, _p.Antennas, _p.Paths, _p.RegionWavelengths, _p.FixedSnrDb);
        var ev = Evaluator(problem);
        var upa = problem.UpaLayout();
        var pgdTrace = new ConvergenceTrace();
        var upaPgd = FixedArrayBaselines.Optimized(ev, upa, PrecoderMethod.Pgd, pgdTrace);
        var upaOpt = FixedArrayBaselines.Optimized(ev, upa, Inner);
        var ao = RunAo(problem, upa, seed);
        var pso = RunJointPso(problem, upaOpt, seed);
        var block = FluidAntennaAlternating.BlockAlternation(problem, AoSwarm, _p.BlockAlternationRounds, upa, Sub(seed, FaAoB));
        RecordTrace(sink, "pgd", pgdTrace, _p.Pgd.MaxIterations + 1);
        RecordTrace(sink, FaAo, ao.Trace!, _p.Ao.Iterations + 2);
        RecordTrace(sink, FaPso, pso.Trace!, _p.JointPso.Iterations + 1);
        RecordTrace(sink, FaAoB, block.Trace!, _p.BlockAlternationRounds + 1);
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
                sink.Add($"layout.{FaAo}.x{m}", ao.Positions[2 * m]);
                sink.Add($"layout.{FaAo}.y{m}", ao.Positions[2 * m + 1]);
                sink.Add($"layout.upa.x{m}", upa[2 * m]);
                sink.Add($"layout.upa.y{m}", upa[2 * m + 1]);
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
            sink.Add($"trace.{scheme}.value@{k}", pt.BestValue);
            sink.Add($"trace.{scheme}.evals@{k}", evals);
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

    public void BuildReport(RunResults results, ReportBuilder report) => FaPlkgReport.Build(_p, Plan, results, report);
}

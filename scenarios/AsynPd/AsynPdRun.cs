using PhyToolkit.Core.Asynchrony;
using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Random;
using PhyToolkit.Core.Reports;
using PhyToolkit.Core.Scenarios;
using PhyToolkit.Optimization.PrimalDual;

namespace PhyToolkit.Scenarios.AsynPd;

/// <summary>
/// The <c>asyn-pd</c> run. Studies (one sweep point each, one Monte Carlo run per block, paired quantities computed inside
/// the block from common seeds):
/// rate (T1, T2 × timings: Asyn-PD and Sync-PD with the spec's default schedules), slow (T1/H1 with a·μ = b·δ = 0.25),
/// delta (T1/H1 over the δ grid), straggler (T1/H2 over straggler means), ota (T1/H1 with the aggregate measured over the air)
/// and constant (T1/H0, constant steps and halved).
/// The problem instances (T1 test bed, T2 gains, H1 compute means) are fixed by the master seed; blocks vary the noise and timing.
/// </summary>
internal sealed partial class AsynPdRun : ScenarioRun<AsynPdParameters>
{
    internal const string Rate = "rate", Slow = "slow", DeltaStudy = "delta", StragglerStudy = "straggler", ConstantStudy = "constant", Ota = "ota";
    internal const int TimeGridPoints = 60;

    private readonly QuadraticTestBed _bed;
    private readonly PowerAllocationProblem _power;
    private readonly WorkerTiming[] _h1T1, _h1T2;

    public AsynPdRun(AsynPdParameters p, ScenarioConfig config) : base(p, config)
    {
        _bed = QuadraticTestBed.Create(p.Workers, p.Dimension, p.Constraints, p.NoiseSd, SeedMixer.Mix(config.Seed, SeedMixer.Hash("asyn-pd/T1")));
        _power = new PowerAllocationProblem(PowerAllocationProblem.LogUniformGains(p.Users, p.GainRange[0], p.GainRange[1], SeedMixer.Mix(config.Seed, SeedMixer.Hash("asyn-pd/T2"))), p.MaxPower, p.TotalPower);
        ulong h1 = SeedMixer.Mix(config.Seed, SeedMixer.Hash("asyn-pd/H1"));
        _h1T1 = TimingProfiles.LogUniform(p.Workers, p.H1ComputeRange[0], p.H1ComputeRange[1], p.LinkMean, h1);
        _h1T2 = TimingProfiles.LogUniform(p.Users, p.H1ComputeRange[0], p.H1ComputeRange[1], p.LinkMean, h1);
    }

    /// <summary>The T1 instance.</summary>
    internal QuadraticTestBed TestBed => _bed;

    /// <summary>The T2 instance.</summary>
    internal PowerAllocationProblem Power => _power;

    protected override void DefineSweep(SweepBuilder sweep)
    {
        foreach (string c in new[] { "T1", "T2" })
            foreach (string h in P.Timings)
                if (h == "H2") sweep.Add($"{Rate}/{c}/{h}", ("study", Rate), ("case", c), ("timing", h), ("delta", P.Delta), ("straggler", P.StragglerMean));
                else sweep.Add($"{Rate}/{c}/{h}", ("study", Rate), ("case", c), ("timing", h), ("delta", P.Delta));
        sweep.Add($"{Slow}/T1/H0", ("study", Slow), ("case", "T1"), ("timing", "H0"), ("delta", P.Delta));
        foreach (double d in P.Deltas)
            sweep.Add($"{DeltaStudy}/T1/H1/δ={Fmt.Label(d)}", ("study", DeltaStudy), ("case", "T1"), ("timing", "H1"), ("delta", d));
        foreach (double s in P.StragglerSweep)
            sweep.Add($"{StragglerStudy}/T1/H2/s={Fmt.Label(s)}", ("study", StragglerStudy), ("case", "T1"), ("timing", "H2"), ("delta", P.Delta), ("straggler", s));
        sweep.Add($"{Ota}/T1/H1", ("study", Ota), ("case", "T1"), ("timing", "H1"), ("delta", P.Delta), ("snrDb", P.OtaSnrDb));
        sweep.Add($"{ConstantStudy}/T1/H0", ("study", ConstantStudy), ("case", "T1"), ("timing", "H0"), ("delta", P.Delta));
    }

    /// <summary>The worker timing of a point.</summary>
    internal WorkerTiming[] Timing(SweepPoint pt)
    {
        bool t1 = pt.Is("case", "T1");
        int n = t1 ? P.Workers : P.Users;
        return pt.Category("timing") switch
        {
            "H0" => TimingProfiles.Homogeneous(n, 1, P.LinkMean),
            "H1" => t1 ? _h1T1 : _h1T2,
            _ => TimingProfiles.Straggler(n, 1, pt.Number("straggler"), P.LinkMean),
        };
    }

    /// <summary>The virtual-time horizon of the time grid: 0.9 of the expected duration of the asynchronous run.</summary>
    internal double Horizon(WorkerTiming[] timing)
    {
        double rate = 0;
        foreach (var w in timing) rate += 1 / w.MeanCycle;
        return 0.9 * P.Iterations / rate;
    }

    /// <summary>The log-spaced iteration grid 1 … <paramref name="last"/> (ten points per decade, and the last iteration).</summary>
    internal static int[] LogGrid(long last)
    {
        var s = new SortedSet<int>();
        for (int k = 0; ; k++)
        {
            double v = Math.Round(Math.Pow(10, k / 10.0));
            if (v > last) break;
            s.Add((int)v);
        }
        s.Add((int)last);
        return [.. s];
    }

    public override void RunBlock(in BlockContext context, object? workspace, MetricSink sink)
    {
        var pt = Plan.Points[context.PointIndex];
        ulong noiseSeed = SeedMixer.Mix(context.Seed, 1), timingSeed = SeedMixer.Mix(context.Seed, 2);
        bool t1 = pt.Is("case", "T1");
        double delta = pt.Number("delta");
        var lagrangian = t1 ? _bed.Lagrangian(delta) : _power.Lagrangian(delta);
        var reference = t1 ? _bed.Reference(delta) : _power.Reference(delta);
        var projections = t1 ? _bed.Projections() : _power.Projections();
        var timing = Timing(pt);
        int n = lagrangian.N, d = lagrangian.Dimension;
        var theta0 = new double[n][];
        for (int i = 0; i < n; i++) theta0[i] = new double[d];
        double mse0 = reference.SquaredError(theta0, new double[lagrangian.M]);
        double horizon = Horizon(timing);
        var grid = LogGrid(P.Iterations);
        var sim = new AsynchronySimulator(timing, timingSeed);

        switch (pt.Category("study"))
        {
            case Rate:
            {
                var pd = new StochasticPrimalDual(lagrangian, projections, theta0, PrimalDualOptions.Defaults(lagrangian, timing, asynchronous: true), noiseSeed);
                var rec = new Recorder(reference, grid, horizon, mse0, P.TargetFraction * mse0, stopAfterTarget: false);
                pd.RunAsynchronous(sim, P.Iterations, rec);
                rec.Emit(sink, "mse", "mseTime");
                sink.Add("slope", rec.Slope(P.Iterations / 100.0, P.Iterations));
                sink.Add("timeStep", horizon / TimeGridPoints);
                sink.Add("maxStaleness", sim.Statistics.MaxStaleness);
                sink.Add("meanStaleness", sim.Statistics.MeanStaleness);
                for (int i = 0; i < n; i++) sink.AddAt("updates", i, sim.Statistics.UpdatesPerWorker[i]);
                EmitFinal(sink, pd, lagrangian, reference, t1, delta);
                double ta = rec.TimeToTarget;

                var sync = new StochasticPrimalDual(lagrangian, projections, theta0, PrimalDualOptions.Defaults(lagrangian, timing, asynchronous: false), noiseSeed);
                var recS = new Recorder(reference, grid, horizon, mse0, P.TargetFraction * mse0, stopAfterTarget: true);
                sync.RunSynchronous(sim, 20L * P.Iterations, recS);
                recS.Emit(sink, "mseSync", "mseTimeSync");
                double ts = recS.TimeToTarget;
                bool censored = double.IsNaN(ts);
                if (censored) ts = sim.Time;          // not reached: a lower bound on Sync-PD's time
                sink.Add("syncCensored", censored ? 1 : 0);
                if (!double.IsNaN(ta))
                {
                    sink.Add("timeToTarget", ta);
                    sink.Add("timeToTargetSync", ts);
                    sink.Add("speedup", ts / ta);
                }
                sink.Add("asyncReached", double.IsNaN(ta) ? 0 : 1);
                break;
            }
            case Slow:
            {
                var pd = new StochasticPrimalDual(lagrangian, projections, theta0, PrimalDualOptions.Defaults(lagrangian, timing, asynchronous: true, scale: P.SlowScale), noiseSeed);
                var rec = new Recorder(reference, grid, horizon, mse0, 0, stopAfterTarget: false);
                pd.RunAsynchronous(sim, P.Iterations, rec);
                rec.Emit(sink, "mse", null);
                sink.Add("slope", rec.Slope(P.Iterations / 100.0, P.Iterations));
                break;
            }
            case DeltaStudy:
            {
                var pd = new StochasticPrimalDual(lagrangian, projections, theta0, PrimalDualOptions.Defaults(lagrangian, timing, asynchronous: true), noiseSeed);
                pd.RunAsynchronous(sim, P.Iterations);
                EmitFinal(sink, pd, lagrangian, reference, t1, delta);
                break;
            }
            case Ota:
            {
                var options = PrimalDualOptions.Defaults(lagrangian, timing, asynchronous: true) with { AggregateChannel = new OverTheAirAggregate(pt.Number("snrDb")) };
                var pd = new StochasticPrimalDual(lagrangian, projections, theta0, options, noiseSeed);
                var rec = new Recorder(reference, grid, horizon, mse0, 0, stopAfterTarget: false);
                pd.RunAsynchronous(sim, P.Iterations, rec);
                rec.Emit(sink, "mse", null);
                sink.Add("slope", rec.Slope(P.Iterations / 100.0, P.Iterations));
                break;
            }
            case StragglerStudy:
            {
                var pd = new StochasticPrimalDual(lagrangian, projections, theta0, PrimalDualOptions.Defaults(lagrangian, timing, asynchronous: true), noiseSeed);
                var rec = new Recorder(reference, grid, horizon, mse0, 0, stopAfterTarget: false);
                pd.RunAsynchronous(sim, P.Iterations, rec);
                rec.Emit(sink, "mse", null);
                sink.Add("slope", rec.Slope(P.Iterations / 100.0, P.Iterations));
                sink.Add("maxStaleness", sim.Statistics.MaxStaleness);
                sink.Add("meanStaleness", sim.Statistics.MeanStaleness);
                break;
            }
            default: // constant
            {
                double floor = 0, half = 0;
                for (int pass = 0; pass < 2; pass++)
                {
                    double scale = pass == 0 ? 1 : 0.5;
                    var options = new PrimalDualOptions { PrimalStep = StepSchedule.Constant(scale * P.ConstantSteps[0]), DualStep = StepSchedule.Constant(scale * P.ConstantSteps[1]) };
                    var pd = new StochasticPrimalDual(lagrangian, projections, theta0, options, noiseSeed);
                    var rec = new Recorder(reference, grid, horizon, mse0, 0, stopAfterTarget: false) { FloorFrom = P.Iterations / 2 };
                    pd.RunAsynchronous(sim, P.Iterations, rec);
                    if (pass == 0) { floor = rec.Floor; rec.Emit(sink, "mse", null); }
                    else { half = rec.Floor; rec.Emit(sink, "mseHalf", null); }
                }
                sink.Add("floor", floor);
                sink.Add("floorHalf", half);
                sink.Add("floorRatio", floor / half);
                break;
            }
        }
    }

    private void EmitFinal(MetricSink sink, StochasticPrimalDual pd, RegularizedLagrangian l, SaddlePoint reference, bool t1, double delta)
    {
        var g = new double[l.M];
        l.ConstraintValues([.. pd.Aggregates], g);
        double violation = 0, expected = 0;
        for (int j = 0; j < l.M; j++) { violation += Math.Max(0, g[j]); expected += delta * reference.Lambda[j]; }
        sink.Add("violation", violation);
        sink.Add("violationGap", violation - expected);
        sink.Add("finalMse", reference.SquaredError(pd.Theta, [.. pd.Lambda]));
        if (t1) return;
        double err = 0, norm = 0, total = 0;
        for (int i = 0; i < l.N; i++)
        {
            double p = pd.Theta[i][0], ps = reference.Theta[i][0];
            err += (p - ps) * (p - ps); norm += ps * ps; total += p;
            sink.AddAt("allocation", i, p);
        }
        sink.Add("relError", Math.Sqrt(err / norm));
        sink.Add("powerExcess", total - P.TotalPower - expected);
    }

    public override void BuildReport(RunResults results, ReportBuilder report) => AsynPdReport.Build(this, P, results, report);
}

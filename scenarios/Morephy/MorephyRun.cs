using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Random;
using PhyToolkit.Core.Reports;
using PhyToolkit.Core.Scenarios;
using PhyToolkit.Learning.PhysicsInformed;
using PhyToolkit.Optimization.MultiObjective;
using PhyToolkit.Optimization.Sampling;
using PhyToolkit.Optimization.Swarm;

namespace PhyToolkit.Scenarios.Morephy;

/// <summary>The <c>operator-learning</c> run: five studies (solver, sampler, nsga2, operator, inverse), one seed per block.</summary>
internal sealed partial class MorephyRun(MorephyParameters p, ScenarioConfig config) : ScenarioRun<MorephyParameters>(p, config)
{
    public const string Solver = "solver", Sampler = "sampler", Nsga = "nsga2";
    public const double ColeHopfNu = 0.01 / Math.PI;

    /// <summary>Time of the random-input self-convergence check (early, before viscosity smooths the input).</summary>
    public const double RandomInputTime = 0.25;

    protected override void DefineSweep(SweepBuilder sweep)
    {
        foreach (int n in P.GridPoints) sweep.Add($"solver/N={n}", ("study", Solver), ("gridPoints", n));
        sweep.Add("sampler/symmetric", ("study", Sampler), ("well", "symmetric"));
        sweep.Add("sampler/noisy", ("study", Sampler), ("well", "noisy"));
        foreach (string z in P.ZdtProblems) sweep.Add($"nsga2/{z}", ("study", Nsga), ("problem", z));
        if (P.OperatorSeeds > 0)
        {
            sweep.Add("operator/forward", ("study", Operator));
            sweep.Add("operator/inverse", ("study", Inverse));
        }
    }

    public override void RunBlock(in BlockContext context, object? workspace, MetricSink sink)
    {
        var pt = Plan.Points[context.PointIndex];
        if (pt.Is("study", Solver)) SolverBlock((int)pt.Number("gridPoints"), context.Seed, sink);
        else if (pt.Is("study", Sampler)) SamplerBlock(pt.Is("well", "noisy"), context.Seed, sink);
        else if (pt.Is("study", Nsga)) NsgaBlock(pt.Category("problem"), context.Seed, sink);
        else if (context.BlockIndex < P.OperatorSeeds)   // later blocks of the operator studies record nothing (OperatorSeeds)
        {
            if (pt.Is("study", Operator)) ForwardBlock(context.BlockIndex, sink);
            else InverseBlock(context.BlockIndex, sink);
        }
    }

    // Cole–Hopf benchmark (deterministic, t = 1) and the self-convergence of a random input (N against 2N, t = 0.25).
    private void SolverBlock(int n, ulong seed, MetricSink sink)
    {
        var exact = new ColeHopfBurgers(ColeHopfNu);
        var s = new BurgersSpectralSolver(new BurgersSolverOptions { ViscosityNu = ColeHopfNu, PeriodLength = 2, DomainStart = -1, GridPoints = n, TimeStep = P.TimeStep });
        var u0 = new double[n];
        for (int j = 0; j < n; j++) u0[j] = -Math.Sin(Math.PI * s.GridPoint(j));
        var u = new double[n];
        s.Solve(u0, [1.0], u);
        sink.Add("coleHopfRelL2", RelativeL2(u, j => exact.Evaluate(s.GridPoint(j), 1.0)));

        var field = new PeriodicGaussianRandomField();
        var rng = new Xoshiro256StarStar(seed);
        var fine = new BurgersSpectralSolver(new BurgersSolverOptions { ViscosityNu = P.RandomInputViscosity, GridPoints = 2 * n, TimeStep = P.TimeStep });
        var coarse = new BurgersSpectralSolver(new BurgersSolverOptions { ViscosityNu = P.RandomInputViscosity, GridPoints = n, TimeStep = P.TimeStep });
        var v0Fine = new double[2 * n];
        field.Sample(ref rng, v0Fine);
        var v0 = new double[n];
        for (int j = 0; j < n; j++) v0[j] = v0Fine[2 * j];
        var vFine = new double[2 * n];
        var v = new double[n];
        fine.Solve(v0Fine, [RandomInputTime], vFine);
        coarse.Solve(v0, [RandomInputTime], v);
        sink.Add("randomInputRelL2", RelativeL2(v, j => vFine[2 * j]));
    }

    private static double RelativeL2(double[] u, Func<int, double> reference)
    {
        double e2 = 0, r2 = 0;
        for (int j = 0; j < u.Length; j++) { double r = reference(j), d = u[j] - r; e2 += d * d; r2 += r * r; }
        return Math.Sqrt(e2 / r2);
    }

    private sealed class Well(double height, double tilt, double noise) : IStochasticEnergy
    {
        public int Dimension => 1;
        public double U(double t) => height * (t * t - 1) * (t * t - 1) + tilt * t;
        public double EnergyAndGradient(ReadOnlySpan<double> theta, Span<double> gradient, ref Xoshiro256StarStar rng)
        {
            gradient[0] = 4 * height * theta[0] * (theta[0] * theta[0] - 1) + tilt;
            return Energy(theta, ref rng);
        }
        public double Energy(ReadOnlySpan<double> theta, ref Xoshiro256StarStar rng) => U(theta[0]) + (noise > 0 ? noise * rng.NextGaussian() : 0);
        public double LeftProbability(double tau)
        {
            double left = 0, total = 0, h = 8.0 / 80000;
            for (int i = 0; i <= 80000; i++)
            {
                double t = -4 + i * h, w = (i == 0 || i == 80000 ? 0.5 : 1) * Math.Exp(-U(t) / tau);
                total += w;
                if (t < 0) left += w;
            }
            return left / total;
        }
    }

    private static double LeftFraction(double[] samples) => samples.Count(v => v < 0) / (double)samples.Length;

    private void SamplerBlock(bool noisy, ulong seed, MetricSink sink)
    {
        if (!noisy)
        {
            // Claim 1: U = 5(θ² − 1)², τ1 = 0.1; single SGLD chain vs replica exchange with τ2 = 2 (same seed, same start).
            var well = new Well(5, 0, 0);
            var single = new LangevinSampler(0.005, 0.1).Run(well, [-1.0], P.WellSteps, 0, 1, seed);
            sink.Add("singleChainLeft", LeftFraction(single));
            var re = new ReplicaExchangeSgld(new ReplicaExchangeSgldOptions
            {
                LowStepSize = 0.005, HighStepSize = 0.005, LowTemperature = 0.1, HighTemperature = 2, Steps = P.WellSteps,
                BurnInFraction = 0, Thinning = 1,
            }).Run(well, [-1.0], [-1.0], seed);
            sink.Add("replicaLeft", LeftFraction(re.Samples));
            sink.Add("swapRate", re.SwapRate);
            return;
        }
        // Claim 2: U = 5(θ² − 1)² + θ at τ1 = 0.5, τ2 = 5, noisy energies; corrected (F = 1) and naive swaps share the seed.
        var noisyWell = new Well(5, 1, P.EnergyNoise);
        double exact = noisyWell.LeftProbability(0.5);
        double Fraction(double f) => LeftFraction(new ReplicaExchangeSgld(new ReplicaExchangeSgldOptions
        {
            LowStepSize = 0.005, HighStepSize = 0.005, LowTemperature = 0.5, HighTemperature = 5, Steps = P.NoisyWellSteps,
            BurnInFraction = 0.1, Thinning = 5, CorrectionFactor = f, VarianceProbes = 2,
        }).Run(noisyWell, [1.0], [1.0], seed).Samples);
        double corrected = Fraction(1), naive = Fraction(double.PositiveInfinity);
        sink.Add("exactLeft", exact);
        sink.Add("correctedLeft", corrected);
        sink.Add("naiveLeft", naive);
        sink.Add("correctedError", Math.Abs(corrected - exact));
        sink.Add("naiveError", Math.Abs(naive - exact));
        sink.Add("errorGap", Math.Abs(naive - exact) - Math.Abs(corrected - exact));
    }

    /// <summary>ZDT1/ZDT2 with 30 variables (Zitzler, Deb, Thiele 2000); minimised.</summary>
    internal sealed class Zdt(bool convex) : IMultiObjectiveBatch
    {
        public int ObjectiveCount => 2;
        public void Evaluate(ReadOnlySpan<double> points, Span<double> objectives)
        {
            int s = objectives.Length / 2, d = points.Length / s;
            for (int i = 0; i < s; i++)
            {
                var x = points.Slice(i * d, d);
                double sum = 0;
                for (int j = 1; j < d; j++) sum += x[j];
                double g = 1 + 9 * sum / (d - 1), r = x[0] / g;
                objectives[2 * i] = x[0];
                objectives[2 * i + 1] = g * (convex ? 1 - Math.Sqrt(r) : 1 - r * r);
            }
        }
        public double[] TrueFront(int k)
        {
            var f = new double[2 * k];
            for (int i = 0; i < k; i++) { double a = i / (k - 1.0); f[2 * i] = a; f[2 * i + 1] = convex ? 1 - Math.Sqrt(a) : 1 - a * a; }
            return f;
        }
        /// <summary>Hypervolume of the analytic front for the reference (1.1, 1.1): 1.1² minus the area under the front, ∫₀¹ (1 − √x) dx = 1/3 (ZDT1) or ∫₀¹ (1 − x²) dx = 2/3 (ZDT2).</summary>
        public double TrueHypervolume => convex ? 1.21 - (1.0 / 3) : 1.21 - (2.0 / 3);
    }

    public static readonly double[] HypervolumeReference = [1.1, 1.1];

    private void NsgaBlock(string problem, ulong seed, MetricSink sink)
    {
        var zdt = new Zdt(problem == "zdt1");
        var result = new Nsga2(new Nsga2Options { PopulationSize = P.Population, Generations = P.Generations })
            .Minimize(zdt, BoxBounds.Uniform(30, 0, 1), seed, HypervolumeReference);
        var front = result.FrontObjectives();
        sink.Add("igd", ParetoMetrics.InvertedGenerationalDistance(zdt.TrueFront(1000), front, 2));
        sink.Add("frontNonDominated", Pareto.NonDominatedIndices(front, 2).Length == result.ParetoFront.Length ? 1 : 0);
        bool monotone = true;
        var hv = result.HypervolumeHistory;
        for (int g = 1; g < hv.Length; g++) monotone &= hv[g] >= hv[g - 1];
        sink.Add("hvMonotone", monotone ? 1 : 0);
        sink.Add("hvGap", zdt.TrueHypervolume - hv[^1]);
        int every = Math.Max(1, P.Generations / 20);
        for (int g = 0; g < hv.Length; g += every) sink.AddAt("hypervolume", g, hv[g]);
        if ((hv.Length - 1) % every != 0) sink.AddAt("hypervolume", hv.Length - 1, hv[^1]);
        int knee = result.KneeIndex();
        sink.Add("kneeF1", result.Objectives[2 * knee]);
    }

    public override void BuildReport(RunResults results, ReportBuilder report) => MorephyReport.Build(P, results, report);
}

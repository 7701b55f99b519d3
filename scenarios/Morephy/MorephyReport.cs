using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Reports;
using PhyToolkit.Core.Statistics;

namespace PhyToolkit.Scenarios.Morephy;

/// <summary>The <c>operator-learning</c> report: the claims table of docs/morephy.md decided from the results, and the figures.</summary>
internal static partial class MorephyReport
{
    public static void Build(MorephyParameters p, RunResults r, ReportBuilder report)
    {
        report.AddText("Building blocks of Morephy-Net (Lu, Mou, Lin, arXiv 2509.00663), each checked against an exact answer. Solver: Fourier " +
            "pseudo-spectral Burgers with 2/3 de-aliasing and integrating-factor RK4 (dt = " + Fmt.G(p.TimeStep) + "), against the Cole–Hopf " +
            "solution of u0 = −sin πx, ν = 0.01/π at t = 1 (Gauss–Hermite, 200 nodes), and N against 2N on a random periodic input (ν = " +
            Fmt.G(p.RandomInputViscosity) + ", t = " + Fmt.G(MorephyRun.RandomInputTime) + "). Sampler: replica-exchange SGLD with the bias-corrected swap; each block is one seed shared by " +
            "the arms it compares (single chain vs replica exchange; corrected vs naive swaps), so differences are paired. NSGA-II: " +
            "population " + Fmt.N(p.Population) + ", " + Fmt.N(p.Generations) + " generations, 30 variables, IGD against 1000 points of the " +
            "analytic front, hypervolume of the non-dominated archive for the reference (1.1, 1.1). Intervals are 95 % Student intervals " +
            "over blocks (seeds).");
        report.AddText(OperatorText(p));
        report.AddClaims(Claims(p, r));
        Figures(p, r, report);
        OperatorFigures(p, r, report);
    }

    private static ConfidenceInterval Ci(PointResult? pt, string metric) =>
        pt?.Get(metric) is { } m ? Intervals.FromSummary(m) : ConfidenceInterval.Undefined();

    private static ClaimsTable Claims(MorephyParameters p, RunResults r)
    {
        var claims = new ClaimsTable("claims", "Claims (docs/morephy.md)");

        // S: solver against Cole–Hopf, decreasing with N, finest below 1e-3.
        var solver = p.GridPoints.OrderBy(n => n).Select(n => (N: n, Pt: r.Find(x => x.Is("study", MorephyRun.Solver) && x.Number("gridPoints") == n))).ToList();
        var errors = solver.Select(s => s.Pt?.Mean("coleHopfRelL2") ?? double.NaN).ToArray();
        bool decreasing = errors.Zip(errors.Skip(1), (a, b) => b < a).All(x => x);
        claims.Add("S", "Pseudo-spectral solver: relative L² error against Cole–Hopf (ν = 0.01/π, t = 1) decreases with N and is below 1e-3 on the finest grid",
            errors.Any(double.IsNaN) ? Verdict.NotEvaluated : Verdicts.FromCheck(decreasing && errors[^1] < 1e-3),
            string.Join("; ", solver.Select((s, i) => $"N = {s.N}: {Fmt.G(errors[i])}")) + " (deterministic)", "[Proposed] threshold; [P] solver settings not given");

        // 1: double well.
        var sym = r.Find(x => x.Is("study", MorephyRun.Sampler) && x.Is("well", "symmetric"));
        var single = sym?.Get("singleChainLeft");
        var left = Ci(sym, "replicaLeft");
        var swap = Ci(sym, "swapRate");
        claims.Add("1", "Double well 5(θ²−1)², τ1 = 0.1: a single SGLD chain stays in its starting well; with a τ2 = 2 replica the cold chain spends 0.5 ± 0.1 of its time in each well and swaps are accepted at a rate in (0.05, 0.95)",
            sym is null ? Verdict.NotEvaluated : Verdicts.All(Verdicts.FromCheck(single!.Mean == 1), Verdicts.Within(left, 0.4, 0.6), Verdicts.Within(swap, 0.05, 0.95)),
            $"single chain left-well fraction {Fmt.G(single?.Mean ?? double.NaN)} (every seed); replica exchange {Fmt.Ci(left)}; swap rate {Fmt.Ci(swap)}; {Fmt.N(p.WellSteps)} steps", "[Proposed]");

        // 2: noisy asymmetric well.
        var noisy = r.Find(x => x.Is("study", MorephyRun.Sampler) && x.Is("well", "noisy"));
        var corrErr = Ci(noisy, "correctedError");
        var gap = Ci(noisy, "errorGap");
        claims.Add("2", $"Asymmetric well with N(0, {Fmt.G(p.EnergyNoise)}²) energy noise: corrected swaps (F = 1) reproduce the exact well probability within 0.05, and naive swaps are measurably worse (paired)",
            noisy is null ? Verdict.NotEvaluated : Verdicts.All(Verdicts.AtMost(corrErr, 0.05), Verdicts.AtLeast(gap, 0)),
            $"exact P(θ < 0) = {Fmt.F(noisy?.Mean("exactLeft") ?? double.NaN, "0.0000")}; corrected {Fmt.F(noisy?.Mean("correctedLeft") ?? double.NaN, "0.0000")}, |error| {Fmt.Ci(corrErr, "0.0000")}; naive {Fmt.F(noisy?.Mean("naiveLeft") ?? double.NaN, "0.0000")}; naive − corrected |error| {Fmt.Ci(gap, "0.0000")}",
            "[lit] Deng et al. 2020 correction; [Proposed] thresholds");

        // 3: ZDT IGD and archive properties.
        foreach (string z in p.ZdtProblems)
        {
            var pt = r.Find(x => x.Is("study", MorephyRun.Nsga) && x.Is("problem", z));
            var igd = Ci(pt, "igd");
            bool hard = pt is not null && pt.Mean("frontNonDominated") == 1 && pt.Mean("hvMonotone") == 1;
            claims.Add("3-" + z, $"NSGA-II on {z.ToUpperInvariant()} (30 variables, population {p.Population}, {p.Generations} generations) reaches IGD ≤ 1e-2; the returned front is mutually non-dominated and the archive hypervolume never decreases",
                pt is null ? Verdict.NotEvaluated : Verdicts.All(Verdicts.AtMost(igd, 1e-2), Verdicts.FromCheck(hard)),
                $"IGD {Fmt.Ci(igd, "0.00000")}; non-dominated and monotone in every seed: {(hard ? "yes" : "no")}; hypervolume gap to the analytic front {Fmt.G(pt?.Mean("hvGap") ?? double.NaN)}",
                "[Proposed] spec claim 3 (spec: population 100, 200 generations)");
        }

        OperatorClaims(p, r, claims);
        return claims;
    }

    private static void Figures(MorephyParameters p, RunResults r, ReportBuilder report)
    {
        var ns = p.GridPoints.OrderBy(n => n).ToArray();
        var pts = ns.Select(n => r.Find(x => x.Is("study", MorephyRun.Solver) && x.Number("gridPoints") == n)).ToArray();
        if (pts.All(x => x is not null))
        {
            report.AddFigure(new Figure
            {
                Id = "solver", Title = "Burgers solver: relative L² error", XLabel = "grid points N", YLabel = "relative L² error",
                LogX = true, LogY = true,
                Series =
                [
                    new Series { Label = "vs Cole–Hopf (u0 = −sin πx, ν = 0.01/π, t = 1)", X = ns.Select(n => (double)n).ToArray(), Y = pts.Select(x => x!.Mean("coleHopfRelL2")).ToArray() },
                    new Series { Label = $"N vs 2N, random input (ν = {Fmt.G(p.RandomInputViscosity)}, t = {Fmt.G(MorephyRun.RandomInputTime)})", X = ns.Select(n => (double)n).ToArray(), Y = pts.Select(x => x!.Mean("randomInputRelL2")).ToArray(), Style = SeriesStyle.LineMarkers },
                ],
            });
        }

        var sym = r.Find(x => x.Is("study", MorephyRun.Sampler) && x.Is("well", "symmetric"));
        var noisy = r.Find(x => x.Is("study", MorephyRun.Sampler) && x.Is("well", "noisy"));
        if (sym is not null && noisy is not null)
        {
            var arms = new (string Label, PointResult Pt, string Metric)[]
            {
                ("single SGLD (symmetric)", sym, "singleChainLeft"), ("reSGLD (symmetric)", sym, "replicaLeft"),
                ("corrected (noisy)", noisy, "correctedLeft"), ("naive (noisy)", noisy, "naiveLeft"), ("exact (noisy)", noisy, "exactLeft"),
            };
            var cis = arms.Select(a => a.Pt.Get(a.Metric) is { } m ? Intervals.FromSummary(m) : ConfidenceInterval.Undefined()).ToArray();
            report.AddFigure(new Figure
            {
                Id = "sampler", Title = "Fraction of cold-chain time in the left well", XLabel = "arm", YLabel = "P(θ < 0)",
                XCategories = arms.Select(a => a.Label).ToArray(), YMin = 0, YMax = 1.05,
                Series =
                [
                    new Series
                    {
                        Label = "mean ± 95 % CI over seeds", X = Enumerable.Range(0, arms.Length).Select(i => (double)i).ToArray(),
                        Y = cis.Select(c => c.Estimate).ToArray(), YError = cis.Select(c => double.IsFinite(c.High) ? c.High - c.Estimate : 0).ToArray(),
                        Style = SeriesStyle.Markers,
                    },
                ],
            });
        }

        var hvSeries = new List<Series>();
        foreach (string z in p.ZdtProblems)
        {
            var c = r.Find(x => x.Is("study", MorephyRun.Nsga) && x.Is("problem", z))?.Curve("hypervolume");
            if (c is null) continue;
            hvSeries.Add(new Series { Label = z.ToUpperInvariant() + " archive", X = c.X(), Y = c.Means() });
            double truth = new MorephyRun.Zdt(z == "zdt1").TrueHypervolume;
            hvSeries.Add(new Series { Label = z.ToUpperInvariant() + " analytic front", X = [0, p.Generations], Y = [truth, truth], Style = SeriesStyle.Line });
        }
        if (hvSeries.Count > 0)
            report.AddFigure(new Figure
            {
                Id = "hypervolume", Title = "NSGA-II archive hypervolume (reference (1.1, 1.1))", XLabel = "generation", YLabel = "hypervolume",
                YMin = 0, Series = hvSeries,
            });
    }
}

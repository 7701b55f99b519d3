using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Reports;
using PhyToolkit.Core.Statistics;

namespace PhyToolkit.Scenarios.UnlearningPuf;

/// <summary>The <c>unlearning-puf</c> report: claims P1–P10 of docs/unlearning-puf.md decided from the results, figures, cost table.</summary>
internal static class UnlearningPufReport
{
    public static void Build(UnlearningPufRun run, UnlearningPufParameters p, RunResults r, ReportBuilder report)
    {
        report.AddText("Federated client unlearning by negated pseudo-gradients (PUF; Mora et al., arXiv 2504.05822) inside the toolkit's " +
            "federated engine. Every seed generates its own data (" + Fmt.N(p.TrainSamples) + " natural samples, d = " + Fmt.N(p.Dimension) +
            ", C = " + Fmt.N(p.Classes) + ", K = " + Fmt.N(p.Clients) + " clients, Dirichlet α = " + Fmt.G(p.DirichletAlpha) + ", " +
            Fmt.N(p.CanariesPerClient) + " wrong-label canaries on each of clients " + string.Join(", ", p.CanaryClients) + "), trains a " +
            "ReLU MLP (" + Fmt.N(p.HiddenUnits) + " hidden units) with FedAvg for T = " + Fmt.N(p.Rounds) + " rounds and serves the request to " +
            "forget client " + Fmt.N(p.ForgetClient) + " in round T+1. Every method starts from the same original model and uses the same " +
            "batch streams; the reference is retrain-from-scratch without the forgotten client(s) with the same seed and T rounds. Each " +
            "unlearning arm runs 1 + " + Fmt.N(p.RecoveryRoundsMax) + " rounds; its recovery round is the first after the unlearning round with " +
            "test accuracy ≥ retrained − " + Fmt.F(100 * p.RecoveryTolerance, "0.##") + " pp (charged at the cap + 1 when never reached). Intervals are 95 % " +
            "Student intervals over seeds; differences between arms are paired per seed.");
        report.AddClaims(Claims(run, p, r));
        Figures(run, p, r, report);
        report.AddTable(CostTable(run, p, r));
    }

    private static PointResult? Arm(RunResults r, string method, double? eta = null) =>
        r.Find(x => x.Is("study", UnlearningPufRun.Unlearn) && x.Is("method", method) && (eta is null || x.Is("etaU", eta.Value)));

    private static ConfidenceInterval Ci(PointResult? pt, string metric) =>
        pt?.Get(metric) is { } m ? Intervals.FromSummary(m) : ConfidenceInterval.Undefined();

    private static ClaimsTable Claims(UnlearningPufRun run, UnlearningPufParameters p, RunResults r)
    {
        var refPt = r.Find(x => x.Is("study", UnlearningPufRun.Reference));
        var special = Arm(r, UnlearningPufRun.Special, p.EtaSpecial);
        var natural = Arm(r, UnlearningPufRun.Natural);
        var matched = Arm(r, UnlearningPufRun.Matched);
        var eraser = Arm(r, UnlearningPufRun.Eraser);
        var fe = eraser is null ? "" : $"; FedEraser (baseline): canary − retrained {Fmt.Ci(Ci(eraser, "canaryGap"))}, test − retrained {Fmt.PctCi(Ci(eraser, "testGap"))} after {Fmt.G(eraser.Mean("roundsToTarget"))} calibration rounds";
        var claims = new ClaimsTable("claims", "Claims P1–P10 (docs/unlearning-puf.md)")
        {
            Caption = "Verdicts from 95 % intervals over seeds (held / not held / inconclusive)" + fe + ".",
        };

        // P1
        var oc = Ci(refPt, "origCanary"); var rc = Ci(refPt, "refCanary"); var md = Ci(refPt, "miaYeomDrop");
        claims.Add("P1", "A signal exists: original canary accuracy ≥ 0.6, retrained ≤ 0.1, Yeom MIA on the client's data original − retrained ≥ 5 pp",
            refPt is null ? Verdict.NotEvaluated : Verdicts.All(Verdicts.AtLeast(oc, 0.6), Verdicts.AtMost(rc, 0.1), Verdicts.AtLeast(md, 0.05)),
            $"original canary acc {Fmt.Ci(oc)}, retrained {Fmt.Ci(rc)}, Yeom drop {Fmt.PctCi(md)}", "[Proposed] thresholds");

        // P2
        var g2 = Ci(special, "canaryAfterGap");
        claims.Add("P2", $"Forgetting in one round: right after the PUF-Special round (η_u = {Fmt.G(p.EtaSpecial)}) canary accuracy ≤ retrained + 0.10 (paired)",
            special is null ? Verdict.NotEvaluated : Verdicts.AtMost(g2, 0.10),
            $"canary acc after the round {Fmt.Ci(Ci(special, "canaryAfter"))}; minus retrained {Fmt.Ci(g2)}", "[P] forgetting via one negated step; [Proposed] threshold");

        // P3 (ideal) and P10 (over the air)
        claims.Add("P3", $"Recovery within {p.RecoveryRoundsMax} rounds (PUF-Special): every seed recovers; at the recovery round canary ≤ retrained + 0.10, |Yeom MIA − retrained| ≤ 5 pp, |forget acc − retrained| ≤ 3 pp",
            RecoveryVerdict(special), RecoveryEvidence(special), "[code] stopping rule; [Proposed] thresholds");

        // P4
        var rounds = Ci(special, "roundsToTarget");
        double budget = 0.3 * p.Rounds;
        claims.Add("P4", $"Cheaper than retraining: 1 + recovery rounds ≤ 0.3 × T = {Fmt.G(budget)}",
            special is null ? Verdict.NotEvaluated : Verdicts.AtMost(rounds, budget),
            $"PUF-Special rounds to the target {Fmt.Ci(rounds)}; retrain reaches its own final test accuracy after {Fmt.Ci(Ci(refPt, "retrainRoundsToTarget"))} rounds (of T = {p.Rounds}); " +
            $"uplink bytes to target: PUF {Fmt.G(special?.Mean("bytesToTarget") ?? double.NaN)}, retrain {Fmt.G(refPt?.Mean("retrainBytesToTarget") ?? double.NaN)}",
            "[paper] no extra cost beyond standard rounds; [Proposed] threshold");

        // P5
        var vsNat = Ci(special, "canaryVsNatural");
        claims.Add("P5", "Faster than natural forgetting: at PUF's recovery round, PUF's canary accuracy < natural forgetting's after the same number of rounds (paired)",
            special is null || natural is null ? Verdict.NotEvaluated : Verdicts.AtMost(vsNat, -1e-9),
            $"PUF − natural canary acc {Fmt.Ci(vsNat)}; natural forgetting's canary acc after 1 + {p.RecoveryRoundsMax} rounds is {Fmt.Ci(Ci(natural, "canaryGap"))} above retrained", "[Proposed]");

        // P6
        var dt = Ci(matched, "finalTestVsSpecial"); var dc = Ci(matched, "finalCanaryVsSpecial"); var dm = Ci(matched, "finalMiaVsSpecial");
        claims.Add("P6", $"Regular ≈ Special at equal κ_u = {Fmt.G(p.EtaSpecial)} (Regular η_u = κ_u N/n_u): after 1 + {p.RecoveryRoundsMax} rounds test acc, canary acc and Yeom MIA agree within 2 pp (paired)",
            matched is null ? Verdict.NotEvaluated : Verdicts.All(Verdicts.Within(dt, -0.02, 0.02), Verdicts.Within(dc, -0.02, 0.02), Verdicts.Within(dm, -0.02, 0.02)),
            $"Regular − Special: test {Fmt.PctCi(dt)}, canary {Fmt.PctCi(dc)}, MIA {Fmt.PctCi(dm)} (matched η_u {Fmt.G(matched?.Mean("etaU") ?? double.NaN)})", "[derived]; [Proposed] tolerance");

        // P7
        var c7 = new List<Verdict>(); var e7 = new List<string>();
        foreach (var pt in r.Where(x => x.Is("study", UnlearningPufRun.Concurrent)))
        {
            var g = Ci(pt, "canaryAfterGap"); var rec = Ci(pt, "recovered");
            c7.Add(Verdicts.All(Verdicts.AtMost(g, 0.10), Verdicts.FromCheck(rec.Estimate == 1)));
            e7.Add($"{{{pt.Point.Category("clients")}}}: canary after − retrained {Fmt.Ci(g)}, recovered in {Share(rec.Estimate)} of seeds, recovery rounds {Fmt.Ci(Ci(pt, "recoveryRounds"))}");
        }
        claims.Add("P7", $"Concurrent requests in one PUF-Special round: every canary set ≤ its retrained level + 0.10 right after, and recovery within {p.RecoveryRoundsMax} rounds on every seed",
            c7.Count == 0 ? Verdict.NotEvaluated : Verdicts.All([.. c7]), string.Join("; ", e7), "[paper] concurrent requests; [Proposed] thresholds");

        // P8
        var c8 = new List<Verdict>(); var e8 = new List<string>();
        foreach (double eta in run.EtaSorted.Skip(1))
        {
            var pt = Arm(r, UnlearningPufRun.Special, eta);
            var ca = Ci(pt, "canaryAfterVsPrev"); var td = Ci(pt, "testDropVsPrev"); var rr = Ci(pt, "recoveryVsPrev");
            c8.Add(Verdicts.All(Verdicts.AtMost(ca, 0), Verdicts.AtLeast(td, 0), Verdicts.AtLeast(rr, -1)));
            e8.Add($"η_u {Fmt.G(eta)} vs previous: canary {Fmt.Ci(ca)}, test drop {Fmt.Ci(td)}, recovery {Fmt.Ci(rr)}");
        }
        claims.Add("P8", "Monotone in η_u (PUF-Special sweep): canary acc after the round non-increasing, test-acc drop non-decreasing, recovery rounds non-decreasing within −1 round (paired neighbour differences)",
            c8.Count == 0 ? Verdict.NotEvaluated : Verdicts.All([.. c8]), string.Join("; ", e8) + " (a difference whose interval covers 0 is inconclusive)", "[derived] first-order ascent reading");

        // P9 (exact counts)
        double pufStored = refPt?.Mean("pufStoredVectors") ?? double.NaN, feStored = refPt?.Mean("fedEraserStoredVectors") ?? double.NaN;
        double expectedFe = Math.Ceiling((double)p.Rounds / p.FedEraserInterval) * p.Clients;
        claims.Add("P9", $"No storage: the PUF server keeps no model-sized vector beyond the model; FedEraser stores ⌈T/Δt⌉ × K = {Fmt.G(expectedFe)}",
            refPt is null ? Verdict.NotEvaluated : Verdicts.FromCheck(pufStored == 0 && feStored == expectedFe),
            $"PUF {Fmt.G(pufStored)} stored vectors ({Fmt.G((1 + pufStored) * 4 * (refPt?.Mean("parameters") ?? double.NaN))} B with the model); FedEraser {Fmt.G(feStored)} ({Fmt.G((1 + feStored) * 4 * (refPt?.Mean("parameters") ?? double.NaN))} B) (exact counts)",
            "[paper] no stored histories");

        // P10
        var c10 = new List<Verdict>(); var e10 = new List<string>();
        foreach (var pt in r.Where(x => x.Is("study", UnlearningPufRun.Ota) && x.Number("snrDb") >= 20))
        {
            c10.Add(RecoveryVerdict(pt));
            e10.Add($"{Fmt.G(pt.Point.Number("snrDb"))} dB: {RecoveryEvidence(pt)}");
        }
        claims.Add("P10", "Over-the-air robustness: P3 still holds with the PUF-Special and recovery rounds through the over-the-air uplink at SNR ≥ 20 dB",
            c10.Count == 0 ? Verdict.NotEvaluated : Verdicts.All([.. c10]), string.Join("; ", e10), "[Proposed] (linearity of the over-the-air sum)");

        return claims;
    }

    private static string Share(double fraction) => Fmt.F(100 * fraction, "0") + " %";

    private static Verdict RecoveryVerdict(PointResult? pt)
    {
        if (pt is null) return Verdict.NotEvaluated;
        var rec = Ci(pt, "recovered");
        return Verdicts.All(Verdicts.FromCheck(rec.Estimate == 1), Verdicts.AtMost(Ci(pt, "canaryGap"), 0.10),
            Verdicts.Within(Ci(pt, "miaYeomGap"), -0.05, 0.05), Verdicts.Within(Ci(pt, "forgetGap"), -0.03, 0.03));
    }

    private static string RecoveryEvidence(PointResult? pt) => pt is null ? "no point" :
        $"recovered on {Share(pt.Mean("recovered"))} of seeds, recovery rounds {Fmt.Ci(Ci(pt, "recoveryRounds"))}; at that round canary − retrained {Fmt.Ci(Ci(pt, "canaryGap"))}, " +
        $"Yeom MIA − retrained {Fmt.PctCi(Ci(pt, "miaYeomGap"))}, forget acc − retrained {Fmt.PctCi(Ci(pt, "forgetGap"))}, test − retrained {Fmt.PctCi(Ci(pt, "testGap"))}";

    private static Series CurveSeries(PointResult? pt, string metric, string label, SeriesStyle style = SeriesStyle.LineMarkers)
    {
        var c = pt?.Curve(metric);
        if (c is null) return new Series { Label = label + " (missing)", X = [], Y = [] };
        return new Series
        {
            Label = label,
            X = [.. c.Steps.Select(s => (double)s)],
            Y = [.. c.Values.Select(v => v.Mean)],
            YError = [.. c.Values.Select(v => Intervals.FromSummary(v) is var ci && ci.IsDefined ? ci.HalfWidth : 0)],
            Style = style,
        };
    }

    private static void Figures(UnlearningPufRun run, UnlearningPufParameters p, RunResults r, ReportBuilder report)
    {
        var special = Arm(r, UnlearningPufRun.Special, p.EtaSpecial);
        var regular = Arm(r, UnlearningPufRun.Regular);
        var natural = Arm(r, UnlearningPufRun.Natural);
        double[] xs = [0, run.FixedRounds];
        foreach (var (metric, name, refMetric) in new[] { ("testAcc", "test accuracy", "refTest"), ("canaryAcc", "canary accuracy", "refCanary") })
        {
            double refValue = special?.Mean(refMetric) ?? double.NaN;
            report.AddFigure(new Figure
            {
                Id = metric + "-vs-round",
                Title = $"{char.ToUpperInvariant(name[0])}{name[1..]} around the request (round 0 = original model)",
                XLabel = "rounds since the request",
                YLabel = name,
                YMin = 0, YMax = 1,
                Series =
                [
                    CurveSeries(special, metric, $"PUF-Special η_u = {Fmt.G(p.EtaSpecial)}"),
                    CurveSeries(regular, metric, $"PUF-Regular η_u = {Fmt.G(p.EtaRegular)}"),
                    CurveSeries(natural, metric, "natural forgetting"),
                    new Series { Label = "retrain from scratch", X = xs, Y = [refValue, refValue], Style = SeriesStyle.DashedLine },
                ],
                Caption = "Mean over seeds with 95 % intervals; the retrained level is the mean over the same seeds.",
            });
        }

        var sweep = run.EtaSorted.Select(e => Arm(r, UnlearningPufRun.Special, e)).ToList();
        double[] etas = run.EtaSorted;
        Series Over(string metric, string label) => new()
        {
            Label = label,
            X = etas,
            Y = [.. sweep.Select(pt => pt?.Mean(metric) ?? double.NaN)],
            YError = [.. sweep.Select(pt => Ci(pt, metric) is var ci && ci.IsDefined ? ci.HalfWidth : 0)],
        };
        report.AddFigure(new Figure
        {
            Id = "recovery-vs-eta", Title = "Recovery rounds vs η_u (PUF-Special)", XLabel = "η_u", YLabel = "recovery rounds", YMin = 0, LogX = true,
            Series = [Over("recoveryRounds", "recovery rounds (cap + 1 when censored)")],
        });
        report.AddFigure(new Figure
        {
            Id = "forgetting-vs-eta", Title = "Right after the unlearning round vs η_u (PUF-Special)", XLabel = "η_u", YLabel = "fraction", YMin = 0, YMax = 1, LogX = true,
            Series = [Over("canaryAfter", "canary accuracy"), Over("testDrop", "test-accuracy drop")],
        });

        var conc = r.Where(x => x.Is("study", UnlearningPufRun.Concurrent)).ToList();
        var single = special;
        var concPts = new List<PointResult?> { single }.Concat(conc).ToList();
        string[] cats = [p.ForgetClient.ToString(System.Globalization.CultureInfo.InvariantCulture), .. conc.Select(x => x.Point.Category("clients"))];
        Series Cat(string metric, string label) => new()
        {
            Label = label,
            X = [.. Enumerable.Range(0, concPts.Count).Select(i => (double)i)],
            Y = [.. concPts.Select(pt => pt?.Mean(metric) ?? double.NaN)],
            YError = [.. concPts.Select(pt => Ci(pt, metric) is var ci && ci.IsDefined ? ci.HalfWidth : 0)],
            Style = SeriesStyle.Markers,
        };
        report.AddFigure(new Figure
        {
            Id = "concurrent", Title = "Concurrent requests (PUF-Special, one round)", XLabel = "forgotten clients", YLabel = "fraction", XCategories = cats, YMin = 0, YMax = 1,
            Series = [Cat("canaryAfter", "canary accuracy after the round"), Cat("refCanary", "retrained canary accuracy")],
        });

        var ota = r.Where(x => x.Is("study", UnlearningPufRun.Ota)).OrderBy(x => x.Point.Number("snrDb")).ToList();
        double[] snrs = [.. ota.Select(x => x.Point.Number("snrDb"))];
        Series Snr(string metric, string label) => new()
        {
            Label = label, X = snrs, Y = [.. ota.Select(pt => pt.Mean(metric))],
            YError = [.. ota.Select(pt => Ci(pt, metric) is var ci && ci.IsDefined ? ci.HalfWidth : 0)],
        };
        report.AddFigure(new Figure
        {
            Id = "ota-vs-snr", Title = "PUF-Special through the over-the-air uplink", XLabel = "uplink SNR (dB)", YLabel = "fraction",
            Series = [Snr("canaryAfter", "canary accuracy after the round"), Snr("testGap", "test accuracy − retrained at the charged round"), Snr("recovered", "seeds recovered")],
        });

        string[] methods = [UnlearningPufRun.Special, UnlearningPufRun.Regular, UnlearningPufRun.Natural, UnlearningPufRun.Eraser];
        var stored = methods.Select(m => Arm(r, m, m == UnlearningPufRun.Special ? p.EtaSpecial : null)).ToList();
        double pcount = r.Find(x => x.Is("study", UnlearningPufRun.Reference))?.Mean("parameters") ?? double.NaN;
        report.AddFigure(new Figure
        {
            Id = "storage", Title = "Server storage per method (model included)", XLabel = "method", YLabel = "bytes", XCategories = methods, YMin = 0,
            Series = [new Series { Label = "bytes stored", X = [.. Enumerable.Range(0, methods.Length).Select(i => (double)i)], Y = [.. stored.Select(pt => (1 + (pt?.Mean("storedVectors") ?? double.NaN)) * pcount * 4)], Style = SeriesStyle.Markers }],
        });
    }

    private static Table CostTable(UnlearningPufRun run, UnlearningPufParameters p, RunResults r)
    {
        var rows = new List<IReadOnlyList<string>>();
        var refPt = r.Find(x => x.Is("study", UnlearningPufRun.Reference));
        if (refPt is not null)
            rows.Add(["retrain from scratch", Fmt.Ci(Ci(refPt, "retrainRoundsToTarget")), Fmt.G(refPt.Mean("retrainBytesToTarget")), "100 %", "0", "0", "0", Fmt.G(4 * refPt.Mean("parameters")), Fmt.Missing]);
        foreach (var pt in r.Where(x => x.Is("study", UnlearningPufRun.Unlearn) || x.Is("study", UnlearningPufRun.Concurrent) || x.Is("study", UnlearningPufRun.Ota)))
        {
            rows.Add([pt.Point.Label, Fmt.Ci(Ci(pt, "roundsToTarget")), Fmt.G(pt.Mean("bytesToTarget")), Share(pt.Mean("recovered")),
                Fmt.Ci(Ci(pt, "canaryGap")), Fmt.PctCi(Ci(pt, "testGap")), Fmt.PctCi(Ci(pt, "miaYeomGap")),
                Fmt.G((1 + pt.Mean("storedVectors")) * 4 * (refPt?.Mean("parameters") ?? double.NaN)),
                $"{Fmt.Ci(Ci(pt, "relearnSteps"))} (retrained {Fmt.G(pt.Mean("refRelearnSteps"))})"]);
        }
        return new Table
        {
            Id = "cost",
            Title = "Cost to reach the target (test accuracy ≥ retrained − tolerance) and gaps to the retrained model at that round",
            Columns = ["method", "rounds to target", "uplink bytes to target", "seeds reaching it", "canary − retrained", "test − retrained", "Yeom MIA − retrained", "server bytes stored", "relearn steps at the end of the run"],
            Rows = rows,
            Caption = "Rounds and bytes are charged to the target round (the cap + 1 when a seed never reaches it; see 'seeds reaching it'). Retrain is charged to the round where its own test accuracy first reaches its final value; FedEraser to its calibration rounds. Relearn steps: SGD (rate 0.01, batch 32) on the forgotten samples until their loss is back to 1.05 × the original model's, 201 = not within 200 steps; a value well below the retrained model's means residual knowledge.",
        };
    }
}

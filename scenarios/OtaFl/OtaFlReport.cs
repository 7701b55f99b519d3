using PhyToolkit.Channels.OverTheAir;
using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Reports;
using PhyToolkit.Core.Statistics;
using PhyToolkit.Channels.Noise;

namespace PhyToolkit.Scenarios.OtaFl;

/// <summary>
/// Figures, tables and claim checks of the ota-fl report, drawn from results.csv alone (plus the closed forms of the
/// channel component for the analytic curves). Every verdict is decided here from confidence intervals over seeds (or,
/// for the channel study, over draws): held / not held / inconclusive, never from a point estimate alone.
/// </summary>
internal static class OtaFlReport
{
    private const double Z95 = 1.959963984540054;

    /// <summary>Spec claim 4 parity band: 1.5 percentage points of test accuracy.</summary>
    public const double ParityBand = 0.015;

    /// <summary>Half-width multiplier of the unbiasedness checks of the channel study (4 standard errors, two-sided level 0.99994).</summary>
    private const double UnbiasedZ = 4;

    private static readonly (string Id, string Label)[] MethodLabels =
    [
        ("A", "(A) digital + AdaGrad-Norm"), ("B", "(B) OTA-P1 + AdaGrad-Norm (corrected)"), ("Bp", "(B') OTA-P1 + AdaGrad-Norm (plain)"),
        ("C", "(C) naive analog + AdaGrad-Norm"), ("D", "(D) OTA-P1 + fixed step"),
        ("Ainst", "(A~) adaptive digital, instantaneous CSI"), ("Amean", "(A~m) adaptive digital, mean-SNR CSI"),
        ("E", "(E) noiseless centralised SGD"),
    ];

    private static string F(double v, string fmt = "0.###") => Fmt.F(v, fmt);
    private static string Pct(double v) => double.IsFinite(v) ? Fmt.F(100 * v, "0.0") + " %" : Fmt.Missing;
    private static string PpCi(ConfidenceInterval ci) => Fmt.Ci(ci.Scale(100), "+0.00;-0.00;0.00") + " pp";

    private static IEnumerable<PointResult> Study(RunResults r, OtaFlStudy s) => r.Where(p => p.Is("study", OtaFlRun.StudyKey(s)));
    private static double C(PointResult p, string coord) => p.Point.Coordinates.TryGetValue(coord, out double v) ? v : double.NaN;
    private static string Data(PointResult p) => p.Point.Categories.TryGetValue("dataSet", out var d) ? d : "";
    private static string DataName(string ds) => ds == "d1" ? "D1 (logistic, IID)" : "D2 (Gaussian mixture, softmax, Dirichlet)";
    private static double Mean(PointResult p, string metric) => p.Mean(metric);
    private static ConfidenceInterval Ci(PointResult p, string metric) => p.Get(metric) is { } m ? Intervals.FromSummary(m) : ConfidenceInterval.Undefined();

    /// <summary>mean ± z·SE as an interval (the channel study's unbiasedness checks use z = 4).</summary>
    private static ConfidenceInterval ZInterval(double mean, double se, double z, long n) =>
        double.IsFinite(se) ? new ConfidenceInterval(mean, mean - z * se, mean + z * se, double.NaN, (int)Math.Min(int.MaxValue, n)) : ConfidenceInterval.Undefined(mean, (int)n);

    /// <summary>Claim ids in table order.</summary>
    private static readonly List<string> ClaimOrder = ["1", "2", "3", "4", "4a", "4b", "4'", "4''", "5", "6", "7", "7'"];

    public static void Build(OtaFlParameters p, SweepPlan plan, RunResults results, ReportBuilder report)
    {
        int seeds = plan.Stop.MaxBlocks;
        var x = p.Experiment;
        report.AddText("Adaptive federated SGD over physical channels (R. Zhang, W. Mou, arXiv:2509.02538), as reconstructed for the toolkit. "
            + "Provenance: only the paper's abstract and the opening of its introduction were reachable; its "
            + "model section, algorithm boxes, theorems, hyper-parameters and experiment tables were not. The paper states the setting, the "
            + "two obstacles (ADC/DAC quantisation bias, channel-noise variance), that pre/post-coding makes the received gradient exactly "
            + "unbiased with low variance, that adaptive SGD then converges at near-optimal, noise-adaptive rates, and that on CIFAR-10/MNIST the "
            + "test accuracy matches the full-precision coded channel with 20 % of the communication symbols. Everything else here — the binary "
            + "stochastic pre-coder P1 and its post-coder, truncated channel inversion with 1/p_m weighting and a dithered sum ADC, the "
            + "channel-corrected AdaGrad-Norm accumulator, the fixed digital accounting (float32 at rate 1/2 = 64 uses per coordinate per link), the "
            + "SNR-adaptive digital baselines (MCS table, normal-approximation BLER with a gap, ARQ, b-bit stochastic quantiser), the "
            + "data sets D1/D2 and every threshold below — is [Proposed]. The checks therefore test the toolkit's design against "
            + "the paper's qualitative claims, not the paper's numbers, which were not available.");
        report.AddText($"Settings: M = {x.Workers} workers, T = {x.Rounds} rounds, batch {x.BatchSize}, ADC {(x.AdcBits is int ab ? ab + " bits" : "ideal")}, DAC {(x.DacBits is int db ? db + " bits" : "ideal")}, "
            + $"k = {x.Repetitions} uplink and {x.DownlinkRepetitions} downlink repetitions per coordinate, eta = {F(x.LearningRate)}, b0 = {F(x.B0)}, {x.Fading.ToString().ToLowerInvariant()} block fading, "
            + $"D1 runs all six methods, D2 runs {string.Join(", ", p.D2Methods)} (parameters.d2Methods; (B') and (D) are studied on D1), "
            + $"mean gains spread over {F(x.GainSpreadDb)} dB, theta = {F(x.ThresholdFactor)}·mean(beta), client sampling {F(x.SamplingFraction)}, {seeds} seeds per point "
            + "(common random numbers: every method and point of a seed shares data, partition, batches and fading; paired differences are per seed; "
            + $"intervals are Student-t 95 % intervals over the {seeds} seeds). "
            + $"Downlink: the model difference is broadcast with P1; every {x.ResyncEvery} rounds the full model is re-sent digitally "
            + "(experiment.resyncEvery, our choice, not the spec's default 0): without it the workers' copies drift as a zero-mean random walk and the "
            + "resulting error floor breaks parity with (A) (finding of the library's claim tests). The resync and all scale floats are counted in "
            + "the symbol ledger of the methods with an analog downlink ((A)'s digital downlink needs no resync and is not charged); truncated workers' reserved uplink slots are charged. Symbols per worker = uplink symbols of the worker's link + downlink broadcast symbols, payload and side information.");

        var claims = new ClaimsTable("claims", "Claims (toolkit targets, not paper numbers) and whether they held in this run")
        {
            Caption = $"Verdicts are decided by intervals: 95 % Student-t intervals over {seeds} seeds for learning quantities (paired where methods "
                + "share a seed), mean ± 4 SE over channel draws for the unbiasedness checks. Held: the interval lies on the claimed side; not held: "
                + "on the other side; inconclusive: it straddles the threshold.",
        };
        var found = new List<Claim>();
        MainCurves(p, results, report);
        TargetFigure(p, results, report, found);
        AdaptiveBaselines(p, results, report, found);
        ParityTable(p, results, report, found);
        ChannelFigure(p, results, report, found);
        BudgetFigure(p, results, report, found);
        BitsFigure(p, results, report, found);
        StepFigure(p, results, report, found);
        RateFigure(p, results, report, found);
        // the table lists the claims in the spec's order, whatever order the figures were drawn in
        foreach (var c in found.OrderBy(c => ClaimOrder.IndexOf(c.Id)))
            claims.Add(c.Id, c.Statement, c.Verdict, c.Evidence, c.Source);
        report.AddClaims(claims);
    }

    // ---------------------------------------------------------------- curves vs round and vs channel uses

    private static PointResult? MainPoint(OtaFlParameters p, RunResults r, string dataSet)
    {
        var pts = Study(r, OtaFlStudy.Main).Where(x => Data(x) == dataSet).ToList();
        return pts.OrderBy(x => Math.Abs(C(x, "snrDb") - p.Experiment.SnrDb)).FirstOrDefault();
    }

    private static void MainCurves(OtaFlParameters p, RunResults results, ReportBuilder report)
    {
        var byRound = new List<Figure>();
        var bySymbols = new List<Figure>();
        foreach (string ds in new[] { "d1", "d2" })
        {
            var pt = MainPoint(p, results, ds);
            if (pt == null) continue;
            string where = $"{ds.ToUpperInvariant()}, {F(C(pt, "snrDb"))} dB";
            foreach (var (what, yLabel) in new[] { ("loss", "training loss F(x_t)"), ("acc", "test accuracy") })
            {
                var sr = new List<Series>();
                var ss = new List<Series>();
                // (E) is last in MethodLabels, so it is drawn on top, as open-circle markers without a line: where it coincides
                // with (A) or (B), their line and filled markers show inside and between its rings (as a dashed line it vanished
                // behind (A)'s markers; as a line with markers it covered (A)'s line)
                for (int j = 0; j < MethodLabels.Length; j++)
                {
                    var (id, label) = MethodLabels[j];
                    var c = pt.Curve($"{what}.{id}");
                    if (c == null) continue;
                    sr.Add(new Series
                    {
                        Label = label, X = c.X(), Y = c.Means(),
                        BandLow = c.Values.Select(v => v.CiLow).ToArray(), BandHigh = c.Values.Select(v => v.CiHigh).ToArray(),
                        Style = id == "E" ? SeriesStyle.Markers : SeriesStyle.LineMarkers, ColorIndex = j,
                    });
                    if (id == "E") continue;   // no channel, no symbols
                    var sym = pt.Curve($"sym.{id}");
                    if (sym == null) continue;
                    var xs = new List<double>();
                    var ys = new List<double>();
                    for (int i = 0; i < c.Count; i++)
                        if (sym.At(c.Steps[i]) is { Mean: > 0 } s) { xs.Add(s.Mean); ys.Add(c.Values[i].Mean); }
                    ss.Add(new Series { Label = label, X = [.. xs], Y = [.. ys], ColorIndex = j });
                }
                byRound.Add(new Figure { Id = $"{what}-round-{ds}", Title = $"{yLabel} vs round ({where})", XLabel = "round t", YLabel = yLabel, Series = sr });
                bySymbols.Add(new Figure
                {
                    Id = $"{what}-symbols-{ds}", Title = $"{yLabel} vs cumulative channel uses ({where})", XLabel = "cumulative real channel uses per worker link",
                    YLabel = yLabel, Series = ss, LogX = true,
                });
            }
        }
        if (byRound.Count == 0) return;
        report.AddPanels(new PanelFigure
        {
            Id = "curves-vs-round", Title = "Training loss and test accuracy vs round (mean over seeds, 95 % CI bands)", Panels = byRound, Columns = 2,
            Caption = "Claim 4 at the figure's SNR (see the parity table for every SNR): (B) should track (A) and (E). "
                + "(E) is the noiseless reference with the same batches, drawn last as open circles without a line, so the methods it coincides with stay visible inside them. "
                + "Curves are means over seeds; bands are 95 % confidence intervals of the mean.",
        });
        report.AddPanels(new PanelFigure
        {
            Id = "curves-vs-symbols", Title = "Training loss and test accuracy vs cumulative channel uses per worker link", Panels = bySymbols, Columns = 2,
            Caption = "The same runs against the symbol ledger (payload, scale floats and digital resyncs; log x). (A) spends 64 uses per coordinate per "
                + "link; the analog methods k; the adaptive digital (A~) n_j uses per packet transmission (retransmissions included). (E) has no channel and is omitted.",
        });
    }

    // ---------------------------------------------------------------- claim 4 (headline): symbols to reach a target accuracy

    private static void TargetFigure(OtaFlParameters p, RunResults results, ReportBuilder report, List<Claim> claims)
    {
        var main = Study(results, OtaFlStudy.Main).OrderBy(x => Data(x)).ThenBy(x => C(x, "snrDb")).ToList();
        var panels = new List<Figure>();
        var rows = new List<IReadOnlyList<string>>();
        var verdicts = new List<Verdict>();
        var evidence = new List<string>();
        foreach (string ds in new[] { "d1", "d2" })
        {
            var pts = main.Where(x => Data(x) == ds).ToList();
            if (pts.Count == 0) continue;
            foreach (var (key, q) in OtaFlRun.Targets)
            {
                var series = new List<Series>();
                for (int j = 1; j < MethodLabels.Length; j++)
                {
                    var (id, label) = MethodLabels[j];
                    var have = pts.Where(x => x.Get($"symRatio.{key}.{id}") != null).ToList();
                    if (have.Count == 0) continue;
                    var cis = have.Select(x => Ci(x, $"symRatio.{key}.{id}")).ToArray();
                    series.Add(new Series
                    {
                        Label = label, X = have.Select(x => C(x, "snrDb")).ToArray(), Y = cis.Select(c => c.Estimate).ToArray(),
                        YError = cis.Select(c => c.IsDefined ? c.HalfWidth : 0).ToArray(), ColorIndex = j,
                    });
                }
                var snrs = pts.Select(x => C(x, "snrDb")).ToArray();
                series.Add(new Series { Label = "25 % of (A)'s symbols", X = [snrs.Min(), snrs.Max()], Y = [0.25, 0.25], Style = SeriesStyle.DashedLine, ColorIndex = 7 });
                series.Add(new Series { Label = "parity with (A)", X = [snrs.Min(), snrs.Max()], Y = [1, 1], Style = SeriesStyle.Line, ColorIndex = 0 });
                panels.Add(new Figure
                {
                    Id = $"target-{ds}-{key}", Title = $"{ds.ToUpperInvariant()}: symbols to reach {Fmt.F(100 * q, "0")} % of (A)'s plateau, relative to (A)",
                    XLabel = "SNR (dB)", YLabel = "symbols(X) / symbols(A), paired", Series = series, LogY = true,
                });
                foreach (var pt in pts)
                {
                    var ci = Ci(pt, $"symRatio.{key}.B");
                    var reached = pt.Get($"reached.{key}.B");
                    if (reached == null) continue;
                    bool censored = reached.Mean < 1;
                    // the ratio of a seed in which (B) never reached the target is a lower bound: it can refute, not confirm
                    var v = Verdicts.AtMost(ci, 0.25);
                    if (censored && v == Verdict.Held) v = Verdict.Inconclusive;
                    if (C(pt, "snrDb") >= 0) { verdicts.Add(v); evidence.Add($"{ds.ToUpperInvariant()} {F(C(pt, "snrDb"))} dB, {key}: {Fmt.Ci(ci, "0.00")}{(censored ? $" (reached in {Pct(reached.Mean)} of seeds)" : "")}"); }
                    rows.Add([DataName(ds), F(C(pt, "snrDb")), $"{Fmt.F(100 * q, "0")} % of {Pct(Mean(pt, "plateau.A"))}",
                        F(Mean(pt, $"round.{key}.A"), "0"), F(Mean(pt, $"round.{key}.B"), "0"), Pct(reached.Mean),
                        Fmt.G(Mean(pt, $"sym.{key}.A")), Fmt.G(Mean(pt, $"sym.{key}.B")), Fmt.G(Mean(pt, $"air.{key}.A")), Fmt.G(Mean(pt, $"air.{key}.B")),
                        Fmt.Ci(ci, "0.000"), C(pt, "snrDb") >= 0 ? v.Text() : v.Text() + " (below SNR 0 dB)"]);
                }
            }
        }
        var verdict = verdicts.Count == 0 ? Verdict.NotEvaluated : Verdicts.All([.. verdicts]);
        claims.Add(new Claim("4", "headline: (B) reaches 95 % and 99 % of (A)'s plateau accuracy with ≤ 25 % of (A)'s symbols per worker link (paired 95 % CI of the per-seed ratio below 0.25) at every SNR ≥ 0 dB",
            verdict, string.Join("; ", evidence) + ". Baseline (A): float32 at rate 1/2, 64 channel uses per coordinate at every SNR, error-free (the spec's fixed digital baseline; claims 4a/4b compare with the SNR-adaptive digital baselines)",
            "paper abstract (\"same accuracy with 20 % of the symbols\")"));
        if (panels.Count == 0) return;
        report.AddPanels(new PanelFigure
        {
            Id = "symbols-to-target", Title = "Symbols to reach a target accuracy, relative to (A) in the same seed (mean and 95 % CI over seeds)", Panels = panels, Columns = 2,
            Caption = $"The headline (claim 4: {verdict.Text()}). Per seed, (A)'s plateau is its mean test accuracy over the last quarter of the rounds; each "
                + "method's cost is the cumulative channel uses per worker link (uplink slots of its link, truncated ones included, plus the broadcast, "
                + "scale floats and analog-downlink resyncs) until its test accuracy first reaches the target, evaluated every round. A seed in which a "
                + "method never reaches the target counts its total symbols at T (a lower bound). Baseline (A) is the spec's fixed float32 at 0.5 bit per "
                + "channel use at every SNR, error-free; the (A~) curves are the SNR-adaptive digital baselines relative to it (claims 4a/4b compare (B) with them directly).",
        });
        report.AddTable(new Table
        {
            Id = "symbols-to-target-table", Title = "Claim 4: rounds, symbols and airtime to reach the target accuracy, (A) vs (B)",
            Columns = ["data", "SNR (dB)", "target", "round (A)", "round (B)", "(B) reached", "symbols (A)", "symbols (B)", "airtime (A)", "airtime (B)", "symbols (B)/(A), paired, 95 % CI", "claim 4"],
            Rows = rows,
            Caption = "Means over seeds (rounds, symbols and airtime over the seeds that reached the target). Airtime counts every channel use of the shared "
                + "medium per round (all workers' orthogonal slots for (A), one shared block for the analog sum).",
        });
    }

    // ---------------------------------------------------------------- claims 4a/4b: (B) against the SNR-adaptive digital baselines

    private static void AdaptiveBaselines(OtaFlParameters p, RunResults results, ReportBuilder report, List<Claim> claims)
    {
        var x = p.Experiment;
        var ad = x.AdaptiveDigital;
        var main = Study(results, OtaFlStudy.Main).OrderBy(pt => Data(pt)).ThenBy(pt => C(pt, "snrDb")).ToList();
        var panels = new List<Figure>();
        var rows = new List<IReadOnlyList<string>>();
        string footing = "Footing: every digital baseline and (B) see the same amplitude gains h_m (same seed: same fading draws) and the same receiver "
            + "noise σ_c; the digital baselines transmit at average energy A² per real channel use, the most any analog symbol may carry (the analog "
            + "symbols are peak-limited at A, truncated-inversion workers often send less), so the power comparison favours the digital side. ";
        string design = $"(A~): each coordinate quantised with an unbiased {ad.QuantizerBits}-bit stochastic quantiser, one packet of d·{ad.QuantizerBits} + {ad.HeaderBits} bits "
            + $"per worker and round in orthogonal slots, MCS (BPSK 1/2 … 64-QAM 5/6) chosen per worker and round as the highest rate whose SNR threshold for BLER ≤ {F(ad.TargetBler)} "
            + $"is met (thresholds from the finite-blocklength normal approximation with a {F(ad.GapDb)} dB gap), block errors drawn at the BLER of the realised SNR, "
            + $"up to {ad.MaxRetransmissions} retransmissions (each charged); a packet lost after them drops that worker's update for the round (the server averages "
            + "the received updates). Downlink: the quantised model difference broadcast at the MCS of the weakest worker with the same ARQ; a worker that misses it "
            + "lags until the digital resync (charged). Variants: (A~) picks the MCS from the instantaneous SNR (perfect CSI), (A~m) from the link's mean SNR only. ";
        foreach (var (csi, id, _) in OtaFlRun.AdaptiveVariants)
        {
            if (!p.AdaptiveCsi.Contains(csi)) continue;
            string claimId = csi == "instantaneous" ? "4a" : "4b";
            string name = csi == "instantaneous" ? "(A~), instantaneous CSI" : "(A~m), mean-SNR CSI";
            var verdicts = new List<Verdict>();
            var evidence = new List<string>();
            foreach (var pt in main)
            {
                foreach (var (key, q) in OtaFlRun.Targets)
                {
                    string metric = $"symRatio.{key}.B.{id}";
                    if (pt.Get(metric) == null) continue;
                    var ci = Ci(pt, metric);
                    double reachedB = Mean(pt, $"reached.{key}.B"), reachedD = Mean(pt, $"reached.{key}.{id}");
                    var v = Verdicts.AtMost(ci, 0.25);
                    // a censored (B) makes the ratio a lower bound (cannot confirm), a censored baseline an upper bound (cannot refute)
                    if (reachedB < 1 && v == Verdict.Held) v = Verdict.Inconclusive;
                    if (reachedD < 1 && v == Verdict.NotHeld) v = Verdict.Inconclusive;
                    bool inClaim = C(pt, "snrDb") >= 0;
                    if (inClaim)
                    {
                        verdicts.Add(v);
                        evidence.Add($"{Data(pt).ToUpperInvariant()} {F(C(pt, "snrDb"))} dB, {key}: {Fmt.Ci(ci, "0.00")}");
                    }
                    rows.Add([name, DataName(Data(pt)), F(C(pt, "snrDb")), $"{Fmt.F(100 * q, "0")} %", Pct(reachedB), Pct(reachedD),
                        Fmt.G(Mean(pt, $"sym.{key}.B")), Fmt.G(Mean(pt, $"sym.{key}.{id}")), Fmt.Ci(ci, "0.000"),
                        F(Mean(pt, $"rate.up.{id}"), "0.00"), F(Mean(pt, $"retx.up.{id}"), "0.000"), Pct(Mean(pt, $"lost.up.{id}")),
                        inClaim ? v.Text() : v.Text() + " (below SNR 0 dB)"]);
                }
            }
            var verdict = verdicts.Count == 0 ? Verdict.NotEvaluated : Verdicts.All([.. verdicts]);
            claims.Add(new Claim(claimId, $"headline against the SNR-adaptive digital baseline {name}: (B) reaches 95 % and 99 % of (A)'s plateau accuracy with ≤ 25 % of the baseline's symbols to the same target (paired 95 % CI of the per-seed ratio below 0.25) at every SNR ≥ 0 dB",
                verdict, string.Join("; ", evidence), "paper abstract (\"20 % of the symbols\"); docs/ota-fl.md (adaptive digital baseline)"));
        }
        foreach (string ds in new[] { "d1", "d2" })
        {
            var pts = main.Where(pt => Data(pt) == ds).ToList();
            if (pts.Count == 0) continue;
            var series = new List<Series>();
            int color = 0;
            foreach (var (csi, id, _) in OtaFlRun.AdaptiveVariants)
                foreach (var (key, q) in OtaFlRun.Targets)
                {
                    var have = pts.Where(pt => pt.Get($"symRatio.{key}.B.{id}") != null).ToList();
                    if (have.Count > 0)
                    {
                        var cis = have.Select(pt => Ci(pt, $"symRatio.{key}.B.{id}")).ToArray();
                        series.Add(new Series
                        {
                            Label = $"(B) / {(csi == "instantaneous" ? "(A~)" : "(A~m)")}, {Fmt.F(100 * q, "0")} % target", X = have.Select(pt => C(pt, "snrDb")).ToArray(),
                            Y = cis.Select(c => c.Estimate).ToArray(), YError = cis.Select(c => c.IsDefined ? c.HalfWidth : 0).ToArray(), ColorIndex = color,
                            Style = key == "q95" ? SeriesStyle.LineMarkers : SeriesStyle.Markers,
                        });
                    }
                    color++;
                }
            if (series.Count == 0) continue;
            var snrs = pts.Select(pt => C(pt, "snrDb")).ToArray();
            series.Add(new Series { Label = "25 % of the baseline's symbols", X = [snrs.Min(), snrs.Max()], Y = [0.25, 0.25], Style = SeriesStyle.DashedLine, ColorIndex = 7 });
            series.Add(new Series { Label = "parity with the baseline", X = [snrs.Min(), snrs.Max()], Y = [1, 1], Style = SeriesStyle.Line, ColorIndex = 6 });
            panels.Add(new Figure
            {
                Id = $"adaptive-{ds}", Title = $"{ds.ToUpperInvariant()}: symbols(B) / symbols(A~) to the target", XLabel = "SNR (dB)",
                YLabel = "symbols(B) / symbols(A~), paired", Series = series, LogY = true,
            });
        }
        if (panels.Count == 0) return;
        report.AddPanels(new PanelFigure
        {
            Id = "symbols-vs-adaptive-digital", Title = "Symbols to reach a target accuracy: (B) relative to the SNR-adaptive digital baselines (mean and 95 % CI over seeds)",
            Panels = panels, Columns = 2,
            Caption = "Claims 4a/4b. Per seed, the targets are 95 % and 99 % of the fixed digital (A)'s plateau (as in claim 4); each method's cost is its cumulative "
                + "channel uses per worker link until its test accuracy first reaches the target, retransmissions and header bits included. " + footing + design,
        });
        report.AddTable(new Table
        {
            Id = "adaptive-digital-table", Title = "Claims 4a/4b: (B) against each SNR-adaptive digital baseline",
            Columns = ["baseline", "data", "SNR (dB)", "target", "(B) reached", "baseline reached", "symbols (B)", "symbols (baseline)", "symbols (B)/(baseline), paired, 95 % CI",
                "uplink bits per real use", "retransmissions per packet", "uplink updates dropped (outage or lost)", "verdict"],
            Rows = rows,
            Caption = "Means over seeds (symbols over the seeds that reached the target). A seed in which (B) misses the target makes its ratio a lower bound (a "
                + "'held' becomes inconclusive), one in which the baseline misses it an upper bound (a 'not held' becomes inconclusive). Uplink bits per real use "
                + "is the mean information rate of the MCS the workers' packets used (0.5 = the fixed baseline's rate). " + footing,
        });
    }

    // ---------------------------------------------------------------- claim 4: parity table

    private static List<(PointResult Pt, Verdict Verdict)> ParityRows(RunResults results)
    {
        var rows = new List<(PointResult, Verdict)>();
        foreach (var pt in Study(results, OtaFlStudy.Main))
        {
            if (pt.Get("diff.acc.B-A") == null) continue;
            double ratio = Mean(pt, "final.payload.B") / Mean(pt, "final.payload.A");
            // the accuracy gap is decided by its paired interval; the payload ratio is ledger arithmetic (a check)
            rows.Add((pt, Verdicts.All(Verdicts.Within(Ci(pt, "diff.acc.B-A"), -ParityBand, ParityBand), Verdicts.FromCheck(ratio <= 0.25))));
        }
        return rows;
    }

    private static void ParityTable(OtaFlParameters p, RunResults results, ReportBuilder report, List<Claim> claims)
    {
        var rows = new List<IReadOnlyList<string>>();
        var all = ParityRows(results);
        foreach (var (pt, verdict) in all)
        {
            rows.Add([DataName(Data(pt)), F(C(pt, "snrDb")), Pct(Mean(pt, "final.acc.A")), Pct(Mean(pt, "final.acc.B")),
                PpCi(Ci(pt, "diff.acc.B-A")), Pct(Mean(pt, "final.payload.B") / Mean(pt, "final.payload.A")),
                Pct(Mean(pt, "final.sym.B") / Mean(pt, "final.sym.A")), Pct(Mean(pt, "final.acc.C")), Pct(Mean(pt, "final.acc.E")),
                C(pt, "snrDb") >= 0 ? verdict.Text() : verdict.Text() + " (below the claim's SNR ≥ 0 dB)"]);
        }
        report.AddTable(new Table
        {
            Id = "parity", Title = "Claim 4'': final test accuracy of (B) vs (A) and the per-round symbol cost (secondary)",
            Columns = ["data", "SNR (dB)", "acc (A)", "acc (B)", "(B) − (A), paired, 95 % CI", "payload symbols (B)/(A)", "all symbols (B)/(A)", "acc (C)", "acc (E)", "claim 4''"],
            Rows = rows,
            Caption = $"Secondary view (the headline is symbols to reach a target accuracy, claim 4): at SNR ≥ 0 dB with k = {p.Experiment.Repetitions}, "
                + "held when the paired 95 % interval of acc(B) − acc(A) at T lies inside ±1.5 pp and (B)'s payload per round is ≤ 25 % of (A)'s. "
                + "Both have plateaued long before T, so this compares plateaus, not costs to get there. 'All symbols' adds the scale floats and the digital resyncs.",
        });
        var held = all.Where(r => C(r.Pt, "snrDb") >= 0).ToList();
        var v = held.Count == 0 ? Verdict.NotEvaluated : Verdicts.All([.. held.Select(r => r.Verdict)]);
        string measured = string.Join("; ", held.Select(r =>
            $"{Data(r.Pt).ToUpperInvariant()} {F(C(r.Pt, "snrDb"))} dB: {PpCi(Ci(r.Pt, "diff.acc.B-A"))} at {Pct(Mean(r.Pt, "final.payload.B") / Mean(r.Pt, "final.payload.A"))} payload per round"));
        claims.Add(new Claim("4''", "final accuracy parity (secondary): acc(B) − acc(A) at T within ±1.5 pp (paired 95 % CI) at SNR ≥ 0 dB, payload per round ≤ 25 % of (A)'s", v, measured, "paper abstract; docs/ota-fl.md"));
    }
    // ---------------------------------------------------------------- claims 1-3: channel bias and variance

    private static void ChannelFigure(OtaFlParameters p, RunResults results, ReportBuilder report, List<Claim> claims)
    {
        var pts = Study(results, OtaFlStudy.Channel).ToList();
        if (pts.Count == 0) return;
        const double v = 0.5;
        int vi = Array.IndexOf(OtaFlRun.LinkValues, v);
        double lo = p.ChannelSnrDb.Min(), hi = p.ChannelSnrDb.Max();
        var grid = Enumerable.Range(0, 121).Select(i => lo + (hi - lo) * i / 120.0).ToArray();
        var bias = new List<Series>();
        var variance = new List<Series>();
        var mse = new List<Series>();
        var upBias = new List<Series>();
        int color = 0;
        foreach (int bits in p.ChannelAdcBits)
        {
            int k0 = p.ChannelRepetitions[0];
            var mine = pts.Where(x => C(x, "adcBits") == bits && C(x, "k") == k0).OrderBy(x => C(x, "snrDb")).ToList();
            var snr = mine.Select(x => C(x, "snrDb")).ToArray();
            LinkHardware Hw(double s) => OtaFlRun.LinkHardwareFor(p.Experiment, bits, AwgnNoise.NoiseStdFromSnrDb(s, 1, 1));
            var p1 = new BinaryStochasticCoder(1);
            var naive = new NaiveAmplitudeCoder(1);
            foreach (var (coder, name, analyticBias) in new (ILinkCoder, string, bool)[] { (p1, "p1", false), (naive, "naive", true) })
            {
                string label = $"{(name == "p1" ? "P1 (exact)" : "naive")}, {bits}-bit ADC";
                var sums = mine.Select(x => x.Curve($"link.{name}.vhat")?.At(vi)).ToArray();
                bias.Add(new Series
                {
                    Label = label + ", simulated", X = snr, Y = sums.Select(m => m == null ? double.NaN : m.Mean - v).ToArray(),
                    YError = sums.Select(m => m == null ? 0 : Z95 * m.StdError).ToArray(), Style = SeriesStyle.Markers, ColorIndex = color,
                });
                bias.Add(new Series
                {
                    Label = label + ", closed form", X = grid, Y = grid.Select(s => coder.Mean(v, 1, Hw(s)) - v).ToArray(),
                    Style = SeriesStyle.Line, ColorIndex = color,
                });
                variance.Add(new Series
                {
                    Label = label + ", simulated", X = snr, Y = sums.Select(m => m == null ? double.NaN : m.StdError * m.StdError * m.Count).ToArray(),
                    Style = SeriesStyle.Markers, ColorIndex = color,
                });
                variance.Add(new Series { Label = label + ", closed form", X = grid, Y = grid.Select(s => coder.Variance(v, 1, Hw(s))).ToArray(), Style = SeriesStyle.Line, ColorIndex = color });
                color++;
            }
            for (int a = 0; a < OtaFlRun.UplinkVariants.Length; a++)
            {
                string name = OtaFlRun.UplinkVariants[a];
                string label = name switch { "p1" => "OTA P1 + dithered ADC", "naive" => "OTA naive + deterministic ADC", _ => "OTA P1 without 1/p_m" } + $", {bits}-bit, k = {k0}";
                var sq = mine.Select(x => x.Get($"uplink.{name}.sqerr")).ToArray();
                mse.Add(new Series
                {
                    Label = label, X = snr, Y = sq.Select(m => m?.Mean ?? double.NaN).ToArray(), YError = sq.Select(m => m == null ? 0 : Z95 * m.StdError).ToArray(),
                    Style = SeriesStyle.Markers, ColorIndex = 4 + a + 3 * (bits == p.ChannelAdcBits[0] ? 0 : 1),
                });
                upBias.Add(new Series
                {
                    Label = label, X = snr, Y = mine.Select(x => WorstBias(x, name).Bias).ToArray(), Style = SeriesStyle.LineMarkers,
                    ColorIndex = 4 + a + 3 * (bits == p.ChannelAdcBits[0] ? 0 : 1),
                });
                if (name == "p1")
                {
                    mse.Add(new Series { Label = $"V_ch bound (UplinkReport), {bits}-bit, k = {k0}", X = snr, Y = mine.Select(x => Mean(x, "uplink.p1.vchBound")).ToArray(), Style = SeriesStyle.DashedLine, ColorIndex = 4 + 3 * (bits == p.ChannelAdcBits[0] ? 0 : 1) });
                    upBias.Add(new Series { Label = $"P1 |bias| + 4 SE allowance, {bits}-bit, k = {k0}", X = snr, Y = mine.Select(x => WorstBias(x, "p1").Allowance).ToArray(), Style = SeriesStyle.DashedLine, ColorIndex = 4 + 3 * (bits == p.ChannelAdcBits[0] ? 0 : 1) });
                }
            }
            // the other repetition counts: the exact P1 sum and its bound only (colours 0-3 are free in the uplink panels)
            foreach (int kk in p.ChannelRepetitions.Skip(1))
            {
                var more = pts.Where(x => C(x, "adcBits") == bits && C(x, "k") == kk).OrderBy(x => C(x, "snrDb")).ToList();
                var snrK = more.Select(x => C(x, "snrDb")).ToArray();
                var sqK = more.Select(x => x.Get("uplink.p1.sqerr")).ToArray();
                int col = (Array.IndexOf(p.ChannelRepetitions, kk) - 1) * 2 + (bits == p.ChannelAdcBits[0] ? 0 : 1);
                mse.Add(new Series
                {
                    Label = $"OTA P1 + dithered ADC, {bits}-bit, k = {kk}", X = snrK, Y = sqK.Select(m => m?.Mean ?? double.NaN).ToArray(),
                    YError = sqK.Select(m => m == null ? 0 : Z95 * m.StdError).ToArray(), Style = SeriesStyle.Markers, ColorIndex = col,
                });
                mse.Add(new Series { Label = $"V_ch bound (UplinkReport), {bits}-bit, k = {kk}", X = snrK, Y = more.Select(x => Mean(x, "uplink.p1.vchBound")).ToArray(), Style = SeriesStyle.DashedLine, ColorIndex = col });
                upBias.Add(new Series { Label = $"OTA P1 + dithered ADC, {bits}-bit, k = {kk}", X = snrK, Y = more.Select(x => WorstBias(x, "p1").Bias).ToArray(), Style = SeriesStyle.LineMarkers, ColorIndex = col });
            }
        }

        // claim 1: P1 unbiased — every (v, SNR, bits) interval mean ± 4 SE contains v; naive at 1 bit and the lowest SNR: every v ≠ 0
        // has a 95 % interval that excludes v (biased).
        int total = 0, within = 0;
        double worstZ = 0;
        foreach (var pt in pts)
        {
            var curve = pt.Curve("link.p1.vhat");
            for (int i = 0; i < OtaFlRun.LinkValues.Length; i++)
            {
                double val = OtaFlRun.LinkValues[i];
                var m = curve?.At(i);
                if (m == null) continue;
                total++;
                // the standard error: the larger of the sample one and the closed-form sqrt(Var / n) (rare flips at high SNR can leave
                // the sample SE at 0 while the mean sits 1/kappa - 1 above v)
                var hw1 = OtaFlRun.LinkHardwareFor(p.Experiment, (int)C(pt, "adcBits"), AwgnNoise.NoiseStdFromSnrDb(C(pt, "snrDb"), 1, 1));
                double se = Math.Max(m.StdError, Math.Sqrt(new BinaryStochasticCoder(1).Variance(val, 1, hw1) / m.Count));
                var ci = ZInterval(m.Mean, se, UnbiasedZ, (long)m.Count);
                worstZ = Math.Max(worstZ, se > 0 ? Math.Abs(m.Mean - val) / se : 0);
                if (ci.Contains(val)) within++;
            }
        }
        var lowOneBit = pts.Where(x => C(x, "adcBits") == 1 && x.Curve("link.naive.vhat") != null).OrderBy(x => C(x, "snrDb")).FirstOrDefault();
        double naiveZ = lowOneBit != null ? NaiveWorstZ(lowOneBit) : double.NaN;
        var p1Verdict = total == 0 ? Verdict.NotEvaluated : Verdicts.FromCheck(within == total);
        // naive: the smallest |bias|/SE over v ≠ 0 above the 95 % quantile means every interval excludes v
        var naiveVerdict = lowOneBit == null ? Verdict.Held : double.IsNaN(naiveZ) ? Verdict.Inconclusive : naiveZ > Z95 ? Verdict.Held : Verdict.Inconclusive;
        var c1 = Verdicts.All(p1Verdict, naiveVerdict);
        claims.Add(new Claim("1", $"P1 exactly unbiased: v ∈ mean ± 4 SE for v ∈ {{−0.9, −0.3, 0, 0.5, 1}}, every SNR and ADC; naive at 1 bit, {F(lowOneBit == null ? double.NaN : C(lowOneBit, "snrDb"))} dB: biased (95 % interval excludes v for every v ≠ 0)",
            c1, $"P1: v inside the interval in {within}/{total} cases (worst |mean − v| = {F(worstZ, "0.0")} SE); naive: smallest |bias|/SE over v ≠ 0 = {F(naiveZ, "0.0")}", "docs/ota-fl.md, P1 pre/post-coder"));

        // claim 2: P1 variance within 5 % of the closed form (a tolerance test on a sample variance: a check)
        int vTotal = 0, vWithin = 0;
        double worstRel = 0;
        foreach (var pt in pts)
        {
            var hw = OtaFlRun.LinkHardwareFor(p.Experiment, (int)C(pt, "adcBits"), AwgnNoise.NoiseStdFromSnrDb(C(pt, "snrDb"), 1, 1));
            var curve = pt.Curve("link.p1.vhat");
            for (int i = 0; i < OtaFlRun.LinkValues.Length; i++)
            {
                double val = OtaFlRun.LinkValues[i];
                var m = curve?.At(i);
                double an = new BinaryStochasticCoder(1).Variance(val, 1, hw);
                if (m == null || !(an > 0)) continue;
                vTotal++;
                double rel = Math.Abs(m.StdError * m.StdError * m.Count / an - 1);
                // Tolerance: 5 % (spec), widened to 4 relative standard errors of a sample variance where flips are rare.
                // For a two-point output (exact for the 1-bit ADC) with minority probability q: pq = q(1-q) = Var / (4 (Var + v^2))
                // and the relative SE of the sample variance is sqrt((1 - 6 pq) / (n pq)) (derived).
                double pq = an / (4 * (an + val * val));
                double tol = Math.Max(0.05, 4 * Math.Sqrt(Math.Max(0, 1 - 6 * pq) / (m.Count * pq)));
                worstRel = Math.Max(worstRel, rel / tol * 0.05);
                if (rel <= tol) vWithin++;
            }
        }
        double nDraws = pts.Select(x => x.Curve("link.p1.vhat")?.At(vi)?.Count ?? double.NaN).FirstOrDefault(double.IsFinite, double.NaN);
        var c2 = vTotal == 0 ? Verdict.NotEvaluated : Verdicts.FromCheck(vWithin == vTotal);
        claims.Add(new Claim("2", "variance law: P1 empirical Var(v_hat) within 5 % of (E[Q²]/κ² − v²)/k, or within 4 relative SEs of a sample variance where flips are rare (k = 1 here; the 1/k law is exact by construction and tested in the library)",
            c2, $"{vWithin}/{vTotal} within tolerance (worst deviation = {F(worstRel / 0.05, "0.00")} × its tolerance; {F(nDraws, "0")} draws per point)", "docs/ota-fl.md"));

        // claim 3: uplink OTA unbiased up to the overload bound; MSE vs the V_ch bound (its 95 % interval); without 1/p_m biased
        int uTotal = 0, uWithin = 0, noIpwBiased = 0, highSnr = 0;
        var mseVerdicts = new List<Verdict>();
        var mseMiss = new List<string>();
        foreach (var pt in pts)
        {
            var (b, allowance, _) = WorstBias(pt, "p1");
            if (!double.IsFinite(b)) continue;
            uTotal++;
            if (b <= allowance) uWithin++;
            var sq = pt.Get("uplink.p1.sqerr");
            double bound = Mean(pt, "uplink.p1.vchBound");
            if (sq != null)
            {
                var mv = Verdicts.AtMost(Intervals.FromSummary(sq), bound);
                mseVerdicts.Add(mv);
                if (mv != Verdict.Held) mseMiss.Add($"{F(C(pt, "adcBits"))} bit {F(C(pt, "snrDb"))} dB: ×{F(sq.Mean / bound, "0.00")} ({mv.Text()})");
            }
            if (C(pt, "snrDb") >= 10)
            {
                highSnr++;
                if (WorstBias(pt, "noipw").Z > UnbiasedZ) noIpwBiased++;
            }
        }
        var c3a = uTotal == 0 ? Verdict.NotEvaluated : Verdicts.FromCheck(uWithin == uTotal);
        var c3b = mseVerdicts.Count == 0 ? Verdict.NotEvaluated : Verdicts.All([.. mseVerdicts]);
        var c3c = highSnr == 0 ? Verdict.NotEvaluated : noIpwBiased == highSnr ? Verdict.Held : Verdict.Inconclusive;
        var c3 = Verdicts.All(c3a, c3b, c3c);
        string c3Measured = $"P1 bias interval (± 4 SE) reaches the overload bound at {uWithin}/{uTotal} points ({c3a.Text()}); MSE ≤ V_ch bound (95 % CI): {c3b.Text()}"
            + (mseMiss.Count > 0 ? $" ({string.Join(", ", mseMiss)})" : "") + $"; without 1/p_m biased by > 4 SE at {noIpwBiased}/{highSnr} points with SNR ≥ 10 dB ({c3c.Text()})";
        claims.Add(new Claim("3", $"uplink OTA aggregation (k ∈ {{{string.Join(", ", p.ChannelRepetitions)}}}): P1 + dithered sum ADC unbiased up to the overload bound (± 4 SE); MSE ≤ the UplinkReport V_ch bound (95 % CI below it); without 1/p_m biased (> 4 SE) at SNR ≥ 10 dB",
            c3, c3Measured, "docs/ota-fl.md, truncated inversion"));

        string c1Text = $"claim 1 {c1.Text()} (P1 within 4 SE in {within}/{total} cases; naive at 1 bit, lowest SNR: {F(naiveZ, "0.0")} SE)";
        report.AddPanels(new PanelFigure
        {
            Id = "bias-variance-vs-snr", Title = "Bias and variance of the received gradient vs SNR: simulation (markers) on the closed forms (lines)", Columns = 2,
            Panels =
            [
                new Figure { Id = "link-bias", Title = $"point-to-point link: bias E[v_hat] − v at v = {F(v)}, k = 1, h = 1", XLabel = "SNR (dB)", YLabel = "bias of v_hat", Series = bias },
                new Figure { Id = "link-variance", Title = $"point-to-point link: Var(v_hat) at v = {F(v)}, k = 1", XLabel = "SNR (dB)", YLabel = "variance of v_hat", Series = variance, LogY = true },
                new Figure { Id = "uplink-mse", Title = $"uplink over the air (M = {p.Experiment.Workers}, Rayleigh, k = {string.Join(", ", p.ChannelRepetitions)}): E||g_hat − mean u||²", XLabel = "average SNR (dB)", YLabel = "MSE (sum over coordinates)", Series = mse, LogY = true },
                new Figure { Id = "uplink-bias", Title = "uplink over the air: worst-coordinate |E[g_hat] − mean u|", XLabel = "average SNR (dB)", YLabel = "|bias| (largest over coordinates)", Series = upBias, LogY = true },
            ],
            Caption = $"Checks spec claims 1–3. {c1Text}; claim 2 {c2.Text()} ({vWithin}/{vTotal} variances within 5 % of the closed form); "
                + $"claim 3 {c3.Text()} ({c3Measured}). V_ch (dashed) is the UplinkReport bound: the "
                + "participation/fading variance, which the k repetitions do not average (the fading is constant over them), plus (σ² + Δ²/4)/k, Δ²/4 being "
                + "the largest variance of the dithered ADC error; the simulated MSE must lie below it at every k and bit width. "
                + "The simulated P1 bias is zero within its error bars; the naive coder follows its closed-form bias. In the uplink panels the P1 |bias| sits "
                + "at the Monte Carlo noise level (dashed: the 4 SE allowance), while the naive sum and the unweighted truncation show a real bias.",
        });
    }

    private static double NaiveWorstZ(PointResult pt)
    {
        double best = double.PositiveInfinity;
        for (int i = 0; i < OtaFlRun.LinkValues.Length; i++)
        {
            double val = OtaFlRun.LinkValues[i];
            if (val == 0) continue;
            var m = pt.Curve("link.naive.vhat")?.At(i);
            if (m == null || !(m.StdError > 0)) continue;
            best = Math.Min(best, Math.Abs(m.Mean - val) / m.StdError);
        }
        return double.IsPositiveInfinity(best) ? double.NaN : best;
    }

    /// <summary>Largest |mean error| over the uplink coordinates, the P1 allowance (overload bound + 4 SE) there, and the largest |bias|/SE.</summary>
    private static (double Bias, double Allowance, double Z) WorstBias(PointResult pt, string variant)
    {
        double worst = double.NaN, allowance = double.NaN, z = 0;
        double bound = Mean(pt, $"uplink.{variant}.biasBound");
        if (!double.IsFinite(bound)) bound = 0;
        for (int i = 0; i < OtaFlRun.UplinkCoordinates; i++)
        {
            var m = pt.Curve($"uplink.{variant}.err")?.At(i);
            if (m == null) continue;
            double b = Math.Abs(m.Mean);
            if (!(b <= worst)) { worst = b; allowance = bound + UnbiasedZ * m.StdError; }
            if (m.StdError > 0) z = Math.Max(z, b / m.StdError);
        }
        return (worst, allowance, z);
    }

    // ---------------------------------------------------------------- accuracy vs symbol budget (claim 4')

    private static void BudgetFigure(OtaFlParameters p, RunResults results, ReportBuilder report, List<Claim> claims)
    {
        var series = new List<Series>();
        var notes = new List<string>();
        int color = 0;
        foreach (string ds in new[] { "d1", "d2" })
        {
            var pt = MainPoint(p, results, ds);
            if (pt == null) continue;
            string dn = ds.ToUpperInvariant();
            foreach (string id in new[] { "A", "B" })
            {
                var acc = pt.Curve($"acc.{id}");
                var sym = pt.Curve($"sym.{id}");
                if (acc == null || sym == null) continue;
                var xs = new List<double>();
                var ys = new List<double>();
                for (int i = 0; i < acc.Count; i++)
                    if (sym.At(acc.Steps[i]) is { Mean: > 0 } s) { xs.Add(s.Mean); ys.Add(acc.Values[i].Mean); }
                series.Add(new Series
                {
                    Label = $"{dn} {F(C(pt, "snrDb"))} dB: {(id == "A" ? "(A) digital" : $"(B) OTA-P1, k = {p.Experiment.Repetitions}")}",
                    X = [.. xs], Y = [.. ys], ColorIndex = color++,
                    Style = id == "A" ? SeriesStyle.DashedLine : SeriesStyle.LineMarkers,
                });
            }
        }

        // k sweep (D1): final accuracy of (B) against its total symbols; (A) as a marker
        var ks = Study(results, OtaFlStudy.Repetitions).OrderBy(x => C(x, "k")).ToList();
        double fraction = double.NaN;
        int? kStar = null;
        bool anyInconclusive = false;
        if (ks.Count > 0)
        {
            series.Add(new Series
            {
                Label = "D1: (B) final accuracy at T, k sweep", X = ks.Select(x => Mean(x, "final.sym.B")).ToArray(), Y = ks.Select(x => Mean(x, "final.acc.B")).ToArray(),
                YError = ks.Select(x => Z95 * (x.Get("final.acc.B")?.StdError ?? 0)).ToArray(), Style = SeriesStyle.LineMarkers, ColorIndex = 6,
            });
            series.Add(new Series
            {
                Label = "D1: (A) final accuracy at T", X = [Mean(ks[0], "final.sym.A")], Y = [Mean(ks[0], "final.acc.A")],
                YError = [Z95 * (ks[0].Get("final.acc.A")?.StdError ?? 0)], Style = SeriesStyle.Markers, ColorIndex = 7,
            });
            foreach (var x in ks)
            {
                // "(B) not worse than (A) by more than 1.5 pp": the paired interval of acc(B) − acc(A) lies above −1.5 pp
                var v = Verdicts.AtLeast(Ci(x, "diff.acc.B-A"), -ParityBand);
                anyInconclusive |= v == Verdict.Inconclusive;
                if (v == Verdict.Held)
                {
                    kStar = (int)C(x, "k");
                    fraction = Mean(x, "final.sym.B") / Mean(x, "final.sym.A");
                    break;
                }
            }
            notes.Add(kStar is int k
                ? $"k sweep (D1, {F(p.Experiment.SnrDb)} dB): the smallest k whose (B) is within 1.5 pp of (A) by its paired 95 % interval is k = {k}, using {Pct(fraction)} of (A)'s symbols (payload only: {Pct(Mean(ks.First(x => (int)C(x, "k") == k), "final.payload.B") / Mean(ks[0], "final.payload.A"))})"
                : $"k sweep: no k of the grid brings (B) within 1.5 pp of (A) by its paired 95 % interval{(anyInconclusive ? " (some intervals straddle the band)" : "")}");
        }
        var verdict = ks.Count == 0 ? Verdict.NotEvaluated
            : kStar != null ? Verdicts.FromCheck(fraction <= 0.25)
            : anyInconclusive ? Verdict.Inconclusive : Verdict.NotHeld;
        claims.Add(new Claim("4'", "k sweep: the smallest k with acc(B) − acc(A) ≥ −1.5 pp (paired 95 % CI) uses ≤ 25 % of (A)'s symbols (final accuracy at T, secondary)",
            verdict, string.Join("; ", notes), "paper abstract (\"20 % of the symbols\")"));
        if (series.Count == 0) return;
        report.AddFigure(new Figure
        {
            Id = "accuracy-vs-symbols", Title = "Test accuracy vs symbol budget (cumulative channel uses per worker link)", XLabel = "channel uses per worker link",
            YLabel = "test accuracy", Series = series, LogX = true, Width = 900, Height = 560,
            Caption = $"Accuracy against the symbols spent so far (main sweep) and the final accuracy of the k sweep: claim 4' {verdict.Text()}. "
                + string.Join(". ", notes) + ". Symbols include the scale floats and the digital resyncs.",
        });
    }

    // ---------------------------------------------------------------- claim 5: bias hurts (ADC bits)

    private static void BitsFigure(OtaFlParameters p, RunResults results, ReportBuilder report, List<Claim> claims)
    {
        var pts = Study(results, OtaFlStudy.AdcBits).OrderBy(x => C(x, "adcBits")).ToList();
        var notes = new List<string>();
        var verdict = Verdict.NotEvaluated;
        foreach (var pt in pts)
        {
            if (pt.Get("diff.loss.C-B") == null) continue;
            var ci = Ci(pt, "diff.loss.C-B");
            var v = Verdicts.AtLeast(ci, 0);
            if (C(pt, "adcBits") == 1) verdict = v;
            notes.Add($"{F(C(pt, "adcBits"))} bit: (C) − (B) = {Fmt.Ci(ci, "0.0000")} ({v.Text()})");
        }
        claims.Add(new Claim("5", "bias hurts: with a 1-bit ADC, (C) ends with a higher training loss than (B) (paired 95 % CI of loss(C) − loss(B) above 0)",
            verdict, string.Join("; ", notes), "paper abstract (quantisation bias)"));
        if (pts.Count == 0) return;
        var series = new List<Series>();
        foreach (var (id, label, color) in new[] { ("B", "(B) OTA-P1, exact", 1), ("C", "(C) naive analog, biased", 3) })
            series.Add(new Series
            {
                Label = label, X = pts.Select(x => C(x, "adcBits")).ToArray(), Y = pts.Select(x => Mean(x, $"final.loss.{id}")).ToArray(),
                YError = pts.Select(x => Z95 * (x.Get($"final.loss.{id}")?.StdError ?? 0)).ToArray(), ColorIndex = color,
            });
        report.AddFigure(new Figure
        {
            Id = "loss-vs-adc-bits", Title = $"Final training loss vs ADC bits (D1, {F(p.Experiment.SnrDb)} dB, k = {p.Experiment.Repetitions}, T = {p.Experiment.Rounds})",
            XLabel = "ADC bits", YLabel = "final training loss", Series = series,
            Caption = $"Claim 5 (the biased naive coder ends worse at 1 bit): {verdict.Text()}. " + string.Join("; ", notes) + ". "
                + "With k repetitions the channel noise dithers the naive 1-bit sign, so its bias is mostly a scale factor that AdaGrad-Norm absorbs, "
                + "while the exact P1 sum pays a one-LSB dither over the whole ADC range; this is the mechanism found by the library's claim tests.",
        });
    }

    // ---------------------------------------------------------------- claim 6: step-size sensitivity

    private static void StepFigure(OtaFlParameters p, RunResults results, ReportBuilder report, List<Claim> claims)
    {
        var pts = Study(results, OtaFlStudy.StepSize).OrderBy(x => C(x, "eta")).ToList();
        if (pts.Count == 0) { claims.Add(new Claim("6", "adaptivity", Verdict.NotEvaluated, "")); return; }
        var lossB = pts.Select(x => Ci(x, "final.loss.B")).ToList();
        double spread = lossB.Max(c => c.Estimate) / lossB.Min(c => c.Estimate);
        // (B) part from the intervals: the largest upper end over the smallest lower end < 2 holds; the largest lower end over
        // the smallest upper end ≥ 2 does not; otherwise the intervals cannot decide.
        double spreadHigh = lossB.Max(c => c.High) / lossB.Min(c => c.Low), spreadLow = lossB.Max(c => c.Low) / lossB.Min(c => c.High);
        var a = lossB.Any(c => !c.IsDefined) ? Verdict.Inconclusive : lossB.Min(c => c.Low) > 0 && spreadHigh < 2 ? Verdict.Held : spreadLow >= 2 ? Verdict.NotHeld : Verdict.Inconclusive;
        double bestB = lossB.Min(c => c.Estimate);
        var extremes = new[] { pts[0], pts[^1] }.Distinct().ToList();
        var dNotes = new List<string>();
        var dVerdicts = new List<Verdict>();
        foreach (var x in extremes)
        {
            double div = Mean(x, "diverged.D");
            // a divergence in any seed is an exact event; otherwise "stalls" = the 95 % interval of (D)'s final loss lies above 2× the best (B) mean
            var v = div > 0 ? Verdict.Held : Verdicts.AtLeast(Ci(x, "final.loss.D"), 2 * bestB);
            dVerdicts.Add(v);
            dNotes.Add($"eta = {F(C(x, "eta"))}: (D) {(div > 0 ? $"diverged in {Pct(div)} of seeds" : $"final loss {Fmt.Ci(Ci(x, "final.loss.D"), "0.000")}")} ({v.Text()})");
        }
        var b = Verdicts.All([.. dVerdicts]);
        var verdict = Verdicts.All(a, b);
        string measured = $"(B) max/min of mean final loss = {F(spread, "0.00")} (interval range {F(spreadLow, "0.00")}–{F(spreadHigh, "0.00")}; {a.Text()}); " + string.Join("; ", dNotes);
        claims.Add(new Claim("6", "adaptivity: (B)'s final loss varies < 2× over the eta grid (95 % CIs); (D) diverges (any seed) or stalls (95 % CI of its loss above 2× the best (B)) at both extremes",
            verdict, measured, "paper abstract (adaptive step)"));
        var series = new List<Series>();
        foreach (var (id, label, color) in new[] { ("B", "(B) AdaGrad-Norm, corrected", 1), ("D", "(D) fixed step eta", 4) })
        {
            var ok = pts.Where(x => x.Get($"final.loss.{id}") != null).ToList();
            series.Add(new Series
            {
                Label = label, X = ok.Select(x => C(x, "eta")).ToArray(), Y = ok.Select(x => Mean(x, $"final.loss.{id}")).ToArray(),
                YError = ok.Select(x => Z95 * (x.Get($"final.loss.{id}")?.StdError ?? 0)).ToArray(), ColorIndex = color,
            });
        }
        report.AddFigure(new Figure
        {
            Id = "loss-vs-step-size", Title = $"Final training loss vs step numerator eta (D1, {F(p.Experiment.SnrDb)} dB, T = {p.Experiment.Rounds})", XLabel = "eta", YLabel = "final training loss",
            Series = series, LogX = true,
            Caption = $"Claim 6: {verdict.Text()}. {measured}"
                + ". Seeds where (D) diverged are left out of its mean (counted in diverged.D). At small eta a fixed step eta is larger than AdaGrad-Norm's eta/b_t, so (D) need not be worse there.",
        });
    }

    // ---------------------------------------------------------------- claim 7: rates and the corrected accumulator

    private static void RateFigure(OtaFlParameters p, RunResults results, ReportBuilder report, List<Claim> claims)
    {
        var pts = Study(results, OtaFlStudy.Rate).OrderBy(x => C(x, "batch")).ToList();
        int[] ts = OtaFlRun.RateHorizons(p.RateRounds);
        var series = new List<Series>();
        var slopes = new List<(double Batch, double K, double MeanCurveSlope, ConfidenceInterval PerSeed)>();
        int color = 0;
        foreach (var pt in pts)
        {
            var curve = pt.Curve("mingn.B");
            var y = ts.Select(t => curve?.At(t)?.Mean ?? double.NaN).ToArray();
            double s = OtaFlRun.LogLogSlope(ts, y);
            slopes.Add((C(pt, "batch"), C(pt, "k"), s, Ci(pt, "slope.B")));
            series.Add(new Series
            {
                Label = $"(B), batch {F(C(pt, "batch"))}, k = {F(C(pt, "k"))}: slope {F(s, "0.00")}", X = ts.Select(t => (double)t).ToArray(), Y = y,
                YError = ts.Select(t => Z95 * (curve?.At(t)?.StdError ?? 0)).ToArray(), ColorIndex = color,
            });
            if (double.IsFinite(y[0]) && y[0] > 0)
                foreach (double r in new[] { -0.5, -1.0 })
                    series.Add(new Series
                    {
                        Label = $"slope {F(r)} reference (batch {F(C(pt, "batch"))})", X = [ts[0], ts[^1]], Y = [y[0], y[0] * Math.Pow((double)ts[^1] / ts[0], r)],
                        Style = r == -0.5 ? SeriesStyle.DashedLine : SeriesStyle.Line, ColorIndex = color + 1,
                    });
            color += 2;
        }
        string slopeText = string.Join("; ", slopes.Select(s => $"batch {F(s.Batch)}, k {F(s.K)}: mean-curve slope {F(s.MeanCurveSlope, "0.00")}, per-seed {Fmt.Ci(s.PerSeed, "0.00")}"));
        var near = Verdict.NotEvaluated;
        var steeper = Verdict.NotEvaluated;
        if (slopes.Count >= 2)
        {
            near = Verdicts.Within(slopes[0].PerSeed, -0.7, -0.3);
            // steeper by > 0.3: the large-batch interval lies below the small-batch interval shifted by −0.3 (unpaired: the two
            // points share seeds but no per-seed difference is recorded, so this is conservative)
            var small = slopes[0].PerSeed;
            var large = slopes[^1].PerSeed;
            steeper = !small.IsDefined || !large.IsDefined ? Verdict.Inconclusive
                : large.High < small.Low - 0.3 ? Verdict.Held : large.Low >= small.High - 0.3 ? Verdict.NotHeld : Verdict.Inconclusive;
        }
        var rateVerdict = Verdicts.All(near, steeper);
        claims.Add(new Claim("7", "noise-adaptive rate: per-seed log-log slope of min_t ||∇F||² vs T: small batch within [−0.7, −0.3] (95 % CI); large batch steeper by > 0.3 (non-overlapping intervals)",
            rateVerdict, $"{slopeText} (small batch near −1/2: {near.Text()}; steeper: {steeper.Text()})", "paper abstract (near-optimal, noise-adaptive rates)"));

        var acc = Study(results, OtaFlStudy.Accumulator).OrderBy(x => C(x, "snrDb")).ToList();
        var accNotes = new List<string>();
        var accVerdicts = new List<Verdict>();
        foreach (var pt in acc)
        {
            if (pt.Get("diff.loss.B-Bp") == null) { accVerdicts.Add(Verdict.NotEvaluated); continue; }
            var ci = Ci(pt, "diff.loss.B-Bp");
            double snr = C(pt, "snrDb");
            // at ≤ −5 dB: better (interval below 0); elsewhere: not worse (not held only when the interval lies above 0)
            var v = snr <= -5 ? Verdicts.AtMost(ci, 0) : ci.IsDefined && ci.Low > 0 ? Verdict.NotHeld : Verdict.Held;
            accVerdicts.Add(v);
            accNotes.Add($"{F(snr)} dB: corrected − plain = {Fmt.Ci(ci, "0.00000")} ({v.Text()})");
        }
        var accVerdict = acc.Count == 0 ? Verdict.NotEvaluated : Verdicts.All([.. accVerdicts]);
        claims.Add(new Claim("7'", $"corrected accumulator, batch {p.AccumulatorBatchSize}: loss(corrected) − loss(plain) has its paired 95 % CI below 0 at ≤ −5 dB and not above 0 elsewhere",
            accVerdict, string.Join("; ", accNotes), "docs/ota-fl.md (channel-corrected AdaGrad-Norm)"));

        if (series.Count == 0) return;
        report.AddFigure(new Figure
        {
            Id = "rate-slopes", Title = $"min over t < T of ||∇F(x_t)||² vs T (D1, {F(p.Experiment.SnrDb)} dB, (B), resync every round)", XLabel = "T (rounds)", YLabel = "min_t ||∇F(x_t)||²",
            Series = series, LogX = true, LogY = true, Width = 900, Height = 560,
            Caption = $"Claim 7 (slope near −1/2 with batch 8, steeper toward −1 with batch 512 and k = 64): {rateVerdict.Text()}. {slopeText}. "
                + "Reference slopes: −1/2 dashed, −1 solid, in the next colour. "
                + "D1 is logistic regression, locally strongly convex, so both settings can decay faster than the non-convex AdaGrad-Norm rates. "
                + $"Accumulator (claim 7'): {accVerdict.Text()}; " + string.Join("; ", accNotes) + ".",
        });
    }
}

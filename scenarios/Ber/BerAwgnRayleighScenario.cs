using System.Globalization;
using PhyToolkit.Channels.ErrorRates;
using PhyToolkit.Channels.Modulation;
using PhyToolkit.Core.Configuration;
using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Random;
using PhyToolkit.Core.Reports;
using PhyToolkit.Core.Units;

namespace PhyToolkit.Scenarios.Ber;

/// <summary>Parameters of <c>ber-awgn-rayleigh</c>.</summary>
public sealed record BerParameters
{
    /// <summary>Eb/N0 grid in dB, each in [−10, 40].</summary>
    public double[] EbN0Db { get; init; } = [0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20];
    /// <summary>Modulations: "bpsk", "qpsk".</summary>
    public string[] Modulations { get; init; } = ["bpsk", "qpsk"];
    /// <summary>Channels: "awgn", "rayleigh".</summary>
    public string[] Channels { get; init; } = ["awgn", "rayleigh"];
    /// <summary>Symbols per trial (one frame), in [1, 10^7].</summary>
    public int SymbolsPerTrial { get; init; } = 1000;
}

/// <summary>
/// Demo scenario that proves the engine: simulated BER of BPSK and Gray QPSK over AWGN and flat Rayleigh fading versus
/// Eb/N0, stopped per point by a target number of bit errors, overlaid with the closed forms
/// ½·erfc(√(Eb/N0)) and ½(1 − √(γ/(1+γ))).
/// </summary>
public sealed class BerAwgnRayleighScenario : IScenario
{
    /// <inheritdoc/>
    public string Name => "ber-awgn-rayleigh";

    /// <inheritdoc/>
    public string Summary => "BER of BPSK/QPSK over AWGN and flat Rayleigh fading vs Eb/N0, simulated against the closed forms";

    /// <inheritdoc/>
    public ScenarioConfig DefaultConfig(bool quick) => new()
    {
        Scenario = Name,
        Seed = 1,
        Run = quick
            ? new RunSettings { TrialsPerBlock = 20, Stop = "events", Metric = "ber", Target = 100, MinBlocks = 1, MaxBlocks = 100 }
            : new RunSettings { TrialsPerBlock = 100, Stop = "events", Metric = "ber", Target = 400, MinBlocks = 1, MaxBlocks = 100 },
        Parameters = ConfigBinder.ToJsonObject(quick ? new BerParameters { EbN0Db = [0, 4, 8, 12, 16, 20] } : new BerParameters()),
    };

    /// <inheritdoc/>
    public IScenarioRun Create(ScenarioConfig config)
    {
        var p = ConfigBinder.Bind<BerParameters>(config.Parameters, "parameters");
        Check.AllInRange(p.EbN0Db, -10, 40, "parameters.ebN0Db");
        if (p.Modulations == null || p.Modulations.Length == 0) throw new ConfigException("parameters.modulations", "must list at least one of 'bpsk', 'qpsk'");
        if (p.Channels == null || p.Channels.Length == 0) throw new ConfigException("parameters.channels", "must list at least one of 'awgn', 'rayleigh'");
        for (int i = 0; i < p.Modulations.Length; i++) Check.OneOf(p.Modulations[i], $"parameters.modulations[{i}]", "bpsk", "qpsk");
        for (int i = 0; i < p.Channels.Length; i++) Check.OneOf(p.Channels[i], $"parameters.channels[{i}]", "awgn", "rayleigh");
        Check.InRange(p.SymbolsPerTrial, 1, 10_000_000, "parameters.symbolsPerTrial");
        return new Run(p, config);
    }

    private sealed class Run : IScenarioRun
    {
        private readonly BerParameters _p;
        private readonly PskLink[] _links;

        public Run(BerParameters p, ScenarioConfig config)
        {
            _p = p;
            var points = new List<SweepPoint>();
            var links = new List<PskLink>();
            foreach (var ch in p.Channels)
                foreach (var mod in p.Modulations)
                    foreach (var eb in p.EbN0Db)
                    {
                        int k = mod == "bpsk" ? 1 : 2;
                        var fading = ch == "awgn" ? FadingKind.Awgn : FadingKind.Rayleigh;
                        points.Add(new SweepPoint(points.Count, $"{ch}/{mod}/{eb.ToString(CultureInfo.InvariantCulture)}dB",
                            new Dictionary<string, double> { ["ebN0Db"] = eb, ["bitsPerSymbol"] = k, ["rayleigh"] = fading == FadingKind.Rayleigh ? 1 : 0 }));
                        links.Add(new PskLink(k, fading, eb));
                    }
            _links = links.ToArray();
            Plan = new SweepPlan { Points = points, TrialsPerBlock = config.Run.TrialsPerBlock, Stop = ScenarioConfigResolver.ToStoppingRule(config.Run) };
        }

        public SweepPlan Plan { get; }

        public object? CreateWorkspace() => null;

        public void RunBlock(in BlockContext context, object? workspace, MetricSink sink)
        {
            var link = _links[context.PointIndex];
            var rng = new Xoshiro256StarStar(context.Seed);
            long errors = 0;
            for (int t = 0; t < context.Trials; t++) errors += link.CountBitErrors(_p.SymbolsPerTrial, ref rng);
            sink.AddRate("ber", errors, (double)context.Trials * _p.SymbolsPerTrial * link.BitsPerSymbol);
        }

        public void BuildReport(RunResults results, ReportBuilder report)
        {
            report.AddText("Uncoded coherent BPSK and Gray-mapped QPSK, Es = 1, perfect CSI at the receiver. Each point runs blocks of "
                + $"{Plan.TrialsPerBlock} frames of {_p.SymbolsPerTrial} symbols until the target number of bit errors (or the block cap). "
                + "Markers: simulation with 95 % Wilson intervals; lines: closed forms. Points with no error are kept in results.csv but not plotted.");
            double lo = _p.EbN0Db.Min(), hi = _p.EbN0Db.Max();
            var grid = Enumerable.Range(0, 161).Select(i => lo + (hi - lo) * i / 160.0).ToArray();
            // Closed-form curves are cut below 1e-8 (no simulation here reaches that far) so that the measured range stays readable.
            static double Floor(double v) => v >= 1e-8 ? v : double.NaN;
            var awgn = new Series { Label = "closed form, AWGN", X = grid, Y = grid.Select(g => Floor(BitErrorRate.BpskAwgn(Decibel.ToLinear(g)))).ToArray(), Style = SeriesStyle.Line, ColorIndex = 0 };
            var ray = new Series { Label = "closed form, Rayleigh", X = grid, Y = grid.Select(g => BitErrorRate.BpskRayleigh(Decibel.ToLinear(g))).ToArray(), Style = SeriesStyle.Line, ColorIndex = 1 };
            var sim = new List<Series>();
            int color = 2;
            var rows = new List<IReadOnlyList<string>>();
            foreach (var ch in _p.Channels)
                foreach (var mod in _p.Modulations)
                {
                    double k = mod == "bpsk" ? 1 : 2, r = ch == "rayleigh" ? 1 : 0;
                    var s = results.Series("ebN0Db", "ber", pt => pt.Coordinates["bitsPerSymbol"] == k && pt.Coordinates["rayleigh"] == r)
                        .Where(v => v.Value.Events > 0).ToList();
                    sim.Add(new Series
                    {
                        Label = $"simulated {mod.ToUpperInvariant()}, {ch}", X = s.Select(v => v.X).ToArray(), Y = s.Select(v => v.Value.Mean).ToArray(),
                        BandLow = null, YError = null, Style = SeriesStyle.Markers, ColorIndex = color++,
                    });
                }
            foreach (var pr in results.Points)
            {
                var m = pr.Get("ber");
                if (m == null) continue;
                double g = Decibel.ToLinear(pr.Point.Coordinates["ebN0Db"]);
                double theory = pr.Point.Coordinates["rayleigh"] == 1 ? BitErrorRate.BpskRayleigh(g) : BitErrorRate.BpskAwgn(g);
                double z = m.Events > 0 ? (m.Mean - theory) / Math.Sqrt(theory * (1 - theory) / m.Count) : double.NaN;
                rows.Add([pr.Point.Label, F(m.Events, "0"), F(m.Count, "0"), F(m.Mean, "0.000E+0"), F(theory, "0.000E+0"),
                    m.Events > 0 ? F(m.Mean / theory, "0.000") : "–", F(z, "0.00"), pr.Status.ToString()]);
            }
            report.AddFigure(new Figure
            {
                Id = "ber-vs-ebn0", Title = "Bit error rate vs Eb/N0", XLabel = "Eb/N0 (dB)", YLabel = "bit error rate", LogY = true,
                Series = [awgn, ray, .. sim],
                Caption = "Simulated points should sit on the closed-form curves (QPSK with Gray mapping has the BPSK bit error rate).",
            });
            report.AddPanels(new PanelFigure
            {
                Id = "ber-panels", Title = "AWGN and Rayleigh separately", Columns = 2,
                Panels =
                [
                    new Figure { Id = "awgn", Title = "AWGN", XLabel = "Eb/N0 (dB)", YLabel = "bit error rate", LogY = true, Series = [awgn, .. sim.Where(s => s.Label.EndsWith("awgn", StringComparison.Ordinal))] },
                    new Figure { Id = "rayleigh", Title = "Flat Rayleigh fading", XLabel = "Eb/N0 (dB)", YLabel = "bit error rate", LogY = true, Series = [ray, .. sim.Where(s => s.Label.EndsWith("rayleigh", StringComparison.Ordinal))] },
                ],
            });
            report.AddTable(new Table
            {
                Id = "ber-vs-theory", Title = "Simulation vs closed form",
                Columns = ["point", "bit errors", "bits", "simulated BER", "closed form", "ratio", "z-score", "stopped by"],
                Rows = rows,
                Caption = "z-score = (simulated − closed form) / √(p(1−p)/bits); |z| ≲ 3 is expected for every point.",
            });
        }

        private static string F(double v, string format) => double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "–";
    }
}

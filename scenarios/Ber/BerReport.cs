using PhyToolkit.Channels.ErrorRates;
using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Reports;
using PhyToolkit.Core.Units;

namespace PhyToolkit.Scenarios.Ber;

/// <summary>Figures and the simulation-vs-closed-form table of the BER report, drawn from results.csv alone.</summary>
internal static class BerReport
{
    public static void Build(BerParameters p, SweepPlan plan, RunResults results, ReportBuilder report)
    {
        report.AddText("Uncoded coherent BPSK and Gray-mapped QPSK, Es = 1, perfect CSI at the receiver. Each point runs blocks of "
            + $"{plan.TrialsPerBlock} frames of {p.SymbolsPerTrial} symbols until the target number of bit errors (or the block cap). "
            + "Markers: simulation with 95 % Wilson intervals; lines: closed forms. Points with no error are kept in results.csv but not plotted.");
        double lo = p.EbN0Db.Min(), hi = p.EbN0Db.Max();
        var grid = Enumerable.Range(0, 161).Select(i => lo + (hi - lo) * i / 160.0).ToArray();
        // Closed-form curves are cut below 1e-8 (no simulation here reaches that far) so that the measured range stays readable.
        static double Floor(double v) => v >= 1e-8 ? v : double.NaN;
        var awgn = new Series { Label = "closed form, AWGN", X = grid, Y = grid.Select(g => Floor(BitErrorRate.BpskAwgn(Decibel.ToLinear(g)))).ToArray(), Style = SeriesStyle.Line, ColorIndex = 0 };
        var ray = new Series { Label = "closed form, Rayleigh", X = grid, Y = grid.Select(g => BitErrorRate.BpskRayleigh(Decibel.ToLinear(g))).ToArray(), Style = SeriesStyle.Line, ColorIndex = 1 };
        var sim = new List<Series>();
        int color = 2;
        foreach (var ch in p.Channels)
            foreach (var mod in p.Modulations)
            {
                var s = results.Series("ebN0Db", "ber", pt => pt.Is("channel", ch) && pt.Is("modulation", mod)).Where(v => v.Value.Events > 0).ToList();
                sim.Add(new Series
                {
                    Label = $"simulated {mod.ToUpperInvariant()}, {ch}", X = s.Select(v => v.X).ToArray(), Y = s.Select(v => v.Value.Mean).ToArray(),
                    YError = s.Select(v => (v.Value.CiHigh - v.Value.CiLow) / 2).ToArray(),
                    Style = SeriesStyle.Markers, ColorIndex = color++,
                });
            }
        var rows = new List<IReadOnlyList<string>>();
        foreach (var pr in results.Points)
        {
            var m = pr.Get("ber");
            if (m == null) continue;
            double g = Decibel.ToLinear(pr.Point.Number("ebN0Db"));
            double theory = pr.Point.Is("channel", "rayleigh") ? BitErrorRate.BpskRayleigh(g) : BitErrorRate.BpskAwgn(g);
            double z = m.Events > 0 ? (m.Mean - theory) / Math.Sqrt(theory * (1 - theory) / m.Count) : double.NaN;
            rows.Add([pr.Point.Label, Fmt.F(m.Events, "0"), Fmt.F(m.Count, "0"), Fmt.F(m.Mean, "0.000E+0"), Fmt.F(theory, "0.000E+0"),
                m.Events > 0 ? Fmt.F(m.Mean / theory, "0.000") : Fmt.Missing, Fmt.F(z, "0.00"), pr.Status.ToString()]);
        }
        report.AddFigure(new Figure
        {
            Id = "ber-vs-ebn0", Title = "Bit error rate vs Eb/N0", XLabel = "Eb/N0 (dB)", YLabel = "bit error rate", LogY = true,
            Series = [awgn, ray, .. sim],
            Caption = "Simulated points (error bars: half-width of the 95 % Wilson interval) should sit on the closed-form curves (QPSK with Gray mapping has the BPSK bit error rate).",
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
}

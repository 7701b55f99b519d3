using PhyToolkit.Channels.ErrorRates;
using PhyToolkit.Core.Units;
using PhyToolkit.Scenarios.Tests.Cli;

namespace PhyToolkit.Scenarios.Tests.Ber;

public class BerAwgnRayleighScenarioTests
{
    [Fact]
    public void SimulatedBerMatchesClosedFormsAndReportIsComplete()
    {
        string dir = Phytk.TempDir("ber");
        var (exit, output, err) = Phytk.Run("run", "ber-awgn-rayleigh", "--quick", "--no-progress", "--out", dir);
        Assert.True(exit == 0, err);
        Assert.Contains("run directory", output);
        var results = PhyToolkit.Core.Results.ResultsCsvReader.Read("ber-awgn-rayleigh", File.ReadAllText(Path.Combine(dir, "results.csv")));
        int checkedPoints = 0;
        foreach (var p in results.Points)
        {
            var m = p.Get("ber")!;
            double g = Decibel.ToLinear(p.Point.Number("ebN0Db"));
            double theory = p.Point.Is("channel", "rayleigh") ? BitErrorRate.BpskRayleigh(g) : BitErrorRate.BpskAwgn(g);
            if (m.Events < 20)
            {
                // Too few errors for a relative check: the count must still be plausible, below mean + 6 sd of a Poisson count.
                double expected = theory * m.Count;
                Assert.True(m.Events <= expected + 6 * Math.Sqrt(expected) + 3, $"{p.Point.Label}: {m.Events} errors, {expected} expected");
                continue;
            }
            // With k errors the relative standard error is about 1/√k; test at ±4/√k (STYLE.md §5).
            double tol = 4 / Math.Sqrt(m.Events);
            Assert.True(Math.Abs(m.Mean / theory - 1) <= tol, $"{p.Point.Label}: simulated {m.Mean}, closed form {theory}, tolerance {tol:P1}");
            checkedPoints++;
        }
        Assert.True(checkedPoints >= 14, $"only {checkedPoints} points had enough errors");

        // Report: PNG and SVG of every figure with the stated size, report.html inlines every figure.
        string figs = Path.Combine(dir, "figures");
        foreach (var id in new[] { "ber-vs-ebn0", "ber-panels" })
        {
            var png = File.ReadAllBytes(Path.Combine(figs, id + ".png"));
            Assert.True(png.Length > 1000);
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
            var svg = File.ReadAllText(Path.Combine(figs, id + ".svg"));
            Assert.Contains("<svg", svg);
        }
        var first = File.ReadAllBytes(Path.Combine(figs, "ber-vs-ebn0.png"));
        int width = (first[16] << 24) | (first[17] << 16) | (first[18] << 8) | first[19];
        int height = (first[20] << 24) | (first[21] << 16) | (first[22] << 8) | first[23];
        Assert.Equal((800, 500), (width, height));
        string html = File.ReadAllText(Path.Combine(dir, "report.html"));
        Assert.Contains("ber-vs-ebn0", html);
        Assert.Contains("ber-panels", html);
        Assert.DoesNotContain("src=\"figures/", html); // self-contained

        // phytk report rebuilds the same report from results alone.
        File.Delete(Path.Combine(dir, "report.html"));
        var rep = Phytk.Run("report", dir);
        Assert.True(rep.Exit == 0, rep.Err);
        Assert.True(File.Exists(Path.Combine(dir, "report.html")));
        Directory.Delete(dir, true);
    }
}

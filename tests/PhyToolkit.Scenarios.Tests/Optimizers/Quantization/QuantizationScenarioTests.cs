using PhyToolkit.Scenarios.Tests.Optimizers;

namespace PhyToolkit.Scenarios.Tests.Optimizers.Quantization;

/// <summary>The scenario at --quick scale: the claims its docs page expects to hold at that scale (soft "paper direction" claims are reported in the captions, not asserted).</summary>
[Collection(nameof(TorchOptimizerScenarios))]
public class QuantizationScenarioTests
{
    [Fact]
    public void QuantizedScenarioShowsSwampingAndComponentOrdering()
    {
        using var run = new QuickRun("optim-quantized");
        run.AssertFigures("quant-components", "quant-horizons", "quant-net", "quant-net-heatmap-adam", "quant-net-heatmap-muon");
        // Q5 and R3 claims have verdicts for both optimisers, and the reduced horizons are said to be reduced.
        var claims = run.Claims();
        foreach (var id in new[] { "Q5-Adam", "Q5-Muon", "Q4-MLP", "SR-MLP" }) Assert.True(claims.ContainsKey(id), id);
        Assert.Contains("Reduced scale: horizons {100, 300}", run.Html);
        Assert.True(File.Exists(Path.Combine(run.Dir, "figures", "quant-net-table.csv")));
        // The float64 MLPs learn: below the chance-level loss ln 10 of a 10-class problem after 100 steps (measured ≈ 1.5–1.7).
        Assert.True(run.Mean("net/adam/float64", "loss") < Math.Log(10));
        Assert.True(run.Mean("net/muon/float64", "loss") < Math.Log(10));
        // Q1/Q2 are deterministic consequences of round-to-nearest (exact values, no tolerance needed beyond the stated bounds).
        Assert.Equal(1.0, run.Mean("swamping/β2=0.999/m=7/RN", "v5000"));
        Assert.True(run.Mean("swamping/β2=0.999/m=16/RN", "v5000") > 1.9);
        Assert.True(run.Mean("swamping/β2=0.999/m=7/SR", "v5000") > 1.9);
        Assert.True(run.Mean("swamping/β2=0.9/m=7/RN", "v5000") > 1.9);
        double Gap(string label, string opt) => (run.Mean(label, "loss") - run.Mean($"{opt}/float64", "loss")) / run.Mean($"{opt}/float64", "loss");
        // Q3: at m = 7, quantising V alone costs Adam more than M alone or G alone (paired data; measured V gap ~5e-4 vs |M|, |G| < 1e-6).
        Assert.True(Gap("adam/V/m=7/RN", "adam") > Gap("adam/M/m=7/RN", "adam"));
        Assert.True(Gap("adam/V/m=7/RN", "adam") > Gap("adam/G/m=7/RN", "adam"));
        // Q4: all components in BF16 hurt Muon less than Adam.
        Assert.True(Gap("muon/all/m=7/RN", "muon") < Gap("adam/all/m=7/RN", "adam"));
        // Q6: 23 mantissa bits everywhere stay within 1 % of float64.
        Assert.True(Math.Abs(Gap("adam/all/m=23/RN", "adam")) <= 0.01);
        Assert.True(Math.Abs(Gap("muon/all/m=23/RN", "muon")) <= 0.01);
    }
}

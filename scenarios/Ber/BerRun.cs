using System.Globalization;
using PhyToolkit.Channels.Fading;
using PhyToolkit.Channels.Modulation;
using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Random;
using PhyToolkit.Core.Reports;
using PhyToolkit.Core.Scenarios;

namespace PhyToolkit.Scenarios.Ber;

/// <summary>The prepared BER run: one point per (channel, modulation, Eb/N0), channel and modulation as categories.</summary>
internal sealed class BerRun : ScenarioRun<BerParameters>
{
    private readonly Lazy<PskLink[]> _links;

    public BerRun(BerParameters parameters, ScenarioConfig config) : base(parameters, config) =>
        _links = new Lazy<PskLink[]>(CreateLinks, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <inheritdoc/>
    protected override void DefineSweep(SweepBuilder sweep)
    {
        foreach (var ch in P.Channels)
            foreach (var mod in P.Modulations)
                foreach (var eb in P.EbN0Db)
                    sweep.Add($"{ch}/{mod}/{eb.ToString(CultureInfo.InvariantCulture)}dB", ("channel", ch), ("modulation", mod), ("ebN0Db", eb));
    }

    private PskLink Link(int point) => _links.Value[point];

    private PskLink[] CreateLinks() => Plan.Points.Select(pt => new PskLink(BitsPerSymbol(pt),
        pt.Is("channel", "awgn") ? FadingKind.None : FadingKind.Rayleigh, pt.Number("ebN0Db"))).ToArray();

    /// <summary>Bits per symbol of a point's modulation (BPSK 1, QPSK 2).</summary>
    internal static int BitsPerSymbol(SweepPoint pt) => pt.Is("modulation", "bpsk") ? 1 : 2;

    /// <inheritdoc/>
    public override void RunBlock(in BlockContext context, object? workspace, MetricSink sink)
    {
        var link = Link(context.PointIndex);
        var rng = new Xoshiro256StarStar(context.Seed);
        long errors = 0;
        for (int t = 0; t < context.Trials; t++) errors += link.CountBitErrors(P.SymbolsPerTrial, ref rng);
        sink.AddRate("ber", errors, (double)context.Trials * P.SymbolsPerTrial * link.BitsPerSymbol);
    }

    /// <inheritdoc/>
    public override void BuildReport(RunResults results, ReportBuilder report) => BerReport.Build(P, Plan, results, report);
}

using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Reports;

namespace PhyToolkit.Scenarios.OtaFl;

/// <summary>Figures, tables and claim checks of the ota-fl report, drawn from results.csv alone.</summary>
internal static class OtaFlReport
{
    public static void Build(OtaFlParameters p, SweepPlan plan, RunResults results, ReportBuilder report)
    {
        report.AddText("ota-fl");
    }
}

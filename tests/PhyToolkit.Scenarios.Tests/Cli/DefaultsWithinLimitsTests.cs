using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Results;
using Xunit.Abstractions;

namespace PhyToolkit.Scenarios.Tests.Cli;

public class DefaultsWithinLimitsTests(ITestOutputHelper output)
{
    [Fact]
    public void EveryScenariosDefaultsAreWithinTheRunLimits()
    {
        foreach (var s in ScenarioCatalog.All)
            foreach (bool quick in new[] { true, false })
            {
                var run = RunDirectory.Prepare(s, s.DefaultConfig(quick)); // throws past a limit
                long total = (long)run.Plan.Points.Count * run.Plan.Stop.MaxBlocks;
                output.WriteLine($"{s.Name} quick={quick}: {run.Plan.Points.Count} points x {run.Plan.Stop.MaxBlocks} blocks = {total}");
                Assert.True(run.Plan.Points.Count <= RunLimits.MaxPoints && total <= RunLimits.MaxTotalBlocks);
            }
    }
}

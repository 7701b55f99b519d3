using PhyToolkit.Scenarios.Tests.Cli;

namespace PhyToolkit.Scenarios.Tests.Optimizers.Reduction;

public class ReductionReproducibilityTests
{
    // Project rule: same config + seed ⇒ bit-identical results.csv for any thread count (so no wall-clock in the results).
    [Fact]
    public void ReductionScenarioResultsAreByteIdenticalForOneAndTwoThreads()
    {
        string root = Phytk.TempDir("reduction-threads");
        try
        {
            var csv = new List<byte[]>();
            foreach (var threads in new[] { "1", "2" })
            {
                string dir = Path.Combine(root, "t" + threads);
                var (exit, _, err) = Phytk.Run(["run", "optim-reduction", "--quick", "--no-progress", "--threads", threads, "--out", dir]);
                Assert.True(exit == 0, err);
                csv.Add(File.ReadAllBytes(Path.Combine(dir, "results.csv")));
            }
            Assert.True(csv[0].Length > 1000);
            Assert.Equal(csv[0], csv[1]);
        }
        finally
        {
            try { Directory.Delete(root, true); } catch (IOException) { }
        }
    }
}

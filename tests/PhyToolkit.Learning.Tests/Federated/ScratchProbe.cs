using PhyToolkit.Learning.Federated;
using Xunit.Abstractions;
namespace PhyToolkit.Learning.Tests.Federated;
public class ScratchProbe(ITestOutputHelper o)
{
    [Fact]
    public void Probe()
    {
        var cfg = new OtaFlExperimentConfig { Rounds = 300, EvaluateEvery = 50 };
        foreach (var m in Enum.GetValues<OtaFlMethod>())
        {
            var sw = System.Diagnostics.Stopwatch.StartNew();
            var r = OtaFlMethods.Run(m, cfg, 1);
            o.WriteLine($"{m}: loss {r.FinalTrainLoss:F4} acc {r.FinalTestAccuracy:F4} g2 {r.GradientNormSquared[^1]:E2} sym {r.CumulativeSymbolsPerWorker[^1]} pay {r.CumulativePayloadSymbolsPerWorker[^1]} air {r.CumulativeAirtime[^1]} part {r.MeanParticipants:F2} {sw.ElapsedMilliseconds} ms");
        }
    }
}

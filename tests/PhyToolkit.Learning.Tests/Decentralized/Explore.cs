using PhyToolkit.Learning.Decentralized;
using PhyToolkit.Learning.Federated;
using Xunit.Abstractions;

namespace PhyToolkit.Learning.Tests.Decentralized;

public class Explore(ITestOutputHelper o)
{
    [Fact]
    public void Run()
    {
        int n = int.Parse(Environment.GetEnvironmentVariable("EXN") ?? "16");
        int K = int.Parse(Environment.GetEnvironmentVariable("EXK") ?? "2000");
        int J = int.Parse(Environment.GetEnvironmentVariable("EXJ") ?? "250");
        var task = SyntheticDatasets.GaussianMixtureD2(1, n, n * J, 2000, partitioner: new DirichletPartitioner(0.5, 50));
        var model = new SoftmaxRegressionModel(20, 10);
        var eps = Enumerable.Range(0, n).Select(i => new[] { 2.0, 4.0, 8.0 }[i * 3 / n]).ToArray();
        var shared = new SgpOptions { Iterations = K, StageLength = K / 5, Epsilons = eps, EvaluateEvery = K / 10 };
        foreach (var m in Enum.GetValues<SgpMethod>())
        {
            var sw = System.Diagnostics.Stopwatch.StartNew();
            var r = SgpTrainer.Run(model, task, new DirectedExponentialGraph(n), SgpOptions.For(m, shared), 7);
            o.WriteLine($"{m}: {sw.ElapsedMilliseconds} ms acc {string.Join(" ", r.TestAccuracy.Select(a => a.ToString("F3")))}");
            o.WriteLine($"   loss {string.Join(" ", r.TrainLoss.Select(a => a.ToString("F3")))} cons {r.ConsensusError[^1]:G3} sig0 {string.Join(" ", r.InitialNoiseMultiplier.Take(16).Select(a => a.ToString("F2")))} eps {string.Join(" ", r.EpsilonSpent[^1].Take(16).Select(a => a.ToString("F3")))}");
        }
    }
}

using PhyToolkit.Learning.Optimizers;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PhyToolkit.Learning.Tests.Optimizers;

/// <summary>STYLE §5: stepping must not grow the live-tensor count (no leaked temporaries or state).</summary>
public class TensorLifetimeTests
{
    private static long Live() => DisposeScopeManager.Statistics.TensorStatistics.ThreadTotalLiveCount;

    public static TheoryData<string> Names => new() { "ManagedAdam", "Muon", "AdaGo", "QuantizedAdam", "QuantizedMuon", "Sam", "RollingBall" };

    [Theory]
    [MemberData(nameof(Names))]
    public void Steps_DoNotGrowLiveTensorCount(string name)
    {
        TorchTest.Init();
        using var prob = new LeastSquaresProblem(2);
        using torch.optim.Optimizer opt = name switch
        {
            "ManagedAdam" => new ManagedAdam(prob.Parameters),
            "Muon" => new Muon(prob.Parameters),
            "AdaGo" => new AdaGo(prob.Parameters),
            "QuantizedAdam" => new QuantizedAdam(prob.Parameters, QuantSpec.All(FloatFormat.Bf16, FloatRounding.Stochastic)),
            "QuantizedMuon" => new QuantizedMuon(prob.Parameters, QuantSpec.All(FloatFormat.Bf16)),
            "Sam" => new Sam(torch.optim.SGD(prob.Parameters, 0.01)),
            _ => new RollingBall(prob.Parameters, lr: 0.01, projectionSteps: 3),
        };
        void Step()
        {
            using var scope = torch.NewDisposeScope();
            opt.step(prob.Closure);
        }
        Step();                 // warm-up creates lazily allocated gradients
        long before = Live();
        for (int t = 0; t < 5; t++) Step();
        Assert.Equal(before, Live());
    }
}

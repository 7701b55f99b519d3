using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using PhyToolkit.Learning.Optimizers;
using PhyToolkit.Learning.Torch;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PhyToolkit.Benchmarks;

/// <summary>
/// One full training step (zero_grad, forward, backward, step; SAM does two passes) of Muon, AdaGO, SAM(Adam) and quantised
/// Adam (BF16 everywhere) relative to TorchSharp's built-in Adam, on an MLP 64→256→256→10 (batch 128) and a small CNN
/// (1×16×16 images, conv 1→16→32, global average pool, linear 32→10; batch 64), float32, one intra-op thread.
/// Runs in process so that the Debian 12 libtorch patch of the build output applies.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(InProcessShortRun))]
public class OptimizerStepBenchmarks
{
    private sealed class InProcessShortRun : ManualConfig
    {
        public InProcessShortRun() => AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance));
    }

    private nn.Module<Tensor, Tensor> _model = null!;
    private Tensor _x = null!, _y = null!;
    private optim.Optimizer _opt = null!;
    private Loss<Tensor, Tensor, Tensor> _loss = null!;

    /// <summary>Model: "mlp" or "cnn".</summary>
    [Params("mlp", "cnn")]
    public string Model { get; set; } = "mlp";

    /// <summary>Optimiser under test.</summary>
    [Params("torch-adam", "muon", "adago", "sam-adam", "quantized-adam-bf16")]
    public string Optimizer { get; set; } = "torch-adam";

    /// <summary>Builds the model, a fixed batch and the optimiser.</summary>
    [GlobalSetup]
    public void Setup()
    {
        TorchRuntime.EnsureLoaded(1);
        torch.manual_seed(1);
        var gen = new Generator(7);
        if (Model == "mlp")
        {
            _model = nn.Sequential(nn.Linear(64, 256), nn.ReLU(), nn.Linear(256, 256), nn.ReLU(), nn.Linear(256, 10));
            _x = torch.randn(new long[] { 128, 64 }, generator: gen);
            _y = torch.randint(0, 10, new long[] { 128 }, generator: gen);
        }
        else
        {
            _model = nn.Sequential(nn.Conv2d(1, 16, 3, padding: 1), nn.ReLU(), nn.Conv2d(16, 32, 3, padding: 1), nn.ReLU(),
                nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(32, 10));
            _x = torch.randn(new long[] { 64, 1, 16, 16 }, generator: gen);
            _y = torch.randint(0, 10, new long[] { 64 }, generator: gen);
        }
        _loss = nn.CrossEntropyLoss();
        var ps = _model.parameters().ToList();
        _opt = Optimizer switch
        {
            "torch-adam" => torch.optim.Adam(ps, 1e-3),
            "muon" => new Muon(ps, lr: 0.02, adamLr: 1e-3),
            "adago" => new AdaGo(ps, lr: 0.1, adamLr: 1e-3),
            "sam-adam" => new Sam(torch.optim.Adam(ps, 1e-3), 0.05),
            _ => new QuantizedAdam(ps, QuantSpec.All(FloatFormat.Bf16), 1e-3),
        };
    }

    /// <summary>One training step.</summary>
    [Benchmark]
    public void Step()
    {
        using var scope = torch.NewDisposeScope();
        _opt.step(() =>
        {
            _opt.zero_grad();
            var l = _loss.forward(_model.forward(_x), _y);
            l.backward();
            return l;
        });
    }

    /// <summary>Releases the optimiser.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        if (_opt is Sam s) s.BaseOptimizer.Dispose();
        _opt.Dispose();
    }
}

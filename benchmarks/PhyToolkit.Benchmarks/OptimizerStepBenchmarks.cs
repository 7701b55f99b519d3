using BenchmarkDotNet.Attributes;
using PhyToolkit.Learning.Optimizers;
using PhyToolkit.Learning.Torch;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PhyToolkit.Benchmarks;

/// <summary>
/// One full training step (zero_grad, forward, backward, step; SAM does two passes) of Muon, AdaGO, SAM(Adam) and quantised
/// Adam (BF16 everywhere) relative to TorchSharp's built-in Adam, on an MLP 64→256→256→10 and a small CNN (1×16×16 images,
/// conv 1→16→32 3×3 padding 1, global average pool, linear 32→10), batch 128 or 1024, float32, one intra-op thread.
/// Runs in process so that the Debian 12 libtorch patch of the build output applies.
/// </summary>
/// <remarks>
/// <para><b>Configurations.</b> "muon" and "adago" are the set-up users run (KellerJordan/Muon <c>MuonWithAuxAdam</c>;
/// docs/optim-adago.md): only the <i>hidden</i> weight matrices (MLP: the 256×256 layer; CNN: the 16→32 conv kernel,
/// flattened to 32×144) use Muon/AdaGO; the first layer, the output head and every bias use AdamW through parameter groups.
/// "muon-all" and "adago-all" put every ≥ 2-D parameter on Muon/AdaGO (the flat-list constructors' split).</para>
/// <para><b>FLOP count</b> (multiply–add = 2 flops; derived).
/// MLP forward: B·(64·256 + 256·256 + 256·10) = 84 480·B multiply–adds; forward + backward ≈ 3× forward, so ≈ 0.507·B MFLOP
/// (65 MFLOP at B = 128, 519 MFLOP at B = 1024). CNN forward: per image 256·16·9 + 256·32·144 + 32·10 ≈ 1.217 M multiply–adds,
/// forward + backward ≈ 7.3 MFLOP per image (0.93 GFLOP at B = 128, 7.5 GFLOP at B = 1024).
/// Quintic Newton–Schulz on an m×n matrix (m = short side) costs per iteration A = YYᵀ (m²n), A·A (m³), B·Y (m²n), so
/// 5 iterations cost 10·(2m²n + m³) flops, <i>independent of the batch</i>: 503 MFLOP for the MLP's 256×256 hidden layer,
/// 23.6 MFLOP for its 256×64 first layer and 0.5 MFLOP for the 10×256 head (all-matrices only); 3.3 MFLOP for the CNN's
/// 32×144 kernel and 0.03 MFLOP for the 16×9 first kernel. Adam costs O(#parameters) ≈ 10 flops per parameter (≈ 1 MFLOP).
/// At equal GEMM throughput the MLP's Muon/Adam step-time ratio is therefore ≈ (0.507·B + 503)/(0.507·B): ≈ 8.7 at B = 128,
/// ≈ 2.0 at B = 1024, and it reaches 1.5 only at B ≈ 2000. For the CNN the Newton–Schulz work is &lt; 0.4 % of
/// forward + backward, so what remains is per-call overhead (≈ 20 small kernel launches per matrix and step).</para>
/// <para>Memory: the Newton–Schulz buffers (2mn + 2m² elements per distinct matrix shape) are allocated once and reused;
/// BenchmarkDotNet's "Allocated" column counts managed allocations only (tensor handles, dispose scopes), not libtorch's.</para>
/// </remarks>
[MemoryDiagnoser]
[Config(typeof(InProcessShortRunConfig))]
public class OptimizerStepBenchmarks
{
    private nn.Module<Tensor, Tensor> _model = null!;
    private Tensor _x = null!, _y = null!;
    private optim.Optimizer _opt = null!;
    private Loss<Tensor, Tensor, Tensor> _loss = null!;

    /// <summary>Model: "mlp" or "cnn".</summary>
    [Params("mlp", "cnn")]
    public string Model { get; set; } = "mlp";

    /// <summary>Batch size: forward/backward work grows with it, the Newton–Schulz work does not.</summary>
    [Params(128, 1024)]
    public int Batch { get; set; } = 128;

    /// <summary>Optimiser under test ("muon"/"adago": hidden matrices only, the rest on AdamW; "-all": every matrix).</summary>
    [Params("torch-adam", "muon", "muon-all", "adago", "adago-all", "sam-adam", "quantized-adam-bf16")]
    public string Optimizer { get; set; } = "torch-adam";

    /// <summary>Builds the model, a fixed batch and the optimiser.</summary>
    [GlobalSetup]
    public void Setup()
    {
        TorchRuntime.EnsureLoaded(1);
        torch.manual_seed(1);
        var gen = new Generator(7);
        string[] hiddenNames;
        if (Model == "mlp")
        {
            _model = nn.Sequential(("fc1", nn.Linear(64, 256)), ("r1", nn.ReLU()), ("fc2", nn.Linear(256, 256)), ("r2", nn.ReLU()), ("head", nn.Linear(256, 10)));
            _x = torch.randn(new long[] { Batch, 64 }, generator: gen);
            hiddenNames = ["fc2.weight"];
        }
        else
        {
            _model = nn.Sequential(("conv1", nn.Conv2d(1, 16, 3, padding: 1)), ("r1", nn.ReLU()), ("conv2", nn.Conv2d(16, 32, 3, padding: 1)), ("r2", nn.ReLU()),
                ("pool", nn.AdaptiveAvgPool2d(1)), ("flat", nn.Flatten()), ("head", nn.Linear(32, 10)));
            _x = torch.randn(new long[] { Batch, 1, 16, 16 }, generator: gen);
            hiddenNames = ["conv2.weight"];
        }
        _y = torch.randint(0, 10, new long[] { Batch }, generator: gen);
        _loss = nn.CrossEntropyLoss();
        var named = _model.named_parameters().ToList();
        var ps = named.Select(p => p.parameter).ToList();
        var hidden = named.Where(p => hiddenNames.Contains(p.name)).Select(p => p.parameter).ToList();
        var rest = named.Where(p => !hiddenNames.Contains(p.name)).Select(p => p.parameter).ToList();
        _opt = Optimizer switch
        {
            "torch-adam" => torch.optim.Adam(ps, 1e-3, beta2: 0.999),
            "muon" => new Muon([MuonParamGroup.Muon(hidden), MuonParamGroup.Adam(rest)], lr: 0.02, adamLr: 1e-3),
            "muon-all" => new Muon(ps, lr: 0.02, adamLr: 1e-3),
            "adago" => new AdaGo([AdaGoParamGroup.AdaGo(hidden), AdaGoParamGroup.Adam(rest)], lr: 0.1, adamLr: 1e-3),
            "adago-all" => new AdaGo(ps, lr: 0.1, adamLr: 1e-3),
            "sam-adam" => new Sam(torch.optim.Adam(ps, 1e-3, beta2: 0.999), 0.05),
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

using System.Runtime.InteropServices;
using PhyToolkit.Learning.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace PhyToolkit.Learning.Tests.Torch;

public class TorchRuntimeTests
{
    [DllImport("libc", EntryPoint = "getenv", CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern IntPtr NativeGetEnv(string name);

    [Fact]
    public void MklReproducibilityModeIsInTheNativeEnvironmentOnceLoaded()
    {
        TorchRuntime.EnsureLoaded();
        if (OperatingSystem.IsWindows()) return;
        // MKL reads the native environment (not .NET's copy): after loading, MKL_CBWR is either the user's own value or the
        // toolkit's default, so float64 GEMMs give the same bits on every run.
        string? value = Marshal.PtrToStringAnsi(NativeGetEnv("MKL_CBWR"));
        Assert.NotNull(value);
        string? user = Environment.GetEnvironmentVariable("MKL_CBWR");
        Assert.Equal(user ?? TorchRuntime.DefaultMklReproducibilityMode, value);
    }

    [Fact]
    public void SmallNetworkForwardAndBackwardMatchHandComputedGradients()
    {
        TorchRuntime.EnsureLoaded(threads: 1);
        using var scope = NewDisposeScope();
        torch.manual_seed(1234);
        var gen = new Generator(1234);
        // y = w·x + b with squared loss: dL/dw = 2(y − t)x, dL/db = 2(y − t).
        var lin = nn.Linear(3, 1);
        using (no_grad())
        {
            lin.weight!.copy_(tensor(new float[] { 0.5f, -1.0f, 2.0f }).reshape(1, 3));
            lin.bias!.copy_(tensor(new float[] { 0.25f }));
        }
        var x = tensor(new float[] { 1f, 2f, 3f }).reshape(1, 3);
        var target = tensor(new float[] { 1f }).reshape(1, 1);
        var loss = (lin.forward(x) - target).pow(2).sum();
        loss.backward();
        float y = 0.5f * 1 - 1.0f * 2 + 2.0f * 3 + 0.25f; // 4.75
        Assert.Equal((y - 1) * (y - 1), loss.item<float>(), 5);
        var gw = lin.weight!.grad!.data<float>().ToArray();
        Assert.Equal(new[] { 2 * (y - 1) * 1, 2 * (y - 1) * 2, 2 * (y - 1) * 3 }, gw);
        Assert.Equal(2 * (y - 1), lin.bias!.grad!.item<float>(), 5);

        // A two-layer MLP on generated data: a few SGD steps reduce the loss.
        var mlp = nn.Sequential(nn.Linear(4, 16), nn.Tanh(), nn.Linear(16, 1));
        var inputs = randn(new long[] { 64, 4 }, generator: gen);
        var targets = inputs.sum(1, keepdim: true).sin();
        var opt = optim.SGD(mlp.parameters(), 0.05);
        float first = 0, last = 0;
        for (int step = 0; step < 30; step++)
        {
            opt.zero_grad();
            var l = nn.functional.mse_loss(mlp.forward(inputs), targets);
            l.backward();
            opt.step();
            if (step == 0) first = l.item<float>();
            last = l.item<float>();
        }
        Assert.True(last < 0.8f * first, $"loss {first} -> {last}");
    }
}

using PhyToolkit.Channels.Imaging;
using PhyToolkit.Learning.Diffusion;
using PhyToolkit.Learning.Torch;
using static TorchSharp.torch;

namespace PhyToolkit.Learning.Tests.Diffusion;

public class TinyUNetTests
{
    [Fact]
    public void ForwardKeepsTheFlatShapeAndHasTheRecordedParameterCount()
    {
        TorchRuntime.EnsureLoaded(1);
        using var scope = NewDisposeScope();
        manual_seed(1);
        var shape = new ImageShape(16, 12);
        using var net = new TinyUNet(shape);
        var x = randn(new long[] { 3, shape.Length }, generator: new Generator(2));
        var t = tensor(new float[] { 0, 500, 999 });
        using (no_grad())
        {
            var y = net.forward(x, t);
            Assert.Equal(new long[] { 3, shape.Length }, y.shape);
            Assert.True(y.isfinite().all().item<bool>());
        }
        // Regression value, counted by hand from the layers (weights + biases; GroupNorm has 2·C):
        //   time MLP 64·128+128 + 128·128+128 = 24,832; conv_in 1·32·9+32 = 320;
        //   ResBlock(32→32) = GN 64 + conv 9,248 + time proj 128·32+32 = 4,128 + GN 64 + conv 9,248 = 22,752 (×3: two at H, one after the concat);
        //   down conv 32·64·9+64 = 18,496; ResBlock(64→64) = 128 + 36,928 + 8,256 + 128 + 36,928 = 82,368 (×3: two at H/2, middle);
        //   up conv 64·32·9+32 = 18,464; ResBlock(64→32) = 128 + 18,464 + 4,128 + 64 + 9,248 + 1×1 skip 2,080 = 34,112;
        //   out GN 64 + conv 32·9+1 = 289.
        // 24,832 + 320 + 3·22,752 + 18,496 + 3·82,368 + 18,464 + 34,112 + 64 + 289 = 411,937. Independent of the image size.
        Assert.Equal(411_937, net.ParameterCount());
        Assert.Equal(net.ParameterCount(), new TinyUNet(new ImageShape(28, 28)).ParameterCount());
    }

    [Fact]
    public void EveryParameterReceivesAGradient()
    {
        TorchRuntime.EnsureLoaded(1);
        using var scope = NewDisposeScope();
        manual_seed(3);
        var shape = new ImageShape(8, 8);
        using var net = new TinyUNet(shape);
        var x = randn(new long[] { 2, shape.Length }, generator: new Generator(4)).requires_grad_(true);
        var loss = net.forward(x, tensor(new float[] { 10, 900 })).pow(2).sum();
        loss.backward();
        foreach (var (name, p) in net.named_parameters())
        {
            Assert.NotNull(p.grad);
            Assert.True(p.grad!.abs().sum().item<float>() > 0, $"no gradient reaches {name}");
        }
        Assert.True(x.grad!.abs().sum().item<float>() > 0);
    }

    [Fact]
    public void OddSidesAreRefusedNamingTheShape()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new DdpmTrainingRecipe { Shape = new ImageShape(15, 16), Architecture = PriorArchitecture.TinyUNet }.Validate());
        Assert.Contains("Shape", e.Message);
        Assert.Contains("even", e.Message);
        TorchRuntime.EnsureLoaded(1);
        Assert.Throws<ArgumentOutOfRangeException>(() => new TinyUNet(new ImageShape(16, 9)));
        new DdpmTrainingRecipe { Shape = new ImageShape(15, 15) }.Validate(); // TinyMLP takes any shape
    }

    [Fact]
    public void TinyMlpRecipeTextIsUnchangedAndTheUNetRecipeDiffers()
    {
        // The canonical text of the default TinyMLP recipe as written before the architecture field existed: cached priors
        // and --quick results are keyed by its hash, so it must not change.
        var mlp = new DdpmTrainingRecipe();
        Assert.Equal("tinymlp-ddpm-v1;StrokeDigits;schedule=linear(1000,1e-4,0.02);shape=16x16;width=512;blocks=4;steps=3000;batch=64;" +
            "lr=0.002;lrEnd=0.0001;warmup=200;wd=0;clip=1;ema=0.995;dataSeed=20250526;initSeed=123", mlp.Canonical());
        Assert.Equal("a3577147f5e2cdc014adde6123d429c11a3d27bf600be44447cce3e638aa5eba", mlp.Hash()); // sha256 of that text (Python hashlib)
        var unet = mlp with { Architecture = PriorArchitecture.TinyUNet };
        Assert.Equal(mlp.Canonical() + ";arch=tinyunet", unet.Canonical());
        Assert.NotEqual(mlp.Hash(), unet.Hash());
    }

    [Fact]
    public void DdimPriorRunsOnTheUNetAndTrainingLowersItsLoss()
    {
        var recipe = new DdpmTrainingRecipe { Architecture = PriorArchitecture.TinyUNet, Shape = new ImageShape(8, 8), BatchSize = 8, Steps = 40, WarmupSteps = 5 };
        var trained = DdpmTrainer.Train(recipe);
        Assert.IsType<TinyUNet>(trained.Network);
        double first = trained.LossCurve.Take(10).Average(), last = trained.LossCurve.Skip(30).Average();
        Assert.True(last < first, $"{first} → {last}");
        using var scope = NewDisposeScope();
        var prior = new DdimPrior(trained.Network, recipe.Shape, DdimTimeGrid.Dmilo(3));
        var x = prior.Sample(randn(new long[] { 2, recipe.Shape.Length }, generator: new Generator(5)));
        Assert.Equal(new long[] { 2, 64 }, x.shape);
        Assert.Equal(3, prior.NetworkCalls);
    }
}

using PhyToolkit.Core.Random;
using PhyToolkit.Learning.Federated;

namespace PhyToolkit.Learning.Tests.Federated;

/// <summary>The managed ReLU MLP against central finite differences and against the TorchSharp MLP (an independent implementation, autograd).</summary>
public class ManagedMlpModelTests
{
    private static (LabeledDataset Data, double[] Base, double[] P) Case(int d, int c, int h)
    {
        var rng = new Xoshiro256StarStar(17);
        int n = 12;
        var x = new double[n * d];
        var y = new int[n];
        for (int i = 0; i < x.Length; i++) x[i] = rng.NextGaussian();
        for (int i = 0; i < n; i++) y[i] = rng.NextInt(c);
        var basePoint = MlpModel.GlorotBasePoint(d, c, h, 5);
        var p = new double[basePoint.Length];
        for (int i = 0; i < p.Length; i++) p[i] = 0.1 * rng.NextGaussian();
        return (new LabeledDataset(x, y, d, c), basePoint, p);
    }

    [Fact]
    public void GradientMatchesCentralDifferences()
    {
        var (data, b, p) = Case(9, 4, 11);
        var m = new ManagedMlpModel(9, 4, 11, b);
        var g = new double[p.Length];
        m.FullLossAndGradient(p, data, g);
        const double h = 1e-6;
        for (int j = 0; j < p.Length; j += 7)
        {
            var pp = (double[])p.Clone(); pp[j] += h;
            var pm = (double[])p.Clone(); pm[j] -= h;
            double fd = (m.FullLossAndGradient(pp, data, Span<double>.Empty) - m.FullLossAndGradient(pm, data, Span<double>.Empty)) / (2 * h);
            // central difference error O(h^2 f''') ~ 1e-10 plus round-off eps/h ~ 1e-10 (a ReLU kink inside [p-h, p+h] is unlikely at random points)
            Assert.Equal(fd, g[j], 1e-7);
        }
    }

    [Fact]
    public void LossGradientAndProbabilitiesMatchTheTorchSharpMlp()
    {
        var (data, b, p) = Case(7, 5, 13);
        var managed = new ManagedMlpModel(7, 5, 13, b);
        var torch = new MlpModel(7, 5, 13, MlpActivation.Relu, b);
        var gm = new double[p.Length];
        var gt = new double[p.Length];
        int[] idx = [0, 3, 4, 9, 11];
        Assert.Equal(torch.LossAndGradient(p, data, idx, gt), managed.LossAndGradient(p, data, idx, gm), 12);
        for (int j = 0; j < p.Length; j++) Assert.Equal(gt[j], gm[j], 12);   // float64 both sides: round-off only
        Assert.Equal(torch.Accuracy(p, data), managed.Accuracy(p, data), 15);
        var probs = new double[idx.Length * 5];
        managed.Probabilities(p, data, idx, probs);
        for (int k = 0; k < idx.Length; k++) Assert.Equal(1.0, probs.AsSpan(k * 5, 5).ToArray().Sum(), 14);
        var probsTorch = new double[idx.Length * 5];
        torch.Probabilities(p, data, idx, probsTorch);
        for (int j = 0; j < probs.Length; j++) Assert.Equal(probsTorch[j], probs[j], 12);
    }
}

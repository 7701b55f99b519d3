using PhyToolkit.Learning.PolicyOptimization;
using PhyToolkit.Learning.Torch;
using TorchSharp;
using static TorchSharp.torch;

namespace PhyToolkit.Learning.Tests.PolicyOptimization;

/// <summary>DCPO unit test 1: dynamic-adaptive clipping bounds against the closed form (docs/dcpo.md).</summary>
public class DynamicClipTests
{
    // Reference: the closed form ½ ± ½√(1 ∓ 4ε/q) evaluated by hand (the spec's worked table, q = 0.9 and 0.01, and q = 1).
    // Tolerance 1e-4 for the 4-digit table values, 1e-12 for the exact ones (0.5, 5.0, 0.8).
    [Theory]
    [InlineData(0.9, 0.7687, 1.1872, 1e-4)]
    [InlineData(0.01, 0.5, 5.0, 1e-12)]
    [InlineData(1.0, 0.8, 1.1708, 1e-4)]
    public void BoundsMatchTheClosedForm(double q, double lower, double upper, double tol)
    {
        var (lo, hi) = DynamicClip.Bounds(q, 0.16, 0.2, 10);
        Assert.InRange(lo, lower - tol, lower + tol);
        Assert.InRange(hi, upper - tol, upper + tol);
    }

    [Fact]
    public void ExactValuesAtQEqualsOne()
    {
        var (lo, hi) = DynamicClip.Bounds(1.0, 0.16, 0.2, 10);
        Assert.Equal(0.5 + 0.5 * Math.Sqrt(0.36), lo, 14);
        Assert.Equal(0.5 + 0.5 * Math.Sqrt(1.8), hi, 14);
    }

    [Fact]
    public void UpperBoundIsCappedForVeryRareTokens()
    {
        // q = 1e-4: ½ + ½√(1 + 8000) ≈ 45.2 > 10, so the cap applies; lower falls to ½ (1 − 6400 < 0).
        var (lo, hi) = DynamicClip.Bounds(1e-4, 0.16, 0.2, 10);
        Assert.Equal(10, hi);
        Assert.Equal(0.5, lo);
    }

    [Fact]
    public void BoundsSolveTheWeightedProbabilityChangeConstraint()
    {
        // Definition: |(r − 1)·p| = ε with p = r·q at the bounds (where not capped and the discriminant is positive).
        foreach (double q in new[] { 0.65, 0.7, 0.8, 0.9, 0.99, 1.0 })
        {
            var (lo, hi) = DynamicClip.Bounds(q, 0.16, 0.2, 10);
            Assert.Equal(0.16, (1 - lo) * lo * q, 12);
            Assert.Equal(0.2, (hi - 1) * hi * q, 12);
        }
        foreach (double q in new[] { 0.05, 0.1, 0.3 })
        {
            var (_, hi) = DynamicClip.Bounds(q, 0.16, 0.2, 100);
            Assert.Equal(0.2, (hi - 1) * hi * q, 12);
        }
    }

    [Fact]
    public void TensorBoundsEqualScalarBounds()
    {
        TorchRuntime.EnsureLoaded(1);
        double[] qs = [1e-4, 1e-3, 0.01, 0.05, 0.2, 0.5, 0.9, 1.0];
        using var scope = NewDisposeScope();
        var (lo, hi) = DynamicClip.Bounds(torch.tensor(qs, ScalarType.Float64), 0.16, 0.2, 10);
        var l = lo.data<double>().ToArray();
        var h = hi.data<double>().ToArray();
        for (int i = 0; i < qs.Length; i++)
        {
            var (a, b) = DynamicClip.Bounds(qs[i], 0.16, 0.2, 10);
            Assert.Equal(a, l[i], 14);
            Assert.Equal(b, h[i], 14);
        }
    }

    [Theory]
    [InlineData(0.0, 0.16, 0.2, 10.0, "q")]
    [InlineData(1.5, 0.16, 0.2, 10.0, "q")]
    [InlineData(0.5, 0.0, 0.2, 10.0, "epsLow")]
    [InlineData(0.5, 0.16, -0.1, 10.0, "epsHigh")]
    [InlineData(0.5, 0.16, 0.2, 0.5, "cap")]
    public void BadInputIsRejected(double q, double lo, double hi, double cap, string name)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => DynamicClip.Bounds(q, lo, hi, cap));
        Assert.Equal(name, e.ParamName);
    }
}

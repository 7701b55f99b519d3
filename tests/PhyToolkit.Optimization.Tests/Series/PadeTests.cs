using System.Numerics;
using PhyToolkit.Optimization.Series;

namespace PhyToolkit.Optimization.Tests.Series;

/// <summary>Robust Padé of functions with known rational form or known poles; polynomial roots; bad orders.</summary>
public class PadeTests
{
    private static double Factorial(int n) { double f = 1; for (int i = 2; i <= n; i++) f *= i; return f; }

    [Fact]
    public void RationalFunctionIsRecoveredExactlyAndTheDefectIsRemoved()
    {
        // r(t) = (1 + 2t)/(1 − 0.5t − 0.3t²): Taylor coefficients by the recurrence c_k = p_k + 0.5c_{k−1} + 0.3c_{k−2}.
        var c = new double[12];
        for (int k = 0; k < c.Length; k++)
            c[k] = (k == 0 ? 1 : k == 1 ? 2 : 0) + (k >= 1 ? 0.5 * c[k - 1] : 0) + (k >= 2 ? 0.3 * c[k - 2] : 0);
        // Ask for [4/5]: the robust algorithm must reduce to [1/2] (no spurious pole-zero pairs).
        var r = Pade.Robust(c, 4, 5);
        Assert.Equal(2, r.DenominatorDegree);
        Assert.Equal(1, r.NumeratorDegree);
        Assert.Equal(-0.5, r.Q[1], 12);
        Assert.Equal(-0.3, r.Q[2], 12);
        Assert.Equal(2.0, r.P[1], 12);
        // Poles: roots of 1 − 0.5t − 0.3t².
        double disc = Math.Sqrt(0.25 + 1.2);
        var expected = new[] { (-0.5 + disc) / 0.6, (-0.5 - disc) / 0.6 }.Order().ToArray();
        var poles = r.Poles().Select(p => p.Real).Order().ToArray();
        for (int i = 0; i < 2; i++) Assert.Equal(expected[i], poles[i], 12);
    }

    [Fact]
    public void ExpPadeMatchesTheFunctionAndItsPolesMirrorItsZeros()
    {
        var c = Enumerable.Range(0, 11).Select(k => 1 / Factorial(k)).ToArray();
        var r = Pade.Robust(c, 5, 5);
        // [5/5] of e^t: error ≈ (5!)²/(10!·11!)·e·t^11 ≈ 2.7e-10 at t = 1 (Padé remainder for exp).
        Assert.True(Math.Abs(r.Evaluate(1) - Math.E) < 5e-10);
        Assert.Equal(Math.Exp(-0.5), r.Evaluate(-0.5), 12);
        // The diagonal Padé of exp has Q(t) = P(−t): every pole is minus a zero (one real pole for odd n).
        var zeros = r.Zeros();
        Assert.Equal(5, r.Poles().Length);
        Assert.All(r.Poles(), p => Assert.Contains(zeros, z => (z + p).Magnitude < 1e-8 * p.Magnitude));
    }

    [Fact]
    public void LogOnePlusTHasItsBranchPointApproximatedByPolesOnTheCut()
    {
        // log(1+t)/t = Σ (−1)^k t^k/(k+1): branch point at t = −1, Padé poles on (−∞, −1].
        var c = Enumerable.Range(0, 21).Select(k => (k % 2 == 0 ? 1.0 : -1.0) / (k + 1)).ToArray();
        var r = Pade.Robust(c, 10, 10);
        var poles = r.Poles();
        Assert.NotEmpty(poles);
        foreach (var p in poles)
        {
            Assert.True(Math.Abs(p.Imaginary) < 1e-6 * p.Magnitude, $"pole {p}");
            Assert.True(p.Real <= -1 + 1e-6, $"pole {p}");
        }
        var nearest = poles.MinBy(p => p.Magnitude);
        Assert.True(Math.Abs(nearest.Real + 1) < 2e-2, $"nearest {nearest}"); // Gauss–Legendre-like nodes crowd at −1 as O(1/n²)
    }

    [Fact]
    public void OrderAboveTheSeriesLengthIsAClearError()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Pade.Robust([1.0, 1, 0.5], 2, 1));
        Assert.Contains("Padé order", ex.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Pade.Robust([1.0, 1, 0.5], -1, 1));
        Assert.ThrowsAny<ArgumentException>(() => StablePoles.Find([1.0, 2, 3]));
    }

    [Fact]
    public void PolynomialRootsAreFound()
    {
        // (x − 1)(x − 2)(x + 3) = x³ − 7x + 6
        var r = PolynomialRoots.Find([6.0, -7, 0, 1, 0]).Select(z => z.Real).Order().ToArray();
        Assert.Equal(new[] { -3.0, 1, 2 }, r, (a, b) => Math.Abs(a - b) < 1e-12);
        Assert.Empty(PolynomialRoots.Find([4.0]));
        Assert.Throws<ArgumentException>(() => PolynomialRoots.Find([0.0, 0]));
    }

    [Fact]
    public void StablePolesFindASimplePoleAndDropDoublets()
    {
        // f(t) = 1/(1 − t/0.3) + 0.5/(1 + t/2): stable real poles 0.3 and −2.
        var c = Enumerable.Range(0, 21).Select(k => Math.Pow(1 / 0.3, k) + 0.5 * Math.Pow(-0.5, k)).ToArray();
        var kept = StablePoles.Find(c);
        Assert.Equal(2, kept.Length);
        Assert.Equal(0.3, kept[0], 10);
        Assert.Equal(-2, kept[1], 8);
    }

    [Fact]
    public void NoiseInducedPolesAreFilteredEvenWithoutTypeReduction()
    {
        // 1/(1 − t/0.3) with 1e-10 relative noise on c_k and the SVD type reduction switched off (threshold 0): the [10/10]
        // approximant then carries noise-induced pole–zero pairs (Froissart doublets); the stability and doublet rules
        // must leave only the true pole 0.3.
        var rng = new PhyToolkit.Core.Random.Xoshiro256StarStar(11);
        var c = Enumerable.Range(0, 21).Select(k => Math.Pow(1 / 0.3, k) * (1 + 1e-10 * (2 * rng.NextDouble() - 1))).ToArray();
        var (kept, all) = StablePoles.Analyse(c, new PoleFilterOptions { PadeTolerance = 0 });
        Assert.True(all.Length > 1, "the unreduced approximant has more than one pole");
        Assert.Single(kept);
        Assert.Equal(0.3, kept[0], 8);
    }
}

using PhyToolkit.Core.Random;
using PhyToolkit.Learning.ActiveLearning;

namespace PhyToolkit.Learning.Tests.ActiveLearning;

/// <summary>SAMOSA spec unit tests 3 (score range and zero) and 4 (dynamic weight) on <see cref="SamosaScore"/>.</summary>
public class SamosaScoreTests
{
    [Fact]
    public void Disagreement_IsTheL1DistanceOnAHandCase()
    {
        // |0.5 − 0.2| + |0.3 − 0.3| + |0.2 − 0.5| = 0.6 (exact up to one rounding per term).
        Assert.Equal(0.6, SamosaScore.Disagreement([0.5, 0.3, 0.2], [0.2, 0.3, 0.5]), 15);
        // Disjoint one-hot vectors: the upper end 2.
        Assert.Equal(2.0, SamosaScore.Disagreement([1, 0, 0], [0, 0, 1]));
        Assert.Equal(0.0, SamosaScore.Disagreement([0.1, 0.7, 0.2], [0.1, 0.7, 0.2]));
    }

    [Fact]
    public void Disagreement_StaysInZeroToTwo_ForRandomProbabilityVectors()
    {
        var rng = new Xoshiro256StarStar(5);
        for (int t = 0; t < 2000; t++)
        {
            int c = 2 + rng.NextInt(9);
            var a = Simplex(c, 4 * rng.NextGaussian(), ref rng);
            var b = Simplex(c, 4 * rng.NextGaussian(), ref rng);
            double s = SamosaScore.Disagreement(a, b);
            Assert.InRange(s, 0, 2 + 1e-15);   // 1e-15: the two vectors sum to 1 only up to rounding
        }
    }

    private static double[] Simplex(int c, double temperature, ref Xoshiro256StarStar rng)
    {
        var p = new double[c];
        double sum = 0;
        for (int k = 0; k < c; k++) { p[k] = Math.Exp(temperature * rng.NextGaussian()); sum += p[k]; }
        for (int k = 0; k < c; k++) p[k] /= sum;
        return p;
    }

    [Fact]
    public void Disagreement_RejectsVectorsOfDifferentLength() =>
        Assert.Throws<ArgumentException>(() => SamosaScore.Disagreement([0.5, 0.5], [1.0, 0, 0]));

    [Fact]
    public void DynamicWeight_IsNonNegativeAndZeroOnlyAtTheTwoCorners()
    {
        const int n = 100;
        for (int i = 0; i <= n; i++)
            for (int j = 0; j <= n; j++)
            {
                double s = (double)i / n, rho = (double)j / n;
                double w = SamosaScore.DynamicWeight(s, rho);
                if ((i, j) is (n, 0) or (0, n)) Assert.Equal(0.0, w);
                else Assert.True(w > 0, $"w({s}, {rho}) = {w}");
            }
        // Hand values: w(0,0) = 1·1·(¼ + ¼ + ½) = 1, w(1,1) = 1, w(½,½) = 1·1·½ = 0.5.
        Assert.Equal(1.0, SamosaScore.DynamicWeight(0, 0), 15);
        Assert.Equal(1.0, SamosaScore.DynamicWeight(1, 1), 15);
        Assert.Equal(0.5, SamosaScore.DynamicWeight(0.5, 0.5), 15);
    }

    [Fact]
    public void DynamicWeight_FavoursSmallScoresEarlyAndLargeScoresLate()
    {
        Assert.Equal(1.0, SamosaScore.DynamicWeight(0, 0), 15);
        Assert.Equal(0.0, SamosaScore.DynamicWeight(1, 0));
        Assert.Equal(0.0, SamosaScore.DynamicWeight(0, 1));
        double early = Mean(0), late = Mean(1);
        Assert.True(late > early, $"E[s|ρ=1] = {late}, E[s|ρ=0] = {early}");
        // w(s, ρ) = w(1 − s, 1 − ρ), so on a grid symmetric about ½ the two means add to 1 exactly (up to rounding).
        Assert.Equal(1.0, early + late, 12);
        Assert.True(early < 0.5);
    }

    private static double Mean(double rho)
    {
        double num = 0, den = 0;
        for (int i = 0; i <= 1000; i++)
        {
            double s = i / 1000.0, w = SamosaScore.DynamicWeight(s, rho);
            num += w * s; den += w;
        }
        return num / den;
    }

    [Theory]
    [InlineData(-0.01, 0.5)]
    [InlineData(1.01, 0.5)]
    [InlineData(0.5, -0.01)]
    [InlineData(0.5, double.NaN)]
    public void DynamicWeight_RejectsArgumentsOutsideTheUnitSquare(double s, double rho) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SamosaScore.DynamicWeight(s, rho));
}

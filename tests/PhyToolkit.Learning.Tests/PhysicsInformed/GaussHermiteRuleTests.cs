using PhyToolkit.Learning.PhysicsInformed;

namespace PhyToolkit.Learning.Tests.PhysicsInformed;

public class GaussHermiteRuleTests
{
    // ∫ z^{2j} e^{−z²} dz = Γ(j + 1/2) = √π (2j−1)!!/2^j (closed form); an n-point rule is exact up to degree 2n − 1.
    [Theory]
    [InlineData(5)]
    [InlineData(20)]
    [InlineData(200)]
    [InlineData(300)]
    public void EvenMomentsAreExactUpToTheRuleDegree(int n)
    {
        var rule = new GaussHermiteRule(n);
        Assert.Equal(n, rule.Nodes.Count);
        foreach (int j in new[] { 0, 1, 2, Math.Min(n - 1, 6) })
        {
            double exact = Math.Sqrt(Math.PI);
            for (int i = 1; i <= j; i++) exact *= (2 * i - 1) / 2.0;
            double sum = 0;
            for (int i = 0; i < n; i++) sum += rule.Weights[i] * Math.Pow(rule.Nodes[i], 2 * j);
            // 12 digits: the sum of positive terms loses only a few ulps per node.
            Assert.True(Math.Abs(sum - exact) <= 1e-12 * exact, $"n={n}, moment {2 * j}: {sum} vs {exact}");
        }
        for (int i = 0; i < n; i++) Assert.Equal(-rule.Nodes[n - 1 - i], rule.Nodes[i], 12);
    }

    [Fact]
    public void TooManyPointsAreRefused() =>
        Assert.Equal("points", Assert.Throws<ArgumentOutOfRangeException>(() => new GaussHermiteRule(301)).ParamName);
}

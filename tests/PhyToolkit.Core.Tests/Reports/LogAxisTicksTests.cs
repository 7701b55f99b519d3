using PhyToolkit.Core.Reports;

namespace PhyToolkit.Core.Tests.Reports;

public class LogAxisTicksTests
{
    [Theory]
    [InlineData(-3, "10⁻³")]
    [InlineData(0, "10⁰")]
    [InlineData(1, "10¹")]
    [InlineData(12, "10¹²")]
    [InlineData(-10, "10⁻¹⁰")]
    [InlineData(456789, "10⁴⁵⁶⁷⁸⁹")]
    public void FormatPowerOfTen_UsesSuperscriptDigits(int k, string expected) =>
        Assert.Equal(expected, LogAxisTicks.FormatPowerOfTen(k));

    [Fact]
    public void Generate_FiveDecades_LabelsEveryDecadeWithEightMinorTicksEach()
    {
        LogTickSet t = LogAxisTicks.Generate(-5, 0);
        Assert.Equal([-5.0, -4, -3, -2, -1, 0], t.Major);
        Assert.Equal(["10⁻⁵", "10⁻⁴", "10⁻³", "10⁻²", "10⁻¹", "10⁰"], t.Labels);
        Assert.Equal(5 * 8, t.Minor.Length);   // 2..9 in each of the 5 decades
        // Minor ticks of the decade [10^-3, 10^-2]: log10(m·10^-3), m = 2..9; exact up to log10 rounding (1e-12).
        double[] expected = [.. Enumerable.Range(2, 8).Select(m => Math.Log10(m * 1e-3))];
        double[] actual = [.. t.Minor.Where(v => v > -3 && v < -2)];
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 1e-12);
        Assert.All(t.Minor, v => Assert.True(v > -5 && v < 0));
        Assert.DoesNotContain(t.Minor, v => t.Major.Contains(v));
    }

    [Fact]
    public void Generate_WideRange_ThinsMajorTicksToAtMostTenAndKeepsDecadeMultiples()
    {
        LogTickSet t = LogAxisTicks.Generate(-30, 0);   // 30 decades: step ceil(30/9) = 4
        Assert.InRange(t.Major.Length, 2, LogAxisTicks.MaxMajorTicks);
        Assert.All(t.Major, k => Assert.Equal(0, ((int)k % 4 + 4) % 4));
        Assert.Contains(0.0, t.Major);
        Assert.Contains(-28.0, t.Major);
        for (int i = 0; i < t.Major.Length; i++) Assert.Equal(LogAxisTicks.FormatPowerOfTen((int)t.Major[i]), t.Labels[i]);
        // The unlabelled decades become minor ticks: 31 decade positions in all.
        Assert.Equal(31, t.Major.Length + t.Minor.Length);
        Assert.All(t.Minor, v => Assert.Equal(Math.Round(v), v));
    }

    [Theory]
    [InlineData(2e-4, 0.5, -4, 0)]
    [InlineData(1e-3, 1e-3, -3, -2)]   // a single exact decade value still gets a one-decade axis
    [InlineData(3.0, 3.0, 0, 1)]
    [InlineData(1e-7, 1e2, -7, 2)]
    public void DecadeRange_CoversValuesWithWholeDecades(double min, double max, int low, int high) =>
        Assert.Equal((low, high), LogAxisTicks.DecadeRange(min, max));

    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(-1.0, 1.0)]
    [InlineData(1.0, 0.5)]
    [InlineData(double.NaN, 1.0)]
    public void DecadeRange_RejectsNonPositiveOrInvertedRanges(double min, double max) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => LogAxisTicks.DecadeRange(min, max));

    [Fact]
    public void Generate_RejectsEmptyRange() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => LogAxisTicks.Generate(2, 2));
}

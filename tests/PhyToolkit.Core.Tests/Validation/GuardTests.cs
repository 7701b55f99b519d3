using PhyToolkit.Core.Validation;

namespace PhyToolkit.Core.Tests.Validation;

public class GuardTests
{
    [Theory]
    [InlineData(double.NaN)]
    [InlineData(-0.5)]
    [InlineData(1.5)]
    public void InRangeRefusesOutsideAndNaNNamingTheArgumentValueAndRange(double v)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Guard.InRange(v, 0, 1, "alpha"));
        Assert.Equal("alpha", e.ParamName);
        Assert.Contains("allowed: a number in [0, 1]", e.Message, StringComparison.Ordinal);
        Assert.Contains("alpha = ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ChecksReturnTheirArgumentAtTheBoundaries()
    {
        Assert.Equal(0, Guard.InRange(0.0, 0, 1, "a"));
        Assert.Equal(1, Guard.InRange(1.0, 0, 1, "a"));
        Assert.Equal(3, Guard.InRange(3, 3, 3, "k"));
        Assert.Equal(0, Guard.NonNegative(0.0, "a"));
        Assert.Equal(double.PositiveInfinity, Guard.PositiveOrInfinity(double.PositiveInfinity, "a"));
        Assert.Equal(0.999, Guard.UnitInterval(0.999, "beta"));
        Assert.Equal(5L, Guard.AtLeast(5L, 5L, "n"));
    }

    [Fact]
    public void EachCheckRefusesWhatItsRangeExcludes()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Guard.Positive(0, "a"));
        Assert.Throws<ArgumentOutOfRangeException>(() => Guard.Positive(double.PositiveInfinity, "a"));
        Assert.Throws<ArgumentOutOfRangeException>(() => Guard.PositiveOrInfinity(double.NaN, "a"));
        Assert.Throws<ArgumentOutOfRangeException>(() => Guard.NonNegative(-1e-300, "a"));
        Assert.Throws<ArgumentOutOfRangeException>(() => Guard.Finite(double.NegativeInfinity, "a"));
        Assert.Throws<ArgumentOutOfRangeException>(() => Guard.UnitInterval(1, "beta"));
        Assert.Throws<ArgumentOutOfRangeException>(() => Guard.InRange(4, 1, 3, "k"));
        Assert.Throws<ArgumentOutOfRangeException>(() => Guard.AtLeast(0, 1, "n"));
        var shape = Assert.Throws<ArgumentException>(() => Guard.Length(stackalloc double[3], 4, "x0"));
        Assert.Contains("x0 has length 3; allowed: length 4", shape.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Guard.AllPositive([], "peaks"));
        Assert.Throws<ArgumentOutOfRangeException>(() => Guard.AllPositive([1, 0], "peaks"));
        Assert.Equal([1.0, 2.0], Guard.AllPositive([1, 2], "peaks"));
    }
}

using PhyToolkit.Learning.Unlearning.Stream;

namespace PhyToolkit.Learning.Tests.Unlearning.Stream;

/// <summary>
/// The three calibrations against worked numbers derived by hand from their formulas (ε* = 1, δ* = 1e−5, m = K = 20),
/// which our spec of arXiv 2508.10193 records to three or four significant digits, hence the 5e−3 relative tolerance.
/// </summary>
public class DeletionNoiseCalibrationTests
{
    [Fact]
    public void WorkedNumbersOfTheThreeVariants()
    {
        double rhoTot = DeletionNoiseCalibration.ZcdpRhoForEpsilon(1, 1e-5);
        Assert.Equal(0.0209, rhoTot, 0.0209 * 5e-3);
        Assert.Equal(1.0, DeletionNoiseCalibration.ZcdpToEpsilon(rhoTot, 1e-5), 1e-12);   // the root, to round-off
        Assert.Equal(21.9, DeletionNoiseCalibration.SigmaZcdp(1, rhoTot / 20), 21.9 * 5e-3);          // V1
        Assert.Equal(108.6, DeletionNoiseCalibration.SigmaGaussian(1, 1.0 / 20, 1e-5 / 20), 108.6 * 5e-3); // V2
        Assert.Equal(222, DeletionNoiseCalibration.SigmaGaussian(1, 1.0 / 40, 1e-5 / 40), 222 * 5e-3);    // V3
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    public void NonPositiveEpsilonIsRefusedByName(double eps)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => DeletionNoiseCalibration.ZcdpRhoForEpsilon(eps, 1e-5));
        Assert.Equal("epsilon", e.ParamName);
        var e2 = Assert.Throws<ArgumentOutOfRangeException>(() => DeletionNoiseCalibration.SigmaGaussian(1, eps, 1e-5));
        Assert.Equal("epsilonPerDeletion", e2.ParamName);
    }
}

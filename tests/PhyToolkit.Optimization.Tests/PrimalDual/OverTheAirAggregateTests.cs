using PhyToolkit.Optimization.PrimalDual;

namespace PhyToolkit.Optimization.Tests.PrimalDual;

public class OverTheAirAggregateTests
{
    /// <summary>
    /// The analog-sum measurement is unbiased with noise variance (mean device symbol energy)/SNR. 20 000 draws: the mean
    /// is checked at 4 standard errors, the variance at 4 standard errors of a Gaussian sample variance (√(2/n)·σ²).
    /// </summary>
    [Fact]
    public void MeasurementIsUnbiasedWithTheStatedNoiseVariance()
    {
        var bed = QuadraticTestBed.Create(5, 2, 2, 1, 4);
        var l = bed.Lagrangian(0.05);
        double[][] theta = [[1, -2], [0.5, 0.5], [3, 1], [-1, -1], [2, 0]];
        var exact = l.NewAggregates();
        l.Aggregate(theta, exact);
        var measured = l.NewAggregates();
        var ota = new OverTheAirAggregate(10);
        var rng = new PhyToolkit.Core.Random.Xoshiro256StarStar(5);
        const int n = 20_000;
        double sum = 0, sq = 0;
        for (int k = 0; k < n; k++)
        {
            ota.Measure(l, theta, exact, measured, ref rng);
            double e = measured[1][0] - exact[1][0];
            sum += e; sq += e * e;
        }
        double energy = 0;
        foreach (var t in theta) foreach (double v in t) energy += (0.2 * v) * (0.2 * v);   // A_ji = 1/5
        double variance = energy / 10 / 10;                                                  // (1/(n d)) Σ‖A θ‖² / SNR, n d = 10, SNR = 10
        double sd = Math.Sqrt(variance);
        Assert.InRange(sum / n, -4 * sd / Math.Sqrt(n), 4 * sd / Math.Sqrt(n));
        Assert.InRange(sq / n, variance * (1 - 4 * Math.Sqrt(2.0 / n)), variance * (1 + 4 * Math.Sqrt(2.0 / n)));
    }
}

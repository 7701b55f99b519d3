using PhyToolkit.Learning.Privacy;

namespace PhyToolkit.Learning.Tests.Privacy;

public class NoiseCalibratorTests
{
    private static DpTrainingPlan Plan(NoiseSchedule s, long snapshotEvery = 32) =>
        new() { Steps = 2000, SamplingRate = 0.064, Schedule = s, SnapshotEvery = snapshotEvery, SnapshotFactor = 4 };

    [Theory]
    [InlineData(1.0)]
    [InlineData(2.0)]
    [InlineData(4.0)]
    [InlineData(8.0)]
    public void CalibratedSigmaSpendsTheTargetWithin1e3AndNeverMore(double target)
    {
        var plan = Plan(NoiseSchedule.StepDecay(0.7, 400));
        var (sigma0, eps, _) = NoiseCalibrator.Calibrate(plan, target, 1e-4);
        Assert.InRange(eps, target - 1e-3, target);
        // recompute independently of the calibrator: compose the plan step by step (no grouping) into a fresh ledger
        var ledger = new RdpLedger();
        for (long k = 0; k < plan.Steps; k++)
        {
            double s = plan.Schedule.Multiplier(sigma0, k);
            ledger.Record(plan.SamplingRate, s);
            if (k % plan.SnapshotEvery == 0) ledger.Record(1.0, plan.SnapshotFactor * s);
        }
        Assert.Equal(eps, ledger.Epsilon(1e-4).Epsilon, 1e-9);
    }

    [Fact]
    public void SmallerBudgetsNeedMoreNoiseAndDecayingSchedulesStartHigher()
    {
        double s2 = NoiseCalibrator.Calibrate(Plan(NoiseSchedule.StepDecay(0.7, 400)), 2, 1e-4).Sigma0;
        double s8 = NoiseCalibrator.Calibrate(Plan(NoiseSchedule.StepDecay(0.7, 400)), 8, 1e-4).Sigma0;
        double c2 = NoiseCalibrator.Calibrate(Plan(NoiseSchedule.Constant), 2, 1e-4).Sigma0;
        Assert.True(s2 > s8, $"{s2} <= {s8}");
        Assert.True(s2 > c2, $"decaying σ0 {s2} <= constant σ {c2}");
    }

    [Fact]
    public void BadBudgetsAreRefusedWithTheAllowedRange()
    {
        var plan = Plan(NoiseSchedule.Constant);
        var e0 = Assert.Throws<ArgumentOutOfRangeException>(() => NoiseCalibrator.Calibrate(plan, 0, 1e-4));
        Assert.Contains("targetEpsilon", e0.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => NoiseCalibrator.Calibrate(plan, -1, 1e-4));
        var ed = Assert.Throws<ArgumentOutOfRangeException>(() => NoiseCalibrator.Calibrate(plan, 2, 1.0));
        Assert.Contains("(0, 1)", ed.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => NoiseCalibrator.Calibrate(plan, 2, 0));
        // a budget no noise level in range can meet
        Assert.Throws<ArgumentOutOfRangeException>(() => NoiseCalibrator.Calibrate(plan, 1e-6, 1e-4));
    }
}

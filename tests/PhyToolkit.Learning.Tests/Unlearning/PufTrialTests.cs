using PhyToolkit.Learning.Unlearning;

namespace PhyToolkit.Learning.Tests.Unlearning;

/// <summary>
/// PUF on the canary task at a scale of about one second per seed (d = 32, 400 natural samples, 30 canaries on the
/// forgotten client, MLP width 32, 30 rounds): forgetting and recovery, paired per seed with the retrained reference and
/// with natural forgetting.
/// </summary>
public class PufTrialTests
{
    private static readonly PufTrialOptions Options = new()
    {
        Data = new CanaryTaskOptions { Dimension = 32, TrainSamples = 400, TestSamples = 400, CanariesPerClient = 30, MeanScale = 1, CanaryClients = [0] },
        HiddenUnits = 32,
        Rounds = 30,
        FedAvg = new FedAvgSettings { LocalSteps = 15, LocalLearningRate = 0.3 },
        RecoveryRoundsMax = 10,
        RecoveryTolerance = 0.005,
        MaxShadow = 400,
    };

    [Fact]
    public void PufForgetsTheCanariesInOneRoundAndRecoversTestAccuracy()
    {
        foreach (ulong seed in new ulong[] { 1, 2, 3 })
        {
            var trial = new PufTrial(Options, seed);
            var special = trial.Unlearn([0], UnlearningMode.PufSpecial, 2.0);
            var natural = trial.Unlearn([0], UnlearningMode.NaturalForgetting, 0, fixedRounds: 1);
            var orig = special.Trajectory[0];
            var reference = special.Retrained;
            // precondition: the original model memorised the canaries and the retrained one did not (else nothing is tested)
            Assert.True(orig.CanaryAccuracy >= 0.4, $"seed {seed}: original canary acc {orig.CanaryAccuracy}");
            Assert.True(reference.CanaryAccuracy <= 0.1, $"seed {seed}: retrained canary acc {reference.CanaryAccuracy}");
            // P2's threshold: right after the PUF round the canary accuracy is within 0.10 of the retrained one (3 of 30 canaries)
            Assert.True(special.Trajectory[1].CanaryAccuracy <= reference.CanaryAccuracy + 0.10, $"seed {seed}: {special.Trajectory[1].CanaryAccuracy}");
            // paired with natural forgetting after the same single round: PUF forgot more
            Assert.True(special.Trajectory[1].CanaryAccuracy < natural.Trajectory[1].CanaryAccuracy, $"seed {seed}");
            // recovery within the cap to the retrained test accuracy (stopping rule), and forgetting persists there
            Assert.NotNull(special.RecoveryRounds);
            var at = special.Trajectory[special.RecoveryRounds!.Value + 1];
            Assert.True(at.TestAccuracy >= reference.TestAccuracy - 0.005);
            Assert.True(at.CanaryAccuracy <= reference.CanaryAccuracy + 0.10, $"seed {seed}: canary at recovery {at.CanaryAccuracy}");
            // retain accuracy recovers too: within 5 pp of the retrained model's (about 18 of the ~360 retained samples)
            Assert.True(at.RetainAccuracy >= reference.RetainAccuracy - 0.05, $"seed {seed}: retain {at.RetainAccuracy} vs {reference.RetainAccuracy}");
            Assert.Equal(0, special.Cost.StoredVectors);
            Assert.Equal(special.RecoveryRounds + 1, special.Cost.Rounds);
        }
    }

    [Fact]
    public void FedEraserStoresEveryIntervalRoundAndDropsTheClient()
    {
        var trial = new PufTrial(Options with { FedEraserInterval = 3 }, 5);
        var fe = trial.FedEraserUnlearn([0]);
        Assert.Equal(10 * 10, trial.FedEraserStoredVectors);               // ceil(30/3) rounds x K = 10 clients
        Assert.Equal(10, fe.Cost.Rounds);                                   // one calibration round per stored round
        Assert.Equal(10 * 9, fe.Cost.ClientUploads);                        // remaining clients only
        Assert.True(fe.Last.CanaryAccuracy <= fe.Retrained.CanaryAccuracy + 0.10, $"{fe.Last.CanaryAccuracy}");
    }

    [Fact]
    public void TheTorchSharpMlpRunsTheSameTrialToRoundOff()
    {
        // same architecture, layout, base point and batches: the two back ends agree to float64 round-off over a short run
        var o = Options with { Rounds = 3, RecoveryRoundsMax = 1 };
        var managed = new PufTrial(o, 4).Unlearn([0], UnlearningMode.PufSpecial, 2, fixedRounds: 2);
        var torch = new PufTrial(o with { TorchSharpModel = true }, 4).Unlearn([0], UnlearningMode.PufSpecial, 2, fixedRounds: 2);
        for (int i = 0; i < managed.Final.Length; i++) Assert.Equal(managed.Final[i], torch.Final[i], 9);
        Assert.Equal(managed.Last.CanaryAccuracy, torch.Last.CanaryAccuracy);
    }

    [Fact]
    public void SameSeedSameNumbers()
    {
        var a = new PufTrial(Options with { Rounds = 5, RecoveryRoundsMax = 2 }, 9).Unlearn([0], UnlearningMode.PufRegular, 20);
        var b = new PufTrial(Options with { Rounds = 5, RecoveryRoundsMax = 2 }, 9).Unlearn([0], UnlearningMode.PufRegular, 20);
        Assert.Equal(a.Final, b.Final);
        Assert.Equal(a.Trajectory, b.Trajectory);
    }
}

using PhyToolkit.Learning.PolicyOptimization;

namespace PhyToolkit.Learning.Tests.PolicyOptimization;

/// <summary>The toy tasks T1/T2: answers, rewards, features.</summary>
public class DigitSumTaskTests
{
    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(47, 1, 1)]   // 4 + 7 = 11
    [InlineData(99, 1, 8)]   // 9 + 9 = 18
    [InlineData(35, 0, 8)]
    public void AnswersAreTheDigitSum(int prompt, int tens, int units)
    {
        Assert.Equal([units], DigitSumTask.T1().Answer(prompt));
        Assert.Equal([tens, units, 10], DigitSumTask.T2().Answer(prompt));
    }

    [Fact]
    public void RewardIsOneOnlyForTheExactSequence()
    {
        var t2 = DigitSumTask.T2();
        Assert.Equal(1, t2.Reward(47, [1, 1, 10]));
        Assert.Equal(0, t2.Reward(47, [1, 1]));        // truncated: no end token
        Assert.Equal(0, t2.Reward(47, [1, 10]));
        Assert.Equal(0, t2.Reward(47, [0, 1, 10]));
        Assert.Equal(1, DigitSumTask.T1().Reward(47, [1]));
        Assert.Equal(0, DigitSumTask.T1().Reward(47, [2]));
    }

    [Fact]
    public void FeaturesAreOneHotBlocks()
    {
        var t2 = DigitSumTask.T2();
        var f = new double[t2.FeatureCount];
        t2.WriteFeatures(47, 2, 1, f);
        Assert.Equal(4, f.Sum());
        Assert.Equal(1, f[4]);
        Assert.Equal(1, f[17]);
        Assert.Equal(1, f[22]);
        Assert.Equal(1, f[25]);
        t2.WriteFeatures(47, 0, -1, f);
        Assert.Equal(1, f[23]);
        Assert.Throws<ArgumentOutOfRangeException>(() => t2.WriteFeatures(100, 0, -1, f));
    }
}

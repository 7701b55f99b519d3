using PhyToolkit.Learning.Diffusion;
using PhyToolkit.Learning.Torch;
using static TorchSharp.torch;

namespace PhyToolkit.Learning.Tests.Diffusion;

public class ScheduleAndStepTests
{
    [Theory]
    // ᾱ values of the linear schedule (1000 steps, 1e-4 → 0.02) quoted in our plan to 3 significant digits:
    // t=999: 4.04e-5; t=666: 1.10e-2; t=333: 0.319; t=0: 0.9999 (= 1 − β_0 exactly).
    [InlineData(999, 4.04e-5)]
    [InlineData(666, 1.10e-2)]
    [InlineData(333, 0.319)]
    [InlineData(0, 0.9999)]
    public void AlphaBarTableMatchesTheQuotedValues(int t, double expected)
    {
        double value = LinearBetaSchedule.Default.AlphaBar(t);
        Assert.True(Math.Abs(value / expected - 1) < 5e-3, $"ᾱ_{t} = {value}"); // 3 significant digits
    }

    [Fact]
    public void GridsAreThoseOfTheTwoCodeBases()
    {
        var dmilo = DdimTimeGrid.Dmilo(3);
        Assert.Equal([333, 666, 999], new[] { dmilo.Timestep(1), dmilo.Timestep(2), dmilo.Timestep(3) });
        Assert.Equal(LinearBetaSchedule.Default.AlphaBar(0), dmilo.AlphaBarPrevious(1));
        var dmplug = DdimTimeGrid.Dmplug(3);
        Assert.Equal([0, 333, 666], new[] { dmplug.Timestep(1), dmplug.Timestep(2), dmplug.Timestep(3) });
        Assert.Equal(1.0, dmplug.AlphaBarPrevious(1)); // prev < 0 ⇒ ᾱ = 1
        Assert.Equal(999, DdimTimeGrid.Dmilo(4).Timestep(4)); // 1000 capped to 999
    }

    [Fact]
    public void DdimStepMatchesHandComputedValues()
    {
        // ᾱ_t = 0.64 (sqrt 0.8, sqrt(1−ᾱ) 0.6), ᾱ_prev = 0.81 (0.9, 0.43589).
        // Unclipped: x = 0.5, ε̂ = 0.2: x̂₀ = (0.5 − 0.12)/0.8 = 0.475, ε̃ = (0.5 − 0.38)/0.6 = 0.2,
        //   x_prev = 0.9·0.475 + sqrt(0.19)·0.2 = 0.4275 + 0.0871780…
        double sq = Math.Sqrt(0.19);
        Assert.Equal(0.4275 + 0.2 * sq, DdimStep.Apply(0.5, 0.2, 0.64, 0.81), 14);
        // Clipped: x = 1.2, ε̂ = −0.5: raw x̂₀ = (1.2 + 0.3)/0.8 = 1.875 → 1, ε̃ = (1.2 − 0.8)/0.6 = 2/3,
        //   x_prev = 0.9 + sqrt(0.19)·2/3.
        Assert.Equal(0.9 + sq * 2 / 3, DdimStep.Apply(1.2, -0.5, 0.64, 0.81), 14);

        TorchRuntime.EnsureLoaded(threads: 1);
        using var scope = NewDisposeScope();
        var x = tensor(new[] { 0.5, 1.2 });
        var e = tensor(new[] { 0.2, -0.5 });
        var y = DdimStep.Apply(x, e, 0.64, 0.81).data<double>().ToArray();
        Assert.Equal(0.4275 + 0.2 * sq, y[0], 14);
        Assert.Equal(0.9 + sq * 2 / 3, y[1], 14);
    }

    [Fact]
    public void BadGridAndScheduleArgumentsAreRefused()
    {
        Assert.Contains("steps", Assert.Throws<ArgumentOutOfRangeException>(() => DdimTimeGrid.Dmilo(0)).Message);
        Assert.Contains("betaEnd", Assert.Throws<ArgumentOutOfRangeException>(() => new LinearBetaSchedule(1000, 0.02, 1e-4)).Message);
    }
}

using PhyToolkit.Core.Random;
using PhyToolkit.Learning.ActiveLearning;

namespace PhyToolkit.Learning.Tests.ActiveLearning;

/// <summary>The SAMOSA query on hand-built probabilities: the known-class filter, the high/low order, the fill rule and the dynamic sampler.</summary>
public class SamosaQueryTests
{
    // K = 2 known classes, output 2 = unknown; binary-exact values so that equal scores tie exactly. Rows (A | B), s = ‖p_A − p_B‖₁:
    // 0: (.75 .125 .125 | .5 .375 .125)  s = .5   both known      4: (.125 .125 .75 | .625 .25 .125) s = 1.25  A says unknown
    // 1: (.625 .25 .125 | same)          s = 0    both known      5: (.25 .625 .125 | .25 .125 .625) s = 1     B says unknown
    // 2: (.125 .75 .125 | .5 .375 .125)  s = .75  both known      6: (.5 .375 .125 | .25 .625 .125)  s = .5    both known
    // 3: (.25 .625 .125 | .5 .375 .125)  s = .5   both known
    private static readonly double[] A = [.75, .125, .125, .625, .25, .125, .125, .75, .125, .25, .625, .125, .125, .125, .75, .25, .625, .125, .5, .375, .125];
    private static readonly double[] B = [.5, .375, .125, .625, .25, .125, .5, .375, .125, .5, .375, .125, .625, .25, .125, .25, .125, .625, .25, .625, .125];

    private static QuerySelection Select(int budget, SamosaVariant v, int round = 1, int rounds = 1, ulong seed = 1)
    {
        var rng = new Xoshiro256StarStar(seed);
        return SamosaQuery.Select(A, B, 2, budget, v, round, rounds, ref rng);
    }

    [Fact]
    public void Scores_AreTheL1DisagreementPerRow_AndTheFilterKeepsRowsBothModelsCallKnown()
    {
        var sel = Select(1, SamosaVariant.High);
        double[] expected = [0.5, 0, 0.75, 0.5, 1.25, 1, 0.5];
        Assert.Equal(expected, sel.Scores);   // exact: every term is a dyadic rational
        Assert.Equal(5, sel.FilteredCount);   // rows 4 and 5 are out: one model predicts "unknown"
    }

    [Fact]
    public void High_TakesTheLargestFilteredScores_NeverTheUnknownPredictions()
    {
        // Inside S the order is 2 (.75), then 0, 3, 6 (.5, ties by row), then 1 (0); rows 4 and 5 score higher but are filtered out.
        Assert.Equal([2, 0, 3], Select(3, SamosaVariant.High).Picked);
    }

    [Fact]
    public void Low_TakesTheSmallestFilteredScores() => Assert.Equal([1, 0], Select(2, SamosaVariant.Low).Picked);

    [Fact]
    public void WhenTheFilteredSetIsTooSmall_TheRestComesFromOutsideByLargestRawScore()
    {
        var sel = Select(6, SamosaVariant.Low);
        Assert.Equal([1, 0, 3, 6, 2, 4], sel.Picked);   // all of S low-to-high, then row 4 (s = 1.25 > row 5's 1)
    }

    [Fact]
    public void Dynamic_DrawsDistinctFilteredRows_AndLeansToLargeScoresInLateRounds()
    {
        var picks = Select(5, SamosaVariant.Dynamic, round: 1, rounds: 10, seed: 3).Picked;
        Assert.Equal(5, picks.Distinct().Count());
        Assert.DoesNotContain(4, picks);
        Assert.DoesNotContain(5, picks);
        // One draw per trial from S; s̃ of rows 0,1,2,3,6 = (⅔, 0, 1, ⅔, ⅔). E[s̃ | ρ] = Σ w s̃ / Σ w:
        // ρ = 0.1: w = (0.467, 0.901, 0.173, 0.467, 0.467) → 0.447; ρ = 1: w = (0.691, 0, 1, 0.691, 0.691) → 0.775. 2000 one-draw
        // trials of a value in [0, 1]: SE ≤ 0.5/√2000 ≈ 0.011, so the tolerance 0.045 is 4 SE and the 0.33 gap is ~30 SE.
        double early = 0, late = 0;
        double[] norm = [2.0 / 3, 0, 1, 2.0 / 3, 0, 0, 2.0 / 3];
        for (int t = 0; t < 2000; t++)
        {
            early += norm[Select(1, SamosaVariant.Dynamic, 1, 10, (ulong)t).Picked[0]];
            late += norm[Select(1, SamosaVariant.Dynamic, 10, 10, (ulong)t + 7919).Picked[0]];
        }
        early /= 2000; late /= 2000;
        Assert.InRange(early, 0.447 - 0.045, 0.447 + 0.045);
        Assert.InRange(late, 0.775 - 0.045, 0.775 + 0.045);
    }

    [Fact]
    public void BadArguments_AreRejected()
    {
        var rng = new Xoshiro256StarStar(1);
        Assert.Throws<ArgumentOutOfRangeException>(() => SamosaQuery.Select(A, B, 2, 0, SamosaVariant.High, 1, 1, ref rng));
        Assert.Throws<ArgumentOutOfRangeException>(() => SamosaQuery.Select(A, B, 2, 8, SamosaVariant.High, 1, 1, ref rng));
        Assert.Throws<ArgumentOutOfRangeException>(() => SamosaQuery.Select(A, B, 2, 1, SamosaVariant.High, 2, 1, ref rng));
        Assert.Throws<ArgumentException>(() => SamosaQuery.Select(A, B.AsSpan(0, 18), 2, 1, SamosaVariant.High, 1, 1, ref rng));
    }
}

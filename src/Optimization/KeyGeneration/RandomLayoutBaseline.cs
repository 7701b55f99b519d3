using System.Numerics;
using PhyToolkit.Core.Random;

namespace PhyToolkit.Optimization.KeyGeneration;

/// <summary>
/// Random positions (RP, docs/fa-plkg.md; the analogue of 2210.05396's RP benchmark): the best of N random feasible layouts
/// (sequential rejection sampling), each scored with the §2.4 oracle precoder.
/// </summary>
public static class RandomLayoutBaseline
{
    /// <summary>Runs the baseline.</summary>
    /// <param name="evaluator">This worker's evaluator.</param>
    /// <param name="layouts">N ≥ 1 (spec: 100).</param>
    /// <param name="seed">Seed of the layout draws.</param>
    public static SchemeOutcome Run(KeyGenerationEvaluator evaluator, int layouts, ulong seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(layouts, 1);
        var problem = evaluator.Problem;
        var rng = new Xoshiro256StarStar(seed);
        var layout = new double[problem.LayoutLength];
        var best = new double[problem.LayoutLength];
        double bestKgr = double.NegativeInfinity;
        for (int i = 0; i < layouts; i++)
        {
            problem.Region.SampleFeasible(layout, ref rng);
            double v = evaluator.OracleKgr(layout);
            if (v > bestKgr) { bestKgr = v; layout.CopyTo(best, 0); }
        }
        var p = new Complex[problem.PrecoderLength];
        evaluator.SetLayout(best);
        evaluator.Oracle(p);
        return new SchemeOutcome(bestKgr, best, p, layouts, null);
    }
}

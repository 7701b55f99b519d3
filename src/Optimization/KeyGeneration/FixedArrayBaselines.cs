using PhyToolkit.Antennas;
using System.Numerics;
using PhyToolkit.Optimization.Results;

namespace PhyToolkit.Optimization.KeyGeneration;

/// <summary>
/// Fixed-position-array benchmarks of fa-plkg spec §4 (our choices where the paper is silent): the centred λ/2 UPA with
/// an optimised precoder (UPA-opt) or the isotropic precoder √ρ·I (UPA-iso), and the λ/2 ULA with an optimised precoder.
/// </summary>
public static class FixedArrayBaselines
{
    /// <summary>
    /// UPA-opt (spec §4.1, the paper's FPA baseline in kind): the centred λ/2 UPA, P by the oracle or by PGD to
    /// convergence from √ρ·I (spec §3.3; equal to the oracle within PGD's tolerance).
    /// </summary>
    public static SchemeOutcome UpaOptimized(KeyGenerationEvaluator evaluator, PrecoderMethod method) =>
        Optimized(evaluator, evaluator.Problem.UpaLayout(), method);

    /// <summary>UPA-iso (spec §4.1): the centred λ/2 UPA with P = √ρ·I (no precoder optimisation).</summary>
    public static SchemeOutcome UpaIsotropic(KeyGenerationEvaluator evaluator)
    {
        var problem = evaluator.Problem;
        var layout = problem.UpaLayout();
        var p = new Complex[problem.PrecoderLength];
        problem.IsotropicPrecoder(p);
        return new SchemeOutcome(evaluator.Kgr(p, layout), layout, p, 1, null);
    }

    /// <summary>
    /// FPA-ULA (spec §4.2): M antennas on a line at λ/2, centred on the region's centre, P optimised. The models are
    /// translation invariant, so a ULA longer than the region (e.g. M = 9 at A = 3λ) is placed beyond it: a fixed
    /// array is not bound to the fluid-antenna region (our choice).
    /// </summary>
    public static SchemeOutcome Ula(KeyGenerationEvaluator evaluator, PrecoderMethod method) =>
        Optimized(evaluator, UniformLinearArray.CentredLayout(evaluator.Problem.Antennas, evaluator.Problem.Region.SideWavelengths), method);

    /// <summary>The best precoder for a fixed layout: oracle, or PGD to convergence from √ρ·I.</summary>
    public static SchemeOutcome Optimized(KeyGenerationEvaluator evaluator, double[] layout, PrecoderMethod method, ConvergenceTrace? trace = null)
    {
        var problem = evaluator.Problem;
        var p = new Complex[problem.PrecoderLength];
        evaluator.SetLayout(layout);
        double kgr;
        if (method == PrecoderMethod.Oracle) kgr = evaluator.Oracle(p);
        else
        {
            problem.IsotropicPrecoder(p);
            kgr = evaluator.PgdFull(p, trace).BestValue;
        }
        return new SchemeOutcome(kgr, layout, p, 1, trace);
    }
}

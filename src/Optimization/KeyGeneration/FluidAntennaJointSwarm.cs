using System.Numerics;
using PhyToolkit.Optimization.Objectives;
using PhyToolkit.Optimization.Swarm;

namespace PhyToolkit.Optimization.KeyGeneration;

/// <summary>
/// Algorithm 1 of FA-PLKG (arXiv 2509.00018: joint optimisation of the precoder and the positions by PSO; encoding our
/// choice, fa-plkg docs/fa-plkg.md): z = [vec(Re P); vec(Im P); x₁,y₁,…,x_M,y_M] ∈ ℝ^(2MK+2M), precoder entries in [−√E, √E],
/// positions in [0, A]; after every move P is scaled onto the Frobenius ball; fitness KGR(P, t̃) − η·V(t̃).
/// Particle 0 is the UPA with its optimised precoder, so the result is never below UPA-opt.
/// </summary>
public static class FluidAntennaJointSwarm
{
    /// <summary>Runs the joint PSO.</summary>
    /// <param name="problem">The problem instance.</param>
    /// <param name="swarm">PSO settings (docs/fa-plkg.md: 30 × 40 reduced, 50 × 100 report).</param>
    /// <param name="incumbent">Seed (layout and precoder), e.g. UPA-opt.</param>
    /// <param name="seed">PSO seed.</param>
    /// <param name="positionRepair">Optional repair of the position part (push-apart, or the snap to discrete ports).</param>
    public static SchemeOutcome Run(KeyGenerationProblem problem, ParticleSwarmOptions swarm, SchemeOutcome incumbent, ulong seed, ParticleRepair? positionRepair = null)
    {
        int mk = problem.PrecoderLength, d = 2 * mk + problem.LayoutLength;
        double sqrtE = Math.Sqrt(problem.Model.EnergyBudget), side = problem.Region.SideWavelengths;
        var lower = new double[d];
        var upper = new double[d];
        for (int i = 0; i < 2 * mk; i++) { lower[i] = -sqrtE; upper[i] = sqrtE; }
        for (int i = 2 * mk; i < d; i++) { lower[i] = 0; upper[i] = side; }
        var objective = new Objective(problem);
        var z0 = new double[d];
        Encode(incumbent.Precoder, incumbent.Positions, z0);
        var pso = new ParticleSwarm(swarm);
        var result = pso.Maximize(new ParticleSwarmProblem(objective, new BoxBounds(lower, upper),
            z => problem.Penalty(z[(2 * mk)..]), z =>
            {
                ScalePrecoderOntoBall(z[..(2 * mk)], problem.Model.EnergyBudget);
                positionRepair?.Invoke(z[(2 * mk)..]);
            }), seed, z0);
        var p = new Complex[mk];
        var layout = new double[problem.LayoutLength];
        Decode(result.BestX, p, layout);
        return FluidAntennaAlternating.Finish(problem, objective.Evaluator, layout, p, result.Evaluations, result.History, incumbent);
    }

    /// <summary>Writes [Re P; Im P; positions] into z.</summary>
    public static void Encode(ReadOnlySpan<Complex> precoder, ReadOnlySpan<double> positions, Span<double> z)
    {
        int mk = precoder.Length;
        for (int i = 0; i < mk; i++) { z[i] = precoder[i].Real; z[mk + i] = precoder[i].Imaginary; }
        positions.CopyTo(z[(2 * mk)..]);
    }

    /// <summary>Reads P and the positions from z.</summary>
    public static void Decode(ReadOnlySpan<double> z, Span<Complex> precoder, Span<double> positions)
    {
        int mk = precoder.Length;
        for (int i = 0; i < mk; i++) precoder[i] = new Complex(z[i], z[mk + i]);
        z[(2 * mk)..].CopyTo(positions);
    }

    private static void ScalePrecoderOntoBall(Span<double> reIm, double energy)
    {
        double norm2 = 0;
        foreach (double v in reIm) norm2 += v * v;
        if (norm2 <= energy) return;
        double s = Math.Sqrt(energy / norm2);
        for (int i = 0; i < reIm.Length; i++) reIm[i] *= s;
    }

    private sealed class Objective(KeyGenerationProblem problem) : IObjective
    {
        private readonly Complex[] _p = new Complex[problem.PrecoderLength];
        private readonly double[] _layout = new double[problem.LayoutLength];
        public KeyGenerationEvaluator Evaluator { get; } = new(problem);

        public double Evaluate(ReadOnlySpan<double> z)
        {
            Decode(z, _p, _layout);
            return Evaluator.Kgr(_p, _layout);
        }
    }
}

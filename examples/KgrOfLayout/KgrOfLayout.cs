using System.Globalization;
using System.Numerics;
using PhyToolkit.Antennas;
using PhyToolkit.Channels.Correlation;
using PhyToolkit.Channels.KeyGeneration;
using PhyToolkit.Channels.Sampling;
using PhyToolkit.Core.Random;
using PhyToolkit.Optimization;
using PhyToolkit.Optimization.Objectives;
using PhyToolkit.Optimization.Swarm;

namespace PhyToolkit.Examples;

/// <summary>
/// Example (a): the key generation rate (KGR) of an antenna layout and of its optimised precoder, first for the λ/2
/// uniform planar array, then for fluid antennas whose positions a particle swarm chooses (docs/fa-plkg.md).
/// </summary>
public static class KgrOfLayout
{
    /// <summary>What the example computed (bits per probing round).</summary>
    /// <param name="UpaIsotropicKgr">UPA with the isotropic precoder P = √ρ·I.</param>
    /// <param name="UpaOptimisedKgr">UPA with the water-filling precoder (the optimum for that layout).</param>
    /// <param name="FluidOptimisedKgr">Swarm-chosen fluid-antenna layout with its water-filling precoder.</param>
    /// <param name="FluidUpperBound">log₂det(I + R/σ_A²) of the fluid layout: no precoder can exceed it.</param>
    /// <param name="FluidPositions">The fluid layout, interleaved (x₀, y₀, x₁, y₁, …) in wavelengths.</param>
    /// <param name="PrecoderEnergy">‖P*‖²_F of the fluid layout's precoder.</param>
    /// <param name="EnergyBudget">The downlink energy budget E = Kρ.</param>
    /// <param name="Layout">The region and minimum spacing the fluid layout must respect.</param>
    /// <param name="FitnessEvaluations">Layouts the swarm evaluated.</param>
    public sealed record Result(double UpaIsotropicKgr, double UpaOptimisedKgr, double FluidOptimisedKgr, double FluidUpperBound,
        double[] FluidPositions, double PrecoderEnergy, double EnergyBudget, PlanarRegion Layout, long FitnessEvaluations);

    /// <summary>Runs the example and prints a short account to <paramref name="output"/>.</summary>
    /// <param name="output">Where the text goes (the console in <see cref="Main"/>).</param>
    /// <param name="seed">Seed of the path geometry and of the swarm.</param>
    public static Result Run(TextWriter output, ulong seed = 1)
    {
        const int antennas = 4, paths = 3;
        const double regionSide = 2.0, minSpacing = 0.5, snrDb = 0;

        // One "harsh" geometry: L = 3 far-field paths, angles ~ U[0, π], equal powers 1/L.
        var rng = new Xoshiro256StarStar(seed);
        var channel = new FieldResponseCovariance(PathGeometry.Sample(paths, ref rng));

        // σ_A² = 1/ρ, σ_B² = 1, energy budget E = Kρ with K = M probing slots.
        var kgr = KgrModel.FromSnrDb(snrDb, slots: antennas);
        var workspace = new KgrWorkspace(antennas, antennas);
        var covariance = new Complex[antennas * antennas];
        var precoder = new Complex[antennas * antennas];

        // 1) The λ/2 UPA: KGR with P = √ρ·I, then with the optimal (water-filling) precoder.
        var upa = UniformPlanarArray.NearSquare(antennas, regionSide);
        channel.Covariance(upa.Positions, covariance);
        double sqrtRho = Math.Sqrt(Math.Pow(10, snrDb / 10));
        for (int m = 0; m < antennas; m++) precoder[m * antennas + m] = sqrtRho;
        double upaIsotropic = kgr.Value(precoder, covariance, workspace);
        double upaOptimised = kgr.WaterFillingPrecoder(covariance, precoder, workspace);

        // 2) Fluid antennas: a swarm over the 2M coordinates; fitness = optimal-precoder KGR of the layout minus
        //    10 bits per antenna pair closer than the minimum spacing. The UPA is particle 0, so the result is never worse.
        var region = new PlanarRegion(regionSide, minSpacing);
        var problem = new ParticleSwarmProblem(
            new OptimalKgrOfLayout(channel, kgr, antennas),
            BoxBounds.Uniform(2 * antennas, 0, regionSide),
            penalty: x => 10.0 * region.CountSpacingViolations(x),
            repair: x => region.TryRepair(x));
        var swarm = new ParticleSwarm(ParticleSwarmOptions.FaPlkg with { SwarmSize = 20, MaxIterations = 30 });
        var best = swarm.Maximize(problem, SeedMixer.Mix(seed, 2), incumbents: upa.Positions);

        channel.Covariance(best.BestX, covariance);
        double fluidOptimised = kgr.WaterFillingPrecoder(covariance, precoder, workspace);
        double bound = kgr.UpperBound(covariance, workspace);
        double energy = 0;
        foreach (var p in precoder) energy += p.Real * p.Real + p.Imaginary * p.Imaginary;

        string F(double v) => v.ToString("0.0000", CultureInfo.InvariantCulture);
        output.WriteLine($"M = {antennas} antennas, L = {paths} paths, region {regionSide}λ × {regionSide}λ, SNR {snrDb} dB");
        output.WriteLine($"UPA, P = √ρI           KGR = {F(upaIsotropic)} bits");
        output.WriteLine($"UPA, optimal P         KGR = {F(upaOptimised)} bits");
        output.WriteLine($"fluid layout, optimal P KGR = {F(fluidOptimised)} bits  (upper bound {F(bound)}; {best.Evaluations} layouts evaluated)");
        output.WriteLine($"gain over the UPA with optimal P: {(100 * (fluidOptimised / upaOptimised - 1)).ToString("0.0", CultureInfo.InvariantCulture)} %");
        output.WriteLine("fluid positions (λ): " + string.Join("  ", Enumerable.Range(0, antennas)
            .Select(m => $"({best.BestX[2 * m].ToString("0.00", CultureInfo.InvariantCulture)}, {best.BestX[2 * m + 1].ToString("0.00", CultureInfo.InvariantCulture)})")));
        return new Result(upaIsotropic, upaOptimised, fluidOptimised, bound, best.BestX, energy, kgr.EnergyBudget, region, best.Evaluations);
    }

    /// <summary>Entry point: <c>dotnet run --project examples/KgrOfLayout</c>.</summary>
    public static void Main() => Run(Console.Out);

    /// <summary>f(t) = max_P KGR(P, R(t)) subject to ‖P‖²_F ≤ E, by the water-filling precoder (not thread-safe: one workspace).</summary>
    private sealed class OptimalKgrOfLayout(FieldResponseCovariance channel, KgrModel kgr, int antennas) : IObjective
    {
        private readonly KgrWorkspace _workspace = new(antennas, antennas);
        private readonly Complex[] _covariance = new Complex[antennas * antennas];

        public double Evaluate(ReadOnlySpan<double> positions)
        {
            channel.Covariance(positions, _covariance);
            return kgr.OptimalValue(_covariance, _workspace);
        }
    }
}

using System.Numerics;
using PhyToolkit.Channels.Correlation;
using PhyToolkit.Channels.KeyGeneration;
using PhyToolkit.Optimization.MultiObjective;
using PhyToolkit.Optimization.Swarm;

namespace PhyToolkit.Optimization.KeyGeneration;

/// <summary>
/// The Pareto front of Bob's key-generation rate against Eve's leakage over the antenna positions and the precoder
/// (docs/fa-plkg.md, "Bob's rate against Eve's leakage", our extension [C]): NSGA-II minimises
/// (−I(ĥ_A; ĥ_B) + η·V(t̃), I(ĥ_A; ĥ_E) + η·V(t̃)) over z = [Re P; Im P; t̃] (the joint PSO's encoding,
/// <see cref="FluidAntennaJointSwarm.Encode"/>), with the same box, power budget and spacing penalty η·V as the
/// single-objective schemes. P is scaled onto the Frobenius ball ‖P‖²_F ≤ E before it is evaluated (the individual itself
/// is not changed), so every design on the front meets the power budget.
/// </summary>
public static class KeyRateLeakageFront
{
    /// <summary>Runs the search.</summary>
    /// <param name="problem">The key-generation problem (region, M, K, SNR, penalty); its correlation must be Bob's side of
    /// <paramref name="eve"/> (the covariances are taken from <paramref name="eve"/>).</param>
    /// <param name="eve">The joint statistics of Bob's and Eve's channels.</param>
    /// <param name="eveNoiseVariance">σ_E², Eve's observation-noise variance per slot, in [1e-30, 1e30].</param>
    /// <param name="options">NSGA-II settings.</param>
    /// <param name="seed">Seed of the run.</param>
    /// <param name="starts">Designs placed in the initial population (e.g. the KGR-optimal AO and UPA-opt), at most the
    /// population size; their layouts must lie in the region and their precoders in the box [−√E, √E].</param>
    public static KeyRateLeakageResult Run(KeyGenerationProblem problem, EavesdropperCorrelation eve, double eveNoiseVariance, Nsga2Options options,
        ulong seed, IReadOnlyList<SchemeOutcome> starts)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(eve);
        ArgumentNullException.ThrowIfNull(starts);
        if (!(eveNoiseVariance >= 1e-30 && eveNoiseVariance <= 1e30))
            throw new ArgumentOutOfRangeException(nameof(eveNoiseVariance), eveNoiseVariance, "eveNoiseVariance (σ_E²) must be a finite number in [1e-30, 1e30]");
        int mk = problem.PrecoderLength, d = 2 * mk + problem.LayoutLength;
        double sqrtE = Math.Sqrt(problem.Model.EnergyBudget), side = problem.Region.SideWavelengths;
        var lower = new double[d];
        var upper = new double[d];
        for (int i = 0; i < 2 * mk; i++) { lower[i] = -sqrtE; upper[i] = sqrtE; }
        for (int i = 2 * mk; i < d; i++) { lower[i] = 0; upper[i] = side; }
        var seeds = new double[starts.Count * d];
        for (int s = 0; s < starts.Count; s++)
            FluidAntennaJointSwarm.Encode(starts[s].Precoder, starts[s].Positions, seeds.AsSpan(s * d, d));
        var objective = new Objective(problem, eve, eveNoiseVariance);
        var result = new Nsga2(options).Minimize(objective, new BoxBounds(lower, upper), seed, initialPoints: seeds);

        // The archive holds every non-dominated design ever evaluated; keep those without a spacing violation.
        var front = new List<SecrecyDesign>();
        var archive = result.Archive;
        for (int k = 0; k < archive.Count; k++)
        {
            var z = archive.Point(k);
            var design = objective.Design(z);
            if (design.SpacingViolations == 0) front.Add(design);
        }
        front.Sort((a, b) => a.Rates.KeyGenerationRate.CompareTo(b.Rates.KeyGenerationRate));
        var startDesigns = new SecrecyDesign[starts.Count];
        for (int s = 0; s < starts.Count; s++) startDesigns[s] = objective.Design(seeds.AsSpan(s * d, d));
        return new KeyRateLeakageResult(front.ToArray(), startDesigns, result.Evaluations);
    }

    /// <summary>The secrecy rates of a design (layout, precoder scaled onto the ball) under <paramref name="eve"/>.</summary>
    /// <param name="problem">The problem (M, K, model, power budget).</param>
    /// <param name="eve">The channel statistics.</param>
    /// <param name="eveNoiseVariance">σ_E².</param>
    /// <param name="design">The design.</param>
    public static SecrecyRates Rates(KeyGenerationProblem problem, EavesdropperCorrelation eve, double eveNoiseVariance, SchemeOutcome design)
    {
        ArgumentNullException.ThrowIfNull(design);
        var z = new double[2 * problem.PrecoderLength + problem.LayoutLength];
        FluidAntennaJointSwarm.Encode(design.Precoder, design.Positions, z);
        return new Objective(problem, eve, eveNoiseVariance).Design(z).Rates;
    }

    private sealed class Objective(KeyGenerationProblem problem, EavesdropperCorrelation eve, double eveNoise) : IMultiObjectiveBatch
    {
        private readonly int _mk = problem.PrecoderLength, _m = problem.Antennas;
        private readonly Complex[] _p = new Complex[problem.PrecoderLength];
        private readonly double[] _layout = new double[problem.LayoutLength];
        private readonly Complex[] _r = new Complex[problem.Antennas * problem.Antennas];
        private readonly Complex[] _rg = new Complex[problem.Antennas * problem.Antennas];
        private readonly Complex[] _rhg = new Complex[problem.Antennas * problem.Antennas];
        private readonly KgrWorkspace _work = new(problem.Antennas, problem.Slots);

        public int ObjectiveCount => 2;

        public void Evaluate(ReadOnlySpan<double> points, Span<double> objectives)
        {
            int d = 2 * _mk + 2 * _m, s = objectives.Length / 2;
            for (int i = 0; i < s; i++)
            {
                var rates = RatesOf(points.Slice(i * d, d), out int violations);
                double penalty = problem.PenaltyPerViolation * violations;
                objectives[2 * i] = -rates.KeyGenerationRate + penalty;
                objectives[2 * i + 1] = rates.Leakage + penalty;
            }
        }

        // Decodes z into the reused buffers (P scaled onto the ball) and returns its rates; allocation-free.
        private SecrecyRates RatesOf(ReadOnlySpan<double> z, out int violations)
        {
            FluidAntennaJointSwarm.Decode(z, _p, _layout);
            PrecoderProjection.ProjectFrobeniusBall(_p, problem.Model.EnergyBudget);
            eve.Covariances(_layout, _r, _rg, _rhg);
            violations = problem.Region.CountSpacingViolations(_layout);
            return problem.Model.EveAwareRates(_p, _r, _rg, _rhg, eveNoise, _work);
        }

        public SecrecyDesign Design(ReadOnlySpan<double> z)
        {
            var rates = RatesOf(z, out int violations);
            return new SecrecyDesign(rates, _layout.ToArray(), _p.ToArray(), violations);
        }
    }
}

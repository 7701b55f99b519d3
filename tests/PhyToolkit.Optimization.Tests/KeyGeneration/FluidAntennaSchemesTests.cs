using System.Numerics;
using PhyToolkit.Antennas;
using PhyToolkit.Channels.Correlation;
using PhyToolkit.Channels.Sampling;
using PhyToolkit.Core.Random;
using PhyToolkit.Optimization.KeyGeneration;
using PhyToolkit.Optimization.Gradient;
using PhyToolkit.Optimization.Swarm;

namespace PhyToolkit.Optimization.Tests.KeyGeneration;

/// <summary>fa-plkg docs/fa-plkg.md assertions 5, 6, 7, 9 and 11 on the composed schemes, at M = 4 (fast).</summary>
public class FluidAntennaSchemesTests
{
    private static KeyGenerationProblem Problem(ulong seed, double snrDb = 10, int m = 4, int paths = 3, double side = 2)
    {
        var rng = new Xoshiro256StarStar(seed);
        return new KeyGenerationProblem(new FieldResponseCovariance(PathGeometry.Sample(paths, ref rng)), m, m, new PlanarRegion(side), snrDb);
    }

    private static ParticleSwarmOptions Swarm(int s = 12, int t = 15) => ParticleSwarmOptions.FaPlkg with { SwarmSize = s, MaxIterations = t };

    private static double Power(Complex[] p) => p.Sum(c => c.Real * c.Real + c.Imaginary * c.Imaginary);

    private static void AssertValid(KeyGenerationProblem problem, SchemeOutcome o)
    {
        Assert.True(problem.Region.IsFeasible(o.Positions, 1e-9), "returned layout infeasible");
        // ‖P‖²_F ≤ E up to round-off of the projection (relative 1e-12).
        Assert.True(Power(o.Precoder) <= problem.Model.EnergyBudget * (1 + 1e-12), $"power {Power(o.Precoder)} > E = {problem.Model.EnergyBudget}");
        // The reported KGR is the KGR of the returned (P, layout), to round-off.
        var ev = new KeyGenerationEvaluator(problem);
        Assert.Equal(o.Kgr, ev.Kgr(o.Precoder, o.Positions), 1e-9 * Math.Max(1, o.Kgr));
    }

    [Theory]
    [InlineData(1UL, -10.0)]
    [InlineData(2UL, 0.0)]
    [InlineData(3UL, 10.0)]
    [InlineData(4UL, 20.0)]
    public void PgdFromRandomStartsReachesTheWaterFillingOracle(ulong seed, double snrDb)
    {
        var problem = Problem(seed, snrDb);
        var ev = new KeyGenerationEvaluator(problem, fullPgd: new ProjectedGradientOptions { MaxIterations = 400, RelativeTolerance = 1e-10, ArmijoConstant = 0 });
        var layout = problem.UpaLayout();
        ev.SetLayout(layout);
        double oracle = ev.Oracle(new Complex[problem.PrecoderLength]);
        var rng = new Xoshiro256StarStar(seed + 100);
        for (int start = 0; start < 5; start++)
        {
            var p = new Complex[problem.PrecoderLength];
            for (int i = 0; i < p.Length; i++) p[i] = rng.NextComplexGaussian();
            double v = ev.PgdFull(p).BestValue;
            // docs/fa-plkg.md item 5: PGD reaches the §2.4 optimum within 1e-4 relative; it can never exceed it.
            Assert.True(v <= oracle * (1 + 1e-10), $"PGD {v} above the oracle {oracle}");
            Assert.True(v >= oracle * (1 - 1e-4), $"start {start}: PGD {v} vs oracle {oracle}");
            Assert.True(Power(p) <= problem.Model.EnergyBudget * (1 + 1e-12));
        }
    }

    [Theory]
    [InlineData(PrecoderMethod.Oracle)]
    [InlineData(PrecoderMethod.Pgd)]
    public void TwoLoopAoBeatsTheUpaAndReturnsAFeasibleDesign(PrecoderMethod method)
    {
        for (ulong seed = 10; seed < 13; seed++)
        {
            var problem = Problem(seed);
            var ev = new KeyGenerationEvaluator(problem);
            var upaOpt = FixedArrayBaselines.UpaOptimized(ev, method);
            var upaIso = FixedArrayBaselines.UpaIsotropic(ev);
            var ao = FluidAntennaAlternating.TwoLoop(problem, Swarm(), method, 5, problem.UpaLayout(), seed, FluidAntennaAlternating.RepairHook(problem));
            AssertValid(problem, ao);
            // §6.2 item 9: FA-AO ≥ UPA-opt (guaranteed by seeding; the AO's final solve is the same solver) and UPA-opt ≥ UPA-iso.
            Assert.True(ao.Kgr >= upaOpt.Kgr - 1e-9, $"AO {ao.Kgr} < UPA-opt {upaOpt.Kgr}");
            Assert.True(upaOpt.Kgr >= upaIso.Kgr - 1e-9);
            var trace = ao.Trace!.BestValues();
            for (int i = 1; i < trace.Length; i++) Assert.True(trace[i] >= trace[i - 1], "gbest decreased");
        }
    }

    [Fact]
    public void AoSeededWithTheRandomBaselinesLayoutIsNoWorseThanIt()
    {
        var problem = Problem(21);
        var ev = new KeyGenerationEvaluator(problem);
        var rp = RandomLayoutBaseline.Run(ev, 50, 5);
        AssertValid(problem, rp);
        var ao = FluidAntennaAlternating.TwoLoop(problem, Swarm(), PrecoderMethod.Oracle, 5, rp.Positions, 7, FluidAntennaAlternating.RepairHook(problem));
        Assert.True(ao.Kgr >= rp.Kgr - 1e-9, $"AO {ao.Kgr} < RP {rp.Kgr}");
    }

    [Fact]
    public void JointPsoPositionsOnlyGradientAscentAndBlockAoAreValidAndNeverBelowTheirSeed()
    {
        var problem = Problem(31, snrDb: 5);
        var ev = new KeyGenerationEvaluator(problem);
        var upaOpt = FixedArrayBaselines.UpaOptimized(ev, PrecoderMethod.Oracle);
        var pso = FluidAntennaJointSwarm.Run(problem, Swarm(15, 20), upaOpt, 3, FluidAntennaAlternating.RepairHook(problem));
        AssertValid(problem, pso);
        Assert.True(pso.Kgr >= upaOpt.Kgr - 1e-9);
        var pos = FluidAntennaPositionsOnly.Run(problem, Swarm(), problem.UpaLayout(), 4, FluidAntennaAlternating.RepairHook(problem));
        AssertValid(problem, pos);
        Assert.True(pos.Kgr >= FixedArrayBaselines.UpaIsotropic(ev).Kgr - 1e-9);
        var grad = PositionGradientAscent.Run(problem, problem.UpaLayout(), 40);
        AssertValid(problem, grad);
        Assert.True(grad.Kgr >= upaOpt.Kgr - 1e-9);
        var block = FluidAntennaAlternating.BlockAlternation(problem, Swarm(), 3, problem.UpaLayout(), 5);
        AssertValid(problem, block);
        var upaPgd = FixedArrayBaselines.UpaOptimized(ev, PrecoderMethod.Pgd);
        Assert.True(block.Kgr >= upaPgd.Kgr - 1e-9);
    }

    [Fact]
    public void MultiStartGradientAscentSpendsItsBudgetAndKeepsTheBestStart()
    {
        var problem = Problem(61, snrDb: -5);
        var single = PositionGradientAscent.Run(problem, problem.UpaLayout(), 20);
        var multi = PositionGradientAscent.MultiStart(problem, problem.UpaLayout(), 200, 20, 7);
        AssertValid(problem, multi);
        // The first start is the single run from the UPA, so the best start is at least as good.
        Assert.True(multi.Kgr >= single.Kgr - 1e-12);
        // Budget: at least 200 evaluations, overrun by at most one start (20 iterations + the initial evaluation).
        Assert.InRange(multi.FitnessEvaluations, 200, 200 + 21);
        Assert.Equal(multi.Kgr, PositionGradientAscent.MultiStart(problem, problem.UpaLayout(), 200, 20, 7).Kgr);
    }

    [Fact]
    public void GainMatchedRisHasTraceMAndTheSpecifiedOneDoesNot()
    {
        var problem = Problem(62, snrDb: -10);
        var settings = new RisSettings { PhaseStarts = 2, MaxRounds = 5 };
        var spec = RisAlternating.Run(problem, settings, PrecoderMethod.Oracle, 3);
        var gm = RisAlternating.Run(problem, settings, PrecoderMethod.Oracle, 3, gainMatched: true);
        double Trace(Complex[] r) => Enumerable.Range(0, problem.Antennas).Sum(i => r[i * problem.Antennas + i].Real);
        Assert.Equal(problem.Antennas, Trace(gm.Covariance!), 9);
        // Optimised phases earn passive-beamforming gain in the specified form: its trace exceeds M.
        Assert.True(Trace(spec.Covariance!) > problem.Antennas, $"tr R = {Trace(spec.Covariance!)}");
        Assert.True(gm.Kgr > 0 && gm.Kgr < spec.Kgr);
    }

    [Fact]
    public void SchemesAreDeterministicForAFixedSeed()
    {
        var a = FluidAntennaAlternating.TwoLoop(Problem(41), Swarm(), PrecoderMethod.Pgd, 5, Problem(41).UpaLayout(), 9, FluidAntennaAlternating.RepairHook(Problem(41)));
        var b = FluidAntennaAlternating.TwoLoop(Problem(41), Swarm(), PrecoderMethod.Pgd, 5, Problem(41).UpaLayout(), 9, FluidAntennaAlternating.RepairHook(Problem(41)));
        Assert.Equal(a.Kgr, b.Kgr);
        Assert.Equal(a.Positions, b.Positions);
        Assert.Equal(a.Precoder, b.Precoder);
    }

    [Fact]
    public void NestedRegionSeedingMakesTheAoNonDecreasingInA()
    {
        // §6.2 item 11: seeding A_{k+1} with the A_k solution (nested regions) gives FA-AO(A_{k+1}) ≥ FA-AO(A_k); UPA constant in A.
        var rng = new Xoshiro256StarStar(51);
        var corr = new FieldResponseCovariance(PathGeometry.Sample(3, ref rng));
        double[]? layout = null;
        double previous = double.NegativeInfinity, upa = double.NaN;
        foreach (double a in new[] { 1.0, 1.5, 2.0, 3.0 })
        {
            var problem = new KeyGenerationProblem(corr, 4, 4, new PlanarRegion(a), 10);
            var ev = new KeyGenerationEvaluator(problem);
            double u = FixedArrayBaselines.UpaOptimized(ev, PrecoderMethod.Oracle).Kgr;
            if (double.IsNaN(upa)) upa = u;
            Assert.Equal(upa, u, 1e-9 * upa);
            var ao = FluidAntennaAlternating.TwoLoop(problem, Swarm(), PrecoderMethod.Oracle, 5, layout ?? problem.UpaLayout(), 3, FluidAntennaAlternating.RepairHook(problem));
            Assert.True(ao.Kgr >= previous - 1e-9, $"A = {a}: {ao.Kgr} < {previous}");
            previous = ao.Kgr;
            layout = ao.Positions;
        }
    }

    [Fact]
    public void DiscretePortVariantReturnsLayoutsOnThePortGrid()
    {
        var problem = Problem(71, snrDb: 10, side: 3);
        var grid = new PortGrid(10, 10, 3, [0, 1, 2, 3]);
        var ports = new int[4];
        var ao = FluidAntennaAlternating.TwoLoop(problem, Swarm(), PrecoderMethod.Oracle, 5, problem.UpaLayout(), 2, x =>
        {
            problem.Region.TryRepair(x);
            grid.TrySnapToFreePorts(x, ports);
        });
        AssertValid(problem, ao);
        Assert.NotEqual(problem.UpaLayout(), ao.Positions); // the swarm found a better (port) layout than the seeded UPA
        for (int m = 0; m < 4; m++)
        {
            var port = grid.GetPortPosition(grid.NearestPort(ao.Positions[2 * m], ao.Positions[2 * m + 1]));
            Assert.Equal(port.X, ao.Positions[2 * m], 12);
            Assert.Equal(port.Y, ao.Positions[2 * m + 1], 12);
        }
    }

    [Fact]
    public void RisBenchmarkOptimisesThePhases()
    {
        var problem = Problem(61, snrDb: 0);
        var settings = new RisSettings { Rows = 2, Columns = 2, PhaseStarts = 2 };
        var ris = RisAlternating.Run(problem, settings, PrecoderMethod.Oracle, 1);
        Assert.True(double.IsFinite(ris.Kgr) && ris.Kgr > 0);
        Assert.True(Power(ris.Precoder) <= problem.Model.EnergyBudget * (1 + 1e-12));
        // With a single start and no AO rounds beyond the first, the value cannot be higher than with more starts (same seed).
        var more = RisAlternating.Run(problem, settings with { PhaseStarts = 4 }, PrecoderMethod.Oracle, 1);
        Assert.True(more.Kgr >= ris.Kgr - 1e-12);
    }

    [Fact]
    public void ImpossibleLayoutsFailWithTheSmallestFeasibleRegion()
    {
        var rng = new Xoshiro256StarStar(1);
        var corr = new FieldResponseCovariance(PathGeometry.Sample(2, ref rng));
        var e = Assert.ThrowsAny<ArgumentException>(() => new KeyGenerationProblem(corr, 9, 9, new PlanarRegion(0.5), 10));
        Assert.Contains("smallest", e.Message, StringComparison.OrdinalIgnoreCase);
        Assert.ThrowsAny<ArgumentException>(() => new KeyGenerationProblem(corr, 4, 4, new PlanarRegion(2), 10, penaltyPerViolation: -1));
        Assert.ThrowsAny<ArgumentException>(() => new KeyGenerationProblem(corr, 4, 4, new PlanarRegion(2), double.NaN));
    }
}

using PhyToolkit.Core.Random;
using PhyToolkit.Learning.Unlearning.Forging;
using Xunit.Abstractions;

namespace PhyToolkit.Learning.Tests.Unlearning.Forging;

public class ForgingAttacksTests(ITestOutputHelper output)
{
    private static List<double[]> UniformPool(ForgingDomain domain, int count, ulong seed)
    {
        var rng = new Xoshiro256StarStar(seed);
        var pool = new List<double[]>(count);
        for (int i = 0; i < count; i++)
        {
            var z = new double[domain.Dimension];
            domain.Sample(ref rng, z);
            pool.Add(z);
        }
        return pool;
    }

    private static double Median(double[] v)
    {
        var s = (double[])v.Clone();
        Array.Sort(s);
        return s.Length % 2 == 1 ? s[s.Length / 2] : 0.5 * (s[s.Length / 2 - 1] + s[s.Length / 2]);
    }

    [Fact]
    public void RandomCandidateErrorFollowsTheD8Law()
    {
        // M1 with d = 2 (r = 0), pool uniform on D = [−2, 2]², so ρ = 1/16 and μ(ε) ≈ K ε² with K = π/|r*| (D1).
        var (map, target, r) = ForgingFixtures.LinearRegression(1);
        var domain = ForgingDomain.Box(2, ForgingFixtures.HalfWidth);
        var gStar = new double[2];
        map.Gradient(target, gStar);
        const int reps = 200;
        double rho = 1 / domain.Volume, k = Math.PI / Math.Abs(r);
        var medians = new List<double>();
        foreach (int m in new[] { 1_000, 10_000 })
        {
            var e = new double[reps];
            for (int i = 0; i < reps; i++)
            {
                var pool = UniformPool(domain, m, SeedMixer.Mix(71, (ulong)m, (ulong)i, 0));
                e[i] = ForgingAttacks.RandomCandidates(map, pool, gStar, m, 1, -1, SeedMixer.Mix(72, (ulong)i)).Error;
            }
            double med = Median(e);
            double predicted = Math.Sqrt(Math.Log(2) / (m * rho * k)); // D8 with d − r = 2
            output.WriteLine($"M={m} median e_min={med:G4} D8={predicted:G4} ratio={med / predicted:F3}");
            // e_min^2 is ~Exponential, so the sample median of e_min over n = 200 has relative sd 1/(2 ln2 √n) ≈ 0.051;
            // 4 sd = 0.2 (the D8 linearisation error at e/|r*| ≈ 0.06 is a few per cent, inside it).
            Assert.True(Math.Abs(med / predicted - 1) <= 0.2);
            medians.Add(med);
        }
        double slope = Math.Log(medians[1] / medians[0]) / Math.Log(10);
        output.WriteLine($"slope of log median vs log M = {slope:F3} (predicted −1/(d−r) = −0.5)");
        Assert.True(Math.Abs(slope + 0.5) <= 0.125); // difference of two medians: sd ≈ √2·0.051/ln10 ≈ 0.031, 4 sd
    }

    [Fact]
    public void RandomCandidatesNeverDrawsTheExcludedPointAndIsDeterministic()
    {
        var (map, target, _) = ForgingFixtures.LinearRegression(2);
        var domain = ForgingDomain.Box(3, 2);
        var pool = UniformPool(domain, 50, 3);
        pool[17] = target; // the point to forget is in the pool: excluding it must keep e_min > 0
        var g = new double[3];
        map.Gradient(target, g);
        var a = ForgingAttacks.RandomCandidates(map, pool, g, 49, 1, 17, 9);
        var b = ForgingAttacks.RandomCandidates(map, pool, g, 49, 1, 17, 9);
        Assert.True(a.Error > 0);
        Assert.DoesNotContain(17, a.Indices);
        Assert.Equal(a.Error, b.Error);
        var withTarget = ForgingAttacks.RandomCandidates(map, pool, g, 50, 1, -1, 9);
        Assert.Equal(0.0, withTarget.Error); // all 50 points tried, the target among them
        Assert.Equal(17, withTarget.Indices[0]);
    }

    [Fact]
    public void GradientMatchingPaysSigmaMinTimesDistanceWhenRIsZero()
    {
        var (map, target, _) = ForgingFixtures.LinearRegression(2);
        var domain = ForgingDomain.Box(3, ForgingFixtures.HalfWidth);
        var analysis = VariationAnalysis.At(map, target);
        Assert.Equal(0, analysis.R);
        double sigmaMin = analysis.SingularValues[^1];
        foreach (double delta in new[] { 0.01, 0.03 })
        {
            var res = ForgingAttacks.GradientMatching(map, target, delta, domain, 32, 81);
            output.WriteLine($"delta={delta} e_min={res.Error:G5} sigma_min*delta={sigmaMin * delta:G5} ratio={res.Error / (sigmaMin * delta):F4} dist={res.Distance:G5}");
            Assert.True(res.Distance >= delta * (1 - 1e-9));
            // D9: e_min(δ) ≈ σ_min δ; spec tolerance 10 % at δ = 0.01 for the second-order terms O(δ·‖∂J‖/σ_min).
            if (delta == 0.01) Assert.True(Math.Abs(res.Error / (sigmaMin * delta) - 1) <= 0.10);
        }
    }

    [Fact]
    public void GradientMatchingForgesExactlyAlongNullDirections()
    {
        var (map, target, _) = ForgingFixtures.Projected(3, 2); // r = 1
        var domain = ForgingDomain.Box(4, ForgingFixtures.HalfWidth);
        foreach (double delta in new[] { 0.01, 0.03, 0.1 })
        {
            var res = ForgingAttacks.GradientMatching(map, target, delta, domain, 32, 82);
            output.WriteLine($"delta={delta} e_min={res.Error:G3} dist={res.Distance:G5}");
            Assert.True(res.Distance >= delta * (1 - 1e-9));
            Assert.True(res.Error <= 1e-6); // D9, r > 0 (check 11)
        }
    }

    [Fact]
    public void AuditPassesHonestLogsAndCatchesForgedOnes()
    {
        var (map, target, r) = ForgingFixtures.LinearRegression(2);
        var domain = ForgingDomain.Box(3, ForgingFixtures.HalfWidth);
        var batch = UniformPool(domain, 4, 101);
        batch[0] = target;
        var logged = new double[3];
        var g = new double[3];
        foreach (var z in batch) { map.Gradient(z, g); for (int i = 0; i < 3; i++) logged[i] += g[i] / 4; }
        var logged32 = new double[3];
        for (int i = 0; i < 3; i++) logged32[i] = (float)logged[i];

        Assert.True(ForgingAudit.Verify(map, batch, logged, AuditPrecision.Double).Passed);
        Assert.True(ForgingAudit.Verify(map, batch, logged32, AuditPrecision.Single).Passed);
        // float32 rounding (≈ 6e−8 relative) is far above the float64 threshold 100·2⁻⁵³ ≈ 1.1e−14: must fail.
        Assert.False(ForgingAudit.Verify(map, batch, logged32, AuditPrecision.Double).Passed);

        // A1-forged: replace the target slot by the best of 10⁴ pool points (target excluded), matching the target's share.
        var pool = UniformPool(domain, 10_000, 102);
        var gStar = new double[3];
        map.Gradient(target, gStar);
        var forged = ForgingAttacks.RandomCandidates(map, pool, gStar, 10_000, 1, -1, 103);
        var claimed = new List<double[]>(batch) { [0] = pool[forged.Indices[0]] };
        var single = ForgingAudit.Verify(map, claimed, logged32, AuditPrecision.Single);
        output.WriteLine($"forged e={single.Error:G3} threshold32={single.Threshold:G3} A1 e_min={forged.Error:G3}");
        Assert.False(single.Passed);
        Assert.False(ForgingAudit.Verify(map, claimed, logged, AuditPrecision.Double).Passed);

        // Forgeability at the float32 threshold for the target point: μ̂(ε_num)/vol(D) against D1.
        double epsNum = 100 * ForgingAudit.UnitRoundoff(AuditPrecision.Single) * Math.Sqrt(gStar[0] * gStar[0] + gStar[1] * gStar[1] + gStar[2] * gStar[2]);
        var (fraction, se) = ForgingAudit.Forgeability(map, target, epsNum, domain, 100_000, 104);
        double exact = ForgingClosedForms.LinearRegression(epsNum, r, 3) / domain.Volume;
        output.WriteLine($"forgeability={fraction:G4} ± {se:G3} D1={exact:G4}");
        Assert.True(Math.Abs(fraction - exact) <= 4 * se); // 4 binomial se
    }

    [Fact]
    public void AuditRefusesBadInputNamingTheParameterAndLeavesTheLogUntouched()
    {
        var (map, target, _) = ForgingFixtures.LinearRegression(1);
        double[] logged = [0.25, -0.5];
        var before = (double[])logged.Clone();
        var c = Assert.Throws<ArgumentOutOfRangeException>(() => ForgingAudit.Verify(map, [target], logged, AuditPrecision.Single, 0));
        Assert.Equal("c", c.ParamName);
        var empty = Assert.Throws<ArgumentException>(() => ForgingAudit.Verify(map, [], logged, AuditPrecision.Single));
        Assert.Equal("claimedBatch", empty.ParamName);
        var shape = Assert.Throws<ArgumentException>(() => ForgingAudit.Verify(map, [target], [0.25], AuditPrecision.Double));
        Assert.Equal("loggedGradient", shape.ParamName);
        var nan = Assert.Throws<ArgumentOutOfRangeException>(() => ForgingAudit.Verify(map, [target], [double.NaN, 0], AuditPrecision.Double));
        Assert.Equal("loggedGradient", nan.ParamName);
        var eps = Assert.Throws<ArgumentOutOfRangeException>(() => ForgingAudit.Forgeability(map, target, 0, ForgingDomain.Box(2, 2), 100, 1));
        Assert.Equal("threshold", eps.ParamName);
        Assert.Equal(before, logged);
    }
}

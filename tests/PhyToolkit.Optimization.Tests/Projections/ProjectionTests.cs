using System.Numerics;
using CsCheck;
using PhyToolkit.Core.Random;
using PhyToolkit.Optimization.Projections;
using PhyToolkit.Optimization.Swarm;

namespace PhyToolkit.Optimization.Tests;

public class ProjectionTests
{
    private static Complex[] RandomComplex(ulong seed, int n, double variance = 1)
    {
        var rng = new Xoshiro256StarStar(seed);
        var x = new Complex[n];
        for (int i = 0; i < n; i++) x[i] = rng.NextComplexGaussian(variance);
        return x;
    }

    private static double Energy(ReadOnlySpan<Complex> x) { double e = 0; foreach (var z in x) e += z.Real * z.Real + z.Imaginary * z.Imaginary; return e; }

    [Fact]
    public void FrobeniusBall_IsTheScaling_AndIdempotent()
    {
        var p = RandomComplex(1, 12, 4); // E[‖P‖²] = 48 > E = 5
        var proj = new FrobeniusBallProjection(5);
        var q = (Complex[])p.Clone();
        proj.Project(q);
        double a = Math.Sqrt(5 / Energy(p));
        for (int i = 0; i < p.Length; i++) Assert.Equal(0, Complex.Abs(q[i] - a * p[i]), 14); // exact scaling up to rounding
        Assert.Equal(5, Energy(q), 12);
        var r = (Complex[])q.Clone();
        proj.Project(r);
        for (int i = 0; i < r.Length; i++) Assert.Equal(0, Complex.Abs(r[i] - q[i]), 15); // idempotent (a rescale by 1 ± ulp at most)
        var inside = RandomComplex(2, 12, 0.01);
        var inside2 = (Complex[])inside.Clone();
        proj.Project(inside2);
        Assert.Equal(inside, inside2); // interior points untouched
    }

    [Fact]
    public void FrobeniusBall_Real_SatisfiesProjectionInequality_Property()
    {
        // Projection onto a closed convex set C: ⟨x − Π(x), y − Π(x)⟩ ≤ 0 for every y ∈ C.
        Gen.Select(Gen.Double[-5, 5].Array[4], Gen.Double[-1, 1].Array[4], Gen.Double[0.1, 4]).Sample((x, y, e) =>
        {
            var proj = new FrobeniusBallProjection(e);
            var px = (double[])x.Clone(); proj.Project(px);
            var py = (double[])y.Clone(); proj.Project(py); // a point of C
            double dot = 0;
            for (int i = 0; i < 4; i++) dot += (x[i] - px[i]) * (py[i] - px[i]);
            return dot <= 1e-12 * (1 + x.Sum(v => v * v)); // rounding floor relative to ‖x‖²
        }, iter: 300);
    }

    [Fact]
    public void ColumnPower_ScalesOnlyViolatingColumns()
    {
        const int M = 3, K = 4;
        var p = RandomComplex(3, M * K);
        p[0] *= 0.01; p[1] *= 0.01; p[2] *= 0.01; // column 0 well inside
        var proj = new ColumnPowerProjection(M, K, 0.5);
        var q = (Complex[])p.Clone();
        proj.Project(q);
        for (int k = 0; k < K; k++)
        {
            double e = Energy(p.AsSpan(k * M, M));
            double a = Math.Min(1, Math.Sqrt(0.5 / e));
            for (int i = 0; i < M; i++) Assert.Equal(0, Complex.Abs(q[k * M + i] - a * p[k * M + i]), 14);
            Assert.True(Energy(q.AsSpan(k * M, M)) <= 0.5 * (1 + 1e-14));
        }
        var r = (Complex[])q.Clone(); proj.Project(r);
        for (int i = 0; i < r.Length; i++) Assert.Equal(0, Complex.Abs(r[i] - q[i]), 15); // idempotent
        Assert.Throws<ArgumentException>(() => proj.Project(new Complex[5]));
    }

    [Fact]
    public void UnitModulus_IsPhaseNormalisation_AndIdempotent()
    {
        var x = RandomComplex(4, 16);
        x[3] = Complex.Zero;
        var q = (Complex[])x.Clone();
        UnitModulusProjection.Instance.Project(q);
        for (int i = 0; i < x.Length; i++)
        {
            Assert.Equal(1, Complex.Abs(q[i]), 14);
            if (i != 3) Assert.Equal(0, Math.IEEERemainder(q[i].Phase - x[i].Phase, 2 * Math.PI), 13); // phase kept
        }
        Assert.Equal(Complex.One, q[3]); // documented choice at 0
        var r = (Complex[])q.Clone(); UnitModulusProjection.Instance.Project(r);
        for (int i = 0; i < r.Length; i++) Assert.Equal(0, Complex.Abs(r[i] - q[i]), 15);
    }

    [Fact]
    public void Box_AndSliceSequence_AreExactBlockProjections()
    {
        var box = new BoxProjection(new BoxBounds([0, -1], [1, 1]));
        var seq = new ProjectionSequence(new SliceProjection(0, 2, box), new SliceProjection(2, 3, new FrobeniusBallProjection(1)));
        double[] z = [2, -3, 3, 0, 4];
        seq.Project(z);
        double[] expected = [1, -1, 0.6, 0, 0.8]; // box clamp on [0,2); (3,0,4)/5 on [2,5) (derived)
        for (int i = 0; i < 5; i++) Assert.Equal(expected[i], z[i], 1e-15);
        var z2 = (double[])z.Clone(); seq.Project(z2);
        for (int i = 0; i < 5; i++) Assert.Equal(z[i], z2[i], 1e-15); // idempotent up to a 1 ± ulp rescale
        Assert.Throws<ArgumentException>(() => seq.Project(new double[4]));
        Assert.Equal("maxEnergy", Assert.Throws<ArgumentOutOfRangeException>(() => new FrobeniusBallProjection(-1)).ParamName);
    }
}

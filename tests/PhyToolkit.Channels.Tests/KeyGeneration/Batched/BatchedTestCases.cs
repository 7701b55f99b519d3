using System.Numerics;
using PhyToolkit.Channels.Correlation;
using PhyToolkit.Channels.KeyGeneration;
using PhyToolkit.Channels.Sampling;
using PhyToolkit.Core.Random;

namespace PhyToolkit.Channels.Tests.KeyGeneration.Batched;

/// <summary>Random batched cases and the scalar reference (KgrModel on FieldResponseCovariance) they are checked against.</summary>
internal sealed class BatchedTestCase
{
    public BatchedTestCase(int m, int k, int paths, int particles, double snrDb, ulong seed, double regionWavelengths = 3, bool duplicateAntenna = false)
    {
        M = m; K = k; S = particles;
        var rng = new Xoshiro256StarStar(seed);
        Geometry = PathGeometry.Sample(paths, ref rng);
        Model = KgrModel.FromSnrDb(snrDb, k);
        Positions = new double[particles * 2 * m];
        for (int i = 0; i < Positions.Length; i++) Positions[i] = regionWavelengths * rng.NextDouble();
        if (duplicateAntenna && m >= 2)
            for (int s = 0; s < particles; s++)
            {
                // antenna 1 on top of antenna 0: R has two equal rows (singular even when L ≥ M)
                Positions[s * 2 * m + 2] = Positions[s * 2 * m];
                Positions[s * 2 * m + 3] = Positions[s * 2 * m + 1];
            }
        Precoders = new Complex[particles * m * k];
        double scale = Math.Sqrt(Model.EnergyBudget / (m * k));
        for (int i = 0; i < Precoders.Length; i++) Precoders[i] = rng.NextComplexGaussian(1) * scale;
    }

    public int M { get; }
    public int K { get; }
    public int S { get; }
    public PathGeometry Geometry { get; }
    public KgrModel Model { get; }
    public double[] Positions { get; }
    public Complex[] Precoders { get; }

    public Complex[] ScalarCovariance(int s)
    {
        var r = new Complex[M * M];
        new FieldResponseCovariance(Geometry).Covariance(Positions.AsSpan(s * 2 * M, 2 * M), r);
        return r;
    }

    public double[] ScalarKgr()
    {
        var ws = new KgrWorkspace(M, K);
        var result = new double[S];
        for (int s = 0; s < S; s++) result[s] = Model.Value(Precoders.AsSpan(s * M * K, M * K), ScalarCovariance(s), ws);
        return result;
    }

    public double[] ScalarOptimal()
    {
        var ws = new KgrWorkspace(M, K);
        var result = new double[S];
        for (int s = 0; s < S; s++) result[s] = Model.OptimalValue(ScalarCovariance(s), ws);
        return result;
    }

    /// <summary>max_s |a_s − b_s|/|b_s| with an absolute floor of 1e-300 (KGR ≥ 0).</summary>
    public static double MaxRelativeError(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double e = 0;
        for (int i = 0; i < a.Length; i++) e = Math.Max(e, Math.Abs(a[i] - b[i]) / Math.Max(Math.Abs(b[i]), 1e-300));
        return e;
    }
}

using PhyToolkit.Core.Compute;
using PhyToolkit.Channels.KeyGeneration;
using PhyToolkit.Channels.KeyGeneration.Batched;

namespace PhyToolkit.Channels.Tests.KeyGeneration.Batched;

public class BatchedKgrTrialsTests(KgrAcceleratorFixture fixture) : IClassFixture<KgrAcceleratorFixture>
{
    // Three trials (geometries) interleaved in one batch of 11 particles (lanes of one SIMD block mix trials): every particle
    // must match the scalar reference of its own trial to the 1e-10 relative, on every back-end.
    [Theory]
    [InlineData(ComputeBackendKind.Managed, 1)]
    [InlineData(ComputeBackendKind.Managed, 2)]
    [InlineData(ComputeBackendKind.IlgpuCpu, 1)]
    public void MixedTrialBatchEqualsPerTrialEvaluation(ComputeBackendKind backend, int workers)
    {
        int m = 6, k = 6, s = 11;
        var cases = new[] { new BatchedTestCase(m, k, 3, s, 10, 1), new BatchedTestCase(m, k, 3, s, 10, 2), new BatchedTestCase(m, k, 3, s, 10, 3) };
        var geometries = cases.Select(c => c.Geometry).ToArray();
        var idx = new int[s];
        var pos = new double[s * 2 * m];
        var pre = new System.Numerics.Complex[s * m * k];
        for (int i = 0; i < s; i++)
        {
            idx[i] = (i * 7) % 3;
            cases[idx[i]].Positions.AsSpan(i * 2 * m, 2 * m).CopyTo(pos.AsSpan(i * 2 * m));
            cases[idx[i]].Precoders.AsSpan(i * m * k, m * k).CopyTo(pre.AsSpan(i * m * k));
        }
        using var mixed = new BatchedKgrEvaluator(geometries, cases[0].Model, m, k, backend, workers,
            backend == ComputeBackendKind.IlgpuCpu ? fixture.Cpu : null);
        double[] kgr = new double[s], opt = new double[s];
        mixed.Kgr(pos, pre, idx, kgr);
        mixed.OptimalKgr(pos, idx, opt);
        for (int t = 0; t < 3; t++)
        {
            double[] want = cases[t].ScalarKgr(), wantOpt = cases[t].ScalarOptimal();
            for (int i = 0; i < s; i++)
            {
                if (idx[i] != t) continue;
                Assert.True(Math.Abs(kgr[i] - want[i]) <= 1e-10 * want[i], $"KGR particle {i}");
                Assert.True(Math.Abs(opt[i] - wantOpt[i]) <= 1e-10 * wantOpt[i], $"oracle particle {i}");
            }
        }
        Assert.Throws<ArgumentOutOfRangeException>("geometryIndices", () => mixed.OptimalKgr(pos, Enumerable.Repeat(3, s).ToArray(), opt));
        Assert.Throws<ArgumentException>("geometries", () => new BatchedKgrEvaluator(
            [geometries[0], new BatchedTestCase(m, k, 4, 1, 10, 9).Geometry], cases[0].Model, m, k));
    }
}

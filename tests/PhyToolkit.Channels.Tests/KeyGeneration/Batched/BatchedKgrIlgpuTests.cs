using PhyToolkit.Core.Compute;
using PhyToolkit.Channels.KeyGeneration;
using PhyToolkit.Channels.KeyGeneration.Batched;

namespace PhyToolkit.Channels.Tests.KeyGeneration.Batched;

public class BatchedKgrIlgpuTests(KgrAcceleratorFixture fixture) : IClassFixture<KgrAcceleratorFixture>
{
    // Same tolerance and rationale as the managed tests: same closed form, rounding-level differences only.
    private const double Tolerance = 1e-10;

    public static TheoryData<int, int, int, double> Sizes => new()
    {
        { 1, 1, 4, 10 }, { 3, 5, 2, 20 }, { 4, 4, 4, -30 }, { 9, 9, 4, 60 }, { 7, 7, 2, 0 },
    };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void CpuAcceleratorKgrMatchesScalarAndManaged(int m, int k, int paths, double snrDb)
    {
        var c = new BatchedTestCase(m, k, paths, particles: 5, snrDb, seed: (ulong)(31 * m + k + paths));
        using var ilgpu = new BatchedKgrEvaluator(c.Geometry, c.Model, m, k, ComputeBackendKind.IlgpuCpu, accelerator: fixture.Cpu);
        using var managed = new BatchedKgrEvaluator(c.Geometry, c.Model, m, k, ComputeBackendKind.Managed, 1);
        double[] g = new double[c.S], mg = new double[c.S];
        ilgpu.Kgr(c.Positions, c.Precoders, g);
        Assert.Equal(ComputeBackendKind.IlgpuCpu, ilgpu.LastBackend); // the request is passed in; no environment override in the library
        managed.Kgr(c.Positions, c.Precoders, mg);
        Assert.True(BatchedTestCase.MaxRelativeError(g, c.ScalarKgr()) <= Tolerance);
        Assert.True(BatchedTestCase.MaxRelativeError(g, mg) <= Tolerance);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void CpuAcceleratorOracleMatchesScalar(int m, int k, int paths, double snrDb)
    {
        var c = new BatchedTestCase(m, k, paths, particles: 5, snrDb, seed: (ulong)(17 * m + k + paths));
        using var ilgpu = new BatchedKgrEvaluator(c.Geometry, c.Model, m, k, ComputeBackendKind.IlgpuCpu, accelerator: fixture.Cpu);
        var g = new double[c.S];
        ilgpu.OptimalKgr(c.Positions, g);
        Assert.True(BatchedTestCase.MaxRelativeError(g, c.ScalarOptimal()) <= Tolerance);
    }

    [Fact]
    public void CpuAcceleratorHandlesSingularCovarianceAndLargeM()
    {
        var c = new BatchedTestCase(16, 16, 3, particles: 3, 60, seed: 12, duplicateAntenna: true);
        using var ilgpu = new BatchedKgrEvaluator(c.Geometry, c.Model, 16, 16, ComputeBackendKind.IlgpuCpu, accelerator: fixture.Cpu);
        var g = new double[c.S];
        ilgpu.Kgr(c.Positions, c.Precoders, g);
        Assert.True(BatchedTestCase.MaxRelativeError(g, c.ScalarKgr()) <= Tolerance);
        ilgpu.OptimalKgr(c.Positions, g);
        Assert.True(BatchedTestCase.MaxRelativeError(g, c.ScalarOptimal()) <= Tolerance);
    }

    [CudaFact]
    public void CudaKgrAndOracleMatchScalar()
    {
        var c = new BatchedTestCase(9, 9, 4, particles: 33, 10, seed: 77);
        using var cuda = new BatchedKgrEvaluator(c.Geometry, c.Model, 9, 9, ComputeBackendKind.Cuda);
        var g = new double[c.S];
        cuda.Kgr(c.Positions, c.Precoders, g);
        Assert.True(BatchedTestCase.MaxRelativeError(g, c.ScalarKgr()) <= Tolerance);
        cuda.OptimalKgr(c.Positions, g);
        Assert.True(BatchedTestCase.MaxRelativeError(g, c.ScalarOptimal()) <= Tolerance);
    }
}

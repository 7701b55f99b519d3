using PhyToolkit.Core.LinearAlgebra;

namespace PhyToolkit.Core.Tests.LinearAlgebra;

public class SymmetricEigenTests
{
    [Fact]
    public void ReconstructsTheMatrixWithOrthonormalEigenvectors()
    {
        const int m = 4;
        double[] a0 = [4, 1, -2, 0.5, 1, 3, 0, 1, -2, 0, 5, -1, 0.5, 1, -1, 2];
        var a = (double[])a0.Clone();
        var values = new double[m];
        var v = new double[m * m];
        SymmetricEigen.Decompose(a, m, values, v);
        for (int i = 0; i < m; i++)
            for (int j = 0; j < m; j++)
            {
                double rebuilt = 0, gram = 0;
                for (int k = 0; k < m; k++) { rebuilt += v[i * m + k] * values[k] * v[j * m + k]; gram += v[k * m + i] * v[k * m + j]; }
                Assert.Equal(a0[i * m + j], rebuilt, 1e-12);               // A = V diag(λ) Vᵀ
                Assert.Equal(i == j ? 1 : 0, gram, 1e-12);                  // VᵀV = I
            }
        Assert.Equal(4 + 3 + 5 + 2, values.Sum(), 1e-12);                  // trace is preserved
    }

    [Fact]
    public void DiagonalInputIsReturnedAsIs()
    {
        double[] a = [2, 0, 0, -3];
        var values = new double[2];
        var v = new double[4];
        SymmetricEigen.Decompose(a, 2, values, v);
        Assert.Equal([2.0, -3.0], values);
        Assert.Equal([1.0, 0, 0, 1.0], v);
    }
}

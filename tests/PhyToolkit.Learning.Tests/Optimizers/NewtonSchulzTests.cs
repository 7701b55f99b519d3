using PhyToolkit.Learning.Optimizers;
using TorchSharp;
using static TorchSharp.torch;

namespace PhyToolkit.Learning.Tests.Optimizers;

public class NewtonSchulzTests
{
    [Fact]
    public void Orthogonalize_KeepsSingularVectors_AndMapsSingularValuesThroughQuinticPolynomial()
    {
        TorchTest.Init();
        using var scope = torch.NewDisposeScope();
        var x = torch.randn(new long[] { 32, 64 }, dtype: ScalarType.Float64, generator: TorchTest.Gen(7));
        var (u, s, vh) = torch.linalg.svd(x, fullMatrices: false);
        var o = NewtonSchulz.Orthogonalize(x);

        // D = Uᵀ O V must be diagonal: NS applies an odd polynomial to the singular values only.
        var d = u.t().matmul(o).matmul(vh.t());
        var diag = d.diagonal();
        double offDiag = (d - torch.diag(diag)).norm().item<double>() / o.norm().item<double>();
        Assert.True(offDiag < 1e-10, $"off-diagonal share {offDiag}"); // float64 round-off of 15 matmuls of size 64: ~1e-14

        double fro = x.norm().item<double>();
        var sv = TorchTest.ToArray(s);
        var outSv = TorchTest.ToArray(diag);
        for (int i = 0; i < sv.Length; i++)
        {
            // exact statement of the iteration: σ_out = p⁵(σ / (‖X‖_F + 1e-7)), p(σ) = aσ + bσ³ + cσ⁵
            double expected = NewtonSchulz.SingularValueMap(sv[i] / (fro + 1e-7));
            Assert.Equal(expected, outSv[i], 1e-10);
            // approximate by design: every singular value of a 32×64 Gaussian lands in [0.68, 1.21] (docs/optim-adago.md; R0 asks [0.5, 1.3])
            Assert.InRange(outSv[i], 0.68, 1.21);
        }

        // distance to the exact polar factor U Vᵀ: spectral norm = max|σ_out − 1| ≤ 0.32 (not an equality — quintic NS does not converge to 1)
        var polar = u.matmul(vh);
        var spectralDistance = torch.linalg.matrix_norm(o - polar, ord: 2).item<double>();
        Assert.True(spectralDistance <= 0.32, $"‖O − UVᵀ‖₂ = {spectralDistance}, min {outSv.Min()} max {outSv.Max()}");
        // orthogonality closeness: ‖O Oᵀ − I‖₂ = max|σ_out² − 1| ≤ max(1 − 0.68², 1.21² − 1) = 0.5376
        var gram = o.matmul(o.t()) - torch.eye(32, dtype: ScalarType.Float64);
        Assert.True(torch.linalg.matrix_norm(gram, ord: 2).item<double>() <= 0.538);
    }

    [Fact]
    public void Orthogonalize_TransposeCommutes()
    {
        TorchTest.Init();
        using var scope = torch.NewDisposeScope();
        var x = torch.randn(new long[] { 12, 5 }, dtype: ScalarType.Float64, generator: TorchTest.Gen(3));
        var a = NewtonSchulz.Orthogonalize(x);
        var b = NewtonSchulz.Orthogonalize(x.t());
        Assert.True(TorchTest.MaxAbs(a - b.t()) < 1e-14); // identical arithmetic on the transposed operand
    }

    [Fact]
    public void SingularValueMap_FiveSteps_LandsIn068To121_ForNonTinyInputs()
    {
        // derived: p⁵ over σ ∈ [2e-3, 1] on a 20001-point grid stays in [0.6818, 1.2024]; p(1) = a + b + c = 0.701
        Assert.Equal(0.701, NewtonSchulz.SingularValueMap(1.0, 1), 12);
        for (int i = 0; i <= 20000; i++)
        {
            double sigma = 2e-3 + (1 - 2e-3) * i / 20000.0;
            Assert.InRange(NewtonSchulz.SingularValueMap(sigma), 0.68, 1.21);
        }
        Assert.True(NewtonSchulz.SingularValueMap(1e-4) < 0.5); // tiny singular values are not lifted to ≈1 in 5 steps
    }

    [Fact]
    public void Orthogonalize_RejectsBadInput()
    {
        using var scope = torch.NewDisposeScope();
        Assert.Throws<ArgumentException>(() => NewtonSchulz.Orthogonalize(torch.ones(3)));
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => NewtonSchulz.Orthogonalize(torch.ones(2, 2), steps: -1));
        Assert.Equal("steps", ex.ParamName);
    }
}

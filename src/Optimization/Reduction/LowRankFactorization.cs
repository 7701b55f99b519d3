using PhyToolkit.Core.Random;

namespace PhyToolkit.Optimization.Reduction;

/// <summary>
/// Low-rank matrix factorisation, problem E2 of docs/optim-reduction.md ([proposal]):
/// f(U, V) = ½‖UVᵀ − M‖_F², M = ABᵀ with A, B ∈ ℝ^{n×r} i.i.d. N(0, 1), so f* = 0 and the minimisers (AG, BG⁻ᵀ), G ∈ GL(r),
/// form an r²-dimensional manifold. x1 = vec(U), x2 = vec(V) (both n×r row-major). Argmin reduction (from ∇_V f = (VUᵀ − Mᵀ)U = 0):
/// Ψ(U) = MᵀU(UᵀU)⁻¹, F(U) = ½‖M − U(UᵀU)⁻¹UᵀM‖_F², which is invariant under U → UG (null space of ∇²F of dimension r² at S).
/// </summary>
/// <remarks>
/// Derived calculus (R = UVᵀ − M): ∇_U f = RV, ∇_V f = RᵀU. With S = UᵀU and dU = e_p e_qᵀ,
/// ∂Ψ_{i·}/∂U_{pq} = M_{pi} (S⁻¹)_{q·} − Ψ_{iq} (U_{p·}S⁻¹) − (Ψ_{i·}·U_{p·}) (S⁻¹)_{q·}. Spec sizes n = 30, r = 3.
/// Instances keep scratch buffers and are not thread-safe.
/// </remarks>
public sealed class LowRankFactorization : ISplitObjective, IReduction, ISplitHessianProducts, IBlockMinimizer
{
    private readonly double[] _m;                      // n×n row-major
    private readonly double[] _res;                    // n×n residual
    private readonly double[] _mtu, _s, _chol, _sinv, _psi, _usinv, _e;
    private readonly double[] _small;                  // r×r scratch of the Hessian products

    /// <summary>Creates the problem.</summary>
    /// <param name="size">n ≥ 2 (spec: 30).</param>
    /// <param name="rank">r in [1, n] (spec: 3).</param>
    /// <param name="seed">Seed of A and B.</param>
    public LowRankFactorization(int size, int rank, ulong seed)
    {
        Guard.AtLeast(size, 2, nameof(size));
        Guard.AtLeast(rank, 1, nameof(rank));
        if (rank > size) throw new ArgumentOutOfRangeException(nameof(rank), rank, $"rank must be in [1, size = {size}].");
        Size = size; Rank = rank;
        var rng = new Xoshiro256StarStar(seed);
        FactorA = new double[size * rank];
        FactorB = new double[size * rank];
        for (int i = 0; i < FactorA.Length; i++) FactorA[i] = rng.NextGaussian();
        for (int i = 0; i < FactorB.Length; i++) FactorB[i] = rng.NextGaussian();
        _m = new double[size * size];
        for (int i = 0; i < size; i++)
            for (int j = 0; j < size; j++)
            {
                double s = 0;
                for (int q = 0; q < rank; q++) s += FactorA[i * rank + q] * FactorB[j * rank + q];
                _m[i * size + j] = s;
            }
        _res = new double[size * size];
        _mtu = new double[size * rank];
        _psi = new double[size * rank];
        _usinv = new double[rank];
        _s = new double[rank * rank];
        _chol = new double[rank * rank];
        _sinv = new double[rank * rank];
        _e = new double[rank];
        _small = new double[rank * rank];
    }

    /// <summary>n.</summary>
    public int Size { get; }

    /// <summary>r.</summary>
    public int Rank { get; }

    /// <summary>A (n×r row-major): (U, V) = (A, B) is a minimiser.</summary>
    public double[] FactorA { get; }

    /// <summary>B (n×r row-major).</summary>
    public double[] FactorB { get; }

    /// <summary>n·r (dimension of vec U).</summary>
    public int N1 => Size * Rank;

    /// <summary>n·r (dimension of vec V).</summary>
    public int N2 => Size * Rank;

    /// <inheritdoc/>
    public bool IsArgmin => true;

    /// <inheritdoc/>
    public bool HasJacobian => true;

    /// <summary>f(U, V) = ½‖UVᵀ − M‖_F².</summary>
    public double Evaluate(ReadOnlySpan<double> x1, ReadOnlySpan<double> x2)
    {
        Residual(x1, x2);
        double v = 0;
        foreach (double e in _res) v += e * e;
        return 0.5 * v;
    }

    /// <summary>∇_U f = RV, ∇_V f = RᵀU with R = UVᵀ − M.</summary>
    public void Gradient(ReadOnlySpan<double> x1, ReadOnlySpan<double> x2, Span<double> gradient1, Span<double> gradient2)
    {
        Residual(x1, x2);
        int n = Size, r = Rank;
        gradient1[..N1].Clear();
        gradient2[..N2].Clear();
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                double rij = _res[i * n + j];
                for (int q = 0; q < r; q++)
                {
                    gradient1[i * r + q] += rij * x2[j * r + q];
                    gradient2[j * r + q] += rij * x1[i * r + q];
                }
            }
    }

    /// <summary>Ψ(U) = MᵀU(UᵀU)⁻¹ (Cholesky of the r×r Gram matrix).</summary>
    /// <exception cref="ArithmeticException">U is rank deficient.</exception>
    public void Psi(ReadOnlySpan<double> x1, Span<double> x2)
    {
        Prepare(x1);
        int n = Size, r = Rank;
        for (int i = 0; i < n; i++) DenseCholesky.Solve(_chol, r, _mtu.AsSpan(i * r, r), x2.Slice(i * r, r));
    }

    /// <summary>DΨ(U) as an (n·r)×(n·r) row-major matrix: row i·r + s (entry V_is), column p·r + q (entry U_pq).</summary>
    public void Jacobian(ReadOnlySpan<double> x1, Span<double> jacobian)
    {
        Psi(x1, _psi);
        int n = Size, r = Rank, nr = n * r;
        for (int q = 0; q < r; q++)
        {
            _e.AsSpan().Clear(); _e[q] = 1;
            DenseCholesky.Solve(_chol, r, _e, _sinv.AsSpan(q * r, r)); // S⁻¹ is symmetric: row q = column q
        }
        for (int p = 0; p < n; p++)
        {
            // u_p S⁻¹
            for (int s = 0; s < r; s++)
            {
                double v = 0;
                for (int q = 0; q < r; q++) v += x1[p * r + q] * _sinv[q * r + s];
                _usinv[s] = v;
            }
            for (int i = 0; i < n; i++)
            {
                double mpi = _m[p * n + i];
                double dot = 0;
                for (int q = 0; q < r; q++) dot += _psi[i * r + q] * x1[p * r + q];
                for (int q = 0; q < r; q++)
                {
                    int col = p * r + q;
                    double psiIq = _psi[i * r + q];
                    double coef = mpi - dot;
                    for (int s = 0; s < r; s++)
                        jacobian[(i * r + s) * nr + col] = coef * _sinv[q * r + s] - psiIq * _usinv[s];
                }
            }
        }
    }

    /// <summary>H22·Δ = Δ(UᵀU) (derived from ∇_V f = RᵀU, R = UVᵀ − M; Δ is n×r row-major).</summary>
    public void MultiplyH22(ReadOnlySpan<double> x1, ReadOnlySpan<double> x2, ReadOnlySpan<double> v, Span<double> result)
    {
        int n = Size, r = Rank;
        Gram(x1, x1, _small);
        MultiplySmall(v, _small, result, n, r, accumulate: false);
    }

    /// <summary>H21·Δ = V(ΔᵀU) + RᵀΔ (derivative of ∇_V f = RᵀU along U + Δ; derived).</summary>
    public void MultiplyH21(ReadOnlySpan<double> x1, ReadOnlySpan<double> x2, ReadOnlySpan<double> u, Span<double> result)
    {
        int n = Size, r = Rank;
        Residual(x1, x2);
        Gram(u, x1, _small);                       // ΔᵀU
        MultiplySmall(x2, _small, result, n, r, accumulate: false);
        for (int i = 0; i < n; i++)                // + RᵀΔ: row j += Σ_i R_ij Δ_i
            for (int j = 0; j < n; j++)
            {
                double rij = _res[i * n + j];
                for (int q = 0; q < r; q++) result[j * r + q] += rij * u[i * r + q];
            }
    }

    /// <summary>H12·W = H21ᵀW = U(WᵀV) + RW (adjoint of <see cref="MultiplyH21"/>; derived).</summary>
    public void MultiplyH12(ReadOnlySpan<double> x1, ReadOnlySpan<double> x2, ReadOnlySpan<double> w, Span<double> result)
    {
        int n = Size, r = Rank;
        Residual(x1, x2);
        Gram(w, x2, _small);                       // WᵀV
        MultiplySmall(x1, _small, result, n, r, accumulate: false);
        for (int i = 0; i < n; i++)                // + RW: row i += Σ_j R_ij W_j
            for (int j = 0; j < n; j++)
            {
                double rij = _res[i * n + j];
                for (int q = 0; q < r; q++) result[i * r + q] += rij * w[j * r + q];
            }
    }

    /// <summary>
    /// Exact block minimisation over U: U = MV(VᵀV)⁻¹ (from ∇_U f = (UVᵀ − M)V = 0; the alternating-least-squares step, derived).
    /// </summary>
    /// <exception cref="ArithmeticException">V is rank deficient.</exception>
    public void MinimizeFirstBlock(ReadOnlySpan<double> x2, Span<double> x1)
    {
        int n = Size, r = Rank;
        Gram(x2, x2, _s);
        DenseCholesky.Factor(_s, _chol, r);
        for (int i = 0; i < n; i++)
        {
            for (int q = 0; q < r; q++)
            {
                double s = 0;
                for (int j = 0; j < n; j++) s += _m[i * n + j] * x2[j * r + q];
                _e[q] = s;
            }
            DenseCholesky.Solve(_chol, r, _e, x1.Slice(i * r, r));
        }
    }

    // g = AᵀB (r×r) for n×r row-major A, B.
    private void Gram(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> g)
    {
        int n = Size, r = Rank;
        g[..(r * r)].Clear();
        for (int i = 0; i < n; i++)
            for (int p = 0; p < r; p++)
            {
                double aip = a[i * r + p];
                for (int q = 0; q < r; q++) g[p * r + q] += aip * b[i * r + q];
            }
    }

    // result = A·S for n×r row-major A and r×r S.
    private static void MultiplySmall(ReadOnlySpan<double> a, ReadOnlySpan<double> s, Span<double> result, int n, int r, bool accumulate)
    {
        for (int i = 0; i < n; i++)
            for (int q = 0; q < r; q++)
            {
                double v = accumulate ? result[i * r + q] : 0;
                for (int p = 0; p < r; p++) v += a[i * r + p] * s[p * r + q];
                result[i * r + q] = v;
            }
    }

    private void Prepare(ReadOnlySpan<double> u)
    {
        int n = Size, r = Rank;
        for (int a = 0; a < r; a++)
            for (int b = 0; b <= a; b++)
            {
                double s = 0;
                for (int i = 0; i < n; i++) s += u[i * r + a] * u[i * r + b];
                _s[a * r + b] = s; _s[b * r + a] = s;
            }
        DenseCholesky.Factor(_s, _chol, r);
        // MᵀU: row j = Σ_i M_ij u_i
        _mtu.AsSpan().Clear();
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                double mij = _m[i * n + j];
                for (int q = 0; q < r; q++) _mtu[j * r + q] += mij * u[i * r + q];
            }
    }

    private void Residual(ReadOnlySpan<double> u, ReadOnlySpan<double> v)
    {
        int n = Size, r = Rank;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                double s = -_m[i * n + j];
                for (int q = 0; q < r; q++) s += u[i * r + q] * v[j * r + q];
                _res[i * n + j] = s;
            }
    }
}

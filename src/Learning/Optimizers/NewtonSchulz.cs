using TorchSharp;
using static TorchSharp.torch;

namespace PhyToolkit.Learning.Optimizers;

/// <summary>
/// Quintic Newton–Schulz approximation of the orthogonal polar factor Orth(X) = U Vᵀ of X = U Σ Vᵀ (reduced SVD).
/// </summary>
/// <remarks>
/// <para>Iteration (KellerJordan/Muon <c>zeropower_via_newtonschulz5</c>; same defaults in <c>torch.optim.Muon</c> and optax):
/// Y ← X/(‖X‖_F + ε) in the wide orientation (transpose when rows &gt; cols), then <c>steps</c> times
/// A = Y Yᵀ, B = b·A + c·A·A, Y ← a·Y + B·Y, which maps every singular value through p(σ) = aσ + bσ³ + cσ⁵.</para>
/// <para>The reference coefficients (a, b, c) = (3.4445, −4.7750, 2.0315) maximise the slope at zero and do <b>not</b>
/// converge to 1: after 5 steps a singular value that is not tiny lands in roughly [0.68, 1.21] (p(1) ≈ 0.70), while a
/// normalised singular value below about 1e-3 stays below 0.5. The output is therefore U S′ Vᵀ with the exact singular
/// vectors and an approximate S′ ≈ I, by design. The reference runs in bfloat16; here it runs in the input's dtype
/// (use float32 or float64).</para>
/// </remarks>
public static class NewtonSchulz
{
    /// <summary>Reference coefficient a (KellerJordan/Muon).</summary>
    public const double A = 3.4445;

    /// <summary>Reference coefficient b (KellerJordan/Muon).</summary>
    public const double B = -4.7750;

    /// <summary>Reference coefficient c (KellerJordan/Muon).</summary>
    public const double C = 2.0315;

    /// <summary>Reference number of iterations (KellerJordan/Muon).</summary>
    public const int DefaultSteps = 5;

    /// <summary>Normalisation epsilon of the reference code and <c>torch.optim.Muon</c> (optax uses 1e-8).</summary>
    public const double DefaultEpsilon = 1e-7;

    /// <summary>
    /// Approximates Orth(X) for a 2-D tensor. Returns a new tensor of X's shape and dtype (the caller disposes it).
    /// </summary>
    /// <param name="x">A 2-D tensor (m×n, any m, n ≥ 1), floating point.</param>
    /// <param name="steps">Number of iterations, in [0, 100]; default 5.</param>
    /// <param name="a">Linear coefficient of p(σ).</param>
    /// <param name="b">Cubic coefficient of p(σ).</param>
    /// <param name="c">Quintic coefficient of p(σ).</param>
    /// <param name="eps">Added to the Frobenius norm before normalising, ≥ 0; default 1e-7.</param>
    public static Tensor Orthogonalize(Tensor x, int steps = DefaultSteps, double a = A, double b = B, double c = C, double eps = DefaultEpsilon)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.dim() != 2) throw new ArgumentException($"x must be 2-D; got shape {TensorChecks.ShapeText(x)}.", nameof(x));
        if (!x.is_floating_point()) throw new ArgumentException("x must be a floating-point tensor.", nameof(x));
        Guard.InRange(steps, 0, 100, nameof(steps));
        Guard.NonNegative(eps, nameof(eps));

        using var scope = torch.NewDisposeScope();
        using var ws = new NewtonSchulzWorkspace(x.shape[0], x.shape[1], x.dtype, x.device);
        ws.Y.copy_(ws.Wide(x));
        Iterate(ws, steps, a, b, c, eps);
        var result = ws.Transposed ? ws.Y.t().contiguous() : ws.Y.clone();
        return result.MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Runs the iteration in place on <paramref name="ws"/>: <c>ws.Y</c> holds the input in the wide orientation on entry
    /// and the result on exit. No tensor of the matrix's size is allocated.
    /// </summary>
    /// <remarks>
    /// Per step three GEMMs (m = short side, n = long side): A = Y Yᵀ (m²n multiply–adds), A·A (m³), B·Y (m²n), i.e.
    /// 2·(2m²n + m³) flops; the O(mn) scalings are folded into the GEMMs' α/β for float32 and lower
    /// (<c>addmm_</c> takes single-precision α/β, which is exact for those dtypes). For float64, the GEMMs run with α = 1,
    /// β = 0 and the coefficients are applied by separate O(m²)/O(mn) passes so they keep double precision.
    /// </remarks>
    internal static void Iterate(NewtonSchulzWorkspace ws, int steps, double a = A, double b = B, double c = C, double eps = DefaultEpsilon)
    {
        // Scalars held by `using` (never implicit double → Scalar temporaries): see AdamKernel.Step.
        using Scalar sEps = eps, sA = a, sB = b, sC = c, one = 1;
        using (var norm = TensorValues.Norm(ws.Y))
        {
            norm.add_(sEps, one);
            ws.Y.div_(norm);                                      // Y ← Y/(‖Y‖_F + ε): every singular value ≤ 1
        }
        bool fused = ws.DType != ScalarType.Float64;
        var gram = ws.Gram;
        var poly = ws.Poly;
        for (int k = 0; k < steps; k++)
        {
            var y = ws.Y;
            var next = ws.Next;
            using (var yt = y.t()) gram.addmm_(y, yt, beta: 0, alpha: 1); // A = Y Yᵀ
            if (fused)
            {
                poly.copy_(gram).addmm_(gram, gram, beta: (float)b, alpha: (float)c);   // B = b·A + c·A·A
                next.copy_(y).addmm_(poly, y, beta: (float)a, alpha: 1);                // Y' = a·Y + B·Y
            }
            else
            {
                poly.addmm_(gram, gram, beta: 0, alpha: 1).mul_(sC).add_(gram, alpha: sB);
                next.addmm_(poly, y, beta: 0, alpha: 1).add_(y, alpha: sA);
            }
            ws.Swap();
        }
    }

    /// <summary>
    /// The scalar map applied to one normalised singular value: p iterated <paramref name="steps"/> times, p(σ) = aσ + bσ³ + cσ⁵.
    /// </summary>
    /// <param name="sigma">A normalised singular value in [0, 1].</param>
    /// <param name="steps">Number of iterations ≥ 0.</param>
    public static double SingularValueMap(double sigma, int steps = DefaultSteps)
    {
        Guard.InRange(steps, 0, 100, nameof(steps));
        double s = sigma;
        for (int k = 0; k < steps; k++)
        {
            double s2 = s * s;
            s = A * s + B * s * s2 + C * s * s2 * s2;
        }
        return s;
    }
}

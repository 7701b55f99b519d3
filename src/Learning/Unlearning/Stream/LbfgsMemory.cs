using PhyToolkit.Core.LinearAlgebra;

namespace PhyToolkit.Learning.Unlearning.Stream;

/// <summary>
/// Online L-BFGS memory of the Memory Pair (Stewart, "Mo' Memory, Mo' Problems: Stream-Native Machine Unlearning",
/// arXiv 2508.10193, appendix on online L-BFGS): the τ most recent curvature pairs (s, y, ρ = 1/(yᵀs)) and the
/// two-loop recursion that applies the inverse-Hessian approximation
/// B⁻¹_{u+1} = Vᵀ B⁻¹_u V + ρ s sᵀ, V = I − ρ y sᵀ, u = 0..τ−1, from B⁻¹_0 = γI [P], without forming a d×d matrix
/// (cost O(τd) per call). Each pair carries a tag (the id of the insert event that created it) so that a deletion can
/// purge the pair of the deleted point (state alignment, arXiv 2605.17590) [Proposed].
/// </summary>
/// <remarks>
/// Pair acceptance follows the author's reference code [P]: if yᵀs ≤ 1e−10 the pair is damped, y ← y + 1e−10·s; it is
/// skipped when |yᵀs| &lt; 1e−8 after damping; the oldest pair is evicted when the window is full. Initial scaling [P,
/// code]: γ = s₀ᵀy₀ / max(y₀ᵀy₀, 1e−12) from the <b>oldest</b> stored pair; with an empty memory γ = 1/max(‖g‖², 1).
/// State: τ(2d + 1) numbers (the pairs and their ρ), independent of the stream length.
/// </remarks>
public sealed class LbfgsMemory
{
    /// <summary>Damping threshold on yᵀs (reference code of arXiv 2508.10193).</summary>
    public const double DampThreshold = 1e-10;

    /// <summary>Skip threshold on |yᵀs| after damping (reference code of arXiv 2508.10193).</summary>
    public const double SkipThreshold = 1e-8;

    private readonly double[][] _s, _y;
    private readonly double[] _rho;
    private readonly long[] _tag;
    private readonly double[] _alpha;
    private int _count;

    /// <summary>Creates an empty memory.</summary>
    /// <param name="dimension">d ≥ 1, the parameter dimension.</param>
    /// <param name="window">τ ≥ 1, the number of pairs kept (reference-code default 10).</param>
    public LbfgsMemory(int dimension, int window)
    {
        Dimension = Guard.AtLeast(dimension, 1, nameof(dimension));
        Window = Guard.AtLeast(window, 1, nameof(window));
        _s = new double[window][];
        _y = new double[window][];
        for (int i = 0; i < window; i++) { _s[i] = new double[dimension]; _y[i] = new double[dimension]; }
        _rho = new double[window];
        _tag = new long[window];
        _alpha = new double[window];
    }

    /// <summary>d, the parameter dimension.</summary>
    public int Dimension { get; }

    /// <summary>τ, the window (maximum number of stored pairs).</summary>
    public int Window { get; }

    /// <summary>Number of stored pairs (0..τ). Index 0 is the oldest.</summary>
    public int Count => _count;

    /// <summary>Numbers held by the memory: τ(2d + 1), constant in the stream length (arXiv 2508.10193, §"memory") [P].</summary>
    public int StateSize => Window * (2 * Dimension + 1);

    /// <summary>The stored s of pair <paramref name="index"/> (0 = oldest).</summary>
    public ReadOnlySpan<double> S(int index) => _s[CheckIndex(index)];

    /// <summary>The stored y of pair <paramref name="index"/> (0 = oldest; after damping).</summary>
    public ReadOnlySpan<double> Y(int index) => _y[CheckIndex(index)];

    /// <summary>ρ = 1/(yᵀs) of pair <paramref name="index"/>.</summary>
    public double Rho(int index) => _rho[CheckIndex(index)];

    /// <summary>The tag given to pair <paramref name="index"/> by <see cref="AddPair"/>.</summary>
    public long Tag(int index) => _tag[CheckIndex(index)];

    /// <summary>Index of the pair carrying <paramref name="tag"/>, or −1.</summary>
    public int IndexOfTag(long tag)
    {
        for (int i = 0; i < _count; i++) if (_tag[i] == tag) return i;
        return -1;
    }

    /// <summary>
    /// Adds the pair (s, y) with the reference code's acceptance rule (damp when yᵀs ≤ 1e−10, skip when |yᵀs| &lt; 1e−8
    /// after damping, evict the oldest when full).
    /// </summary>
    /// <param name="s">Parameter change v_t = w_{t+1} − w_t.</param>
    /// <param name="y">Gradient change r_t on the same sample, ∇ℓ(w_{t+1}) − ∇ℓ(w_t).</param>
    /// <param name="tag">Tag kept with the pair (the id of the insert event).</param>
    /// <returns>True when the pair was stored, false when skipped.</returns>
    public bool AddPair(ReadOnlySpan<double> s, ReadOnlySpan<double> y, long tag)
    {
        Guard.Length(s, Dimension, nameof(s));
        Guard.Length(y, Dimension, nameof(y));
        double ys = VectorOps.Dot(y, s);
        if (!double.IsFinite(ys)) throw new ArgumentException($"yᵀs = {ys}; allowed: finite pairs.", nameof(y));
        bool damp = ys <= DampThreshold;
        if (damp) ys += DampThreshold * VectorOps.Dot(s, s);
        if (Math.Abs(ys) < SkipThreshold) return false;
        if (_count == Window) RemovePairAt(0);
        int k = _count;
        s.CopyTo(_s[k]);
        y.CopyTo(_y[k]);
        if (damp) for (int j = 0; j < Dimension; j++) _y[k][j] += DampThreshold * s[j];
        _rho[k] = 1.0 / ys;
        _tag[k] = tag;
        _count++;
        return true;
    }

    /// <summary>Removes pair <paramref name="index"/> (0 = oldest), keeping the order of the others.</summary>
    public void RemovePairAt(int index)
    {
        CheckIndex(index);
        double[] s = _s[index], y = _y[index];
        for (int i = index; i < _count - 1; i++)
        {
            _s[i] = _s[i + 1]; _y[i] = _y[i + 1]; _rho[i] = _rho[i + 1]; _tag[i] = _tag[i + 1];
        }
        _s[_count - 1] = s; _y[_count - 1] = y;   // recycle the buffers
        _count--;
    }

    /// <summary>Removes every pair.</summary>
    public void Clear() => _count = 0;

    /// <summary>Initial scaling γ of B⁻¹_0 = γI for gradient <paramref name="g"/> (reference code of arXiv 2508.10193).</summary>
    public double InitialScaling(ReadOnlySpan<double> g)
    {
        if (_count == 0) return 1.0 / Math.Max(VectorOps.Dot(g, g), 1.0);
        double sy = VectorOps.Dot(_s[0], _y[0]), yy = VectorOps.Dot(_y[0], _y[0]);
        return sy / Math.Max(yy, 1e-12);
    }

    /// <summary>
    /// r = B⁻¹ g by the two-loop recursion (Nocedal and Wright, Numerical Optimization, Alg. 7.4) over the stored
    /// pairs, oldest to newest; the quasi-Newton descent direction of the paper is d = −r. O(τd), no allocation.
    /// </summary>
    /// <param name="g">Gradient (length d).</param>
    /// <param name="result">Output r = B⁻¹g (length d; may not alias <paramref name="g"/>).</param>
    public void ApplyInverseHessian(ReadOnlySpan<double> g, Span<double> result)
    {
        Guard.Length(g, Dimension, nameof(g));
        Guard.Length(result.Length, Dimension, nameof(result));
        double gamma = InitialScaling(g);
        g.CopyTo(result);
        for (int i = _count - 1; i >= 0; i--)
        {
            double a = _rho[i] * VectorOps.Dot(_s[i], result);
            _alpha[i] = a;
            double[] yi = _y[i];
            for (int j = 0; j < result.Length; j++) result[j] -= a * yi[j];
        }
        for (int j = 0; j < result.Length; j++) result[j] *= gamma;
        for (int i = 0; i < _count; i++)
        {
            double b = _rho[i] * VectorOps.Dot(_y[i], result);
            double c = _alpha[i] - b;
            double[] si = _s[i];
            for (int j = 0; j < result.Length; j++) result[j] += c * si[j];
        }
    }

    /// <summary>The quasi-Newton descent direction d = −B⁻¹g of the pair step (arXiv 2508.10193, Algorithm "Memory Pair Step") [P].</summary>
    public void Direction(ReadOnlySpan<double> g, Span<double> direction)
    {
        ApplyInverseHessian(g, direction);
        for (int j = 0; j < direction.Length; j++) direction[j] = -direction[j];
    }

    private int CheckIndex(int index) =>
        (uint)index < (uint)_count ? index : throw new ArgumentOutOfRangeException(nameof(index), index, $"index = {index}; allowed: an integer in [0, {_count - 1}].");
}

using PhyToolkit.Learning.Torch;
using PhyToolkit.Optimization.NaturalGradient;
using TorchSharp;
using static TorchSharp.torch;

namespace PhyToolkit.Learning.PhysicsInformed;

/// <summary>
/// The PINN residual of a <see cref="PdeProblem"/> for a tanh MLP of any depth, with the operator and the Jacobian by
/// TorchSharp autograd in float64 (the generic Jacobian path of the ENGD-W reproduction, docs/engd.md): D[u] from nested
/// <c>autograd.grad(create_graph: true)</c> calls (∇u, then one more per spatial coordinate for Δu), J row by row with one
/// vector–Jacobian product per residual (N backward passes). Residual scaling and rows as <see cref="PinnResidualModel"/>.
/// </summary>
/// <remarks>
/// <para>Parameter layout: for each layer in order, its weight (out × in, row-major) then its bias; with one hidden layer this
/// is exactly <see cref="ShallowTanhNetwork"/>'s layout, so the two models agree entry by entry (a test checks this).</para>
/// <para>Cost per Jacobian: N backward passes through a second-order graph; intended for moderate N (a few hundred). Collocation
/// points are shared with a <see cref="PinnResidualModel"/> of the same sizes (<see cref="UsePointsOf"/>).</para>
/// </remarks>
public sealed class TorchMlpResidualModel : IResidualModel
{
    private readonly int[] _widths;
    private double[] _interior = [], _boundary = [], _f = [], _g = [];
    private int _nInterior, _nBoundary;

    /// <summary>Creates the model for <paramref name="problem"/> with hidden widths <paramref name="hiddenWidths"/> (≥ 1 layer, each ≥ 1).</summary>
    public TorchMlpResidualModel(PdeProblem problem, IReadOnlyList<int> hiddenWidths)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(hiddenWidths);
        if (hiddenWidths.Count == 0) throw new ArgumentException("at least one hidden layer is needed", nameof(hiddenWidths));
        foreach (int w in hiddenWidths) Guard.AtLeast(w, 1, nameof(hiddenWidths));
        Problem = problem;
        _widths = [problem.InputDimension, .. hiddenWidths, 1];
        int p = 0;
        for (int l = 0; l + 1 < _widths.Length; l++) p += _widths[l + 1] * (_widths[l] + 1);
        ParameterCount = p;
        TorchRuntime.EnsureLoaded();
    }

    /// <summary>The PDE.</summary>
    public PdeProblem Problem { get; }

    /// <inheritdoc/>
    public int ParameterCount { get; }

    /// <inheritdoc/>
    public int ResidualCount => _nInterior + _nBoundary;

    /// <summary>Uses the current collocation points (and f, g on them) of <paramref name="source"/>.</summary>
    public void UsePointsOf(PinnResidualModel source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Problem.InputDimension != Problem.InputDimension) throw new ArgumentException("the source model has another input dimension", nameof(source));
        _nInterior = source.InteriorCount;
        _nBoundary = source.BoundaryCount;
        _interior = source.InteriorPoints.ToArray();
        _boundary = source.BoundaryPoints.ToArray();
        int m = Problem.InputDimension;
        _f = new double[_nInterior];
        _g = new double[_nBoundary];
        for (int i = 0; i < _nInterior; i++) _f[i] = Problem.Source(_interior.AsSpan(i * m, m));
        for (int i = 0; i < _nBoundary; i++) _g[i] = Problem.Exact(_boundary.AsSpan(i * m, m));
    }

    /// <inheritdoc/>
    public void Residuals(ReadOnlySpan<double> theta, Span<double> residuals)
    {
        using var scope = NewDisposeScope();
        var (r, _) = Build(theta);
        r.detach().data<double>().CopyTo(residuals[..ResidualCount]);
    }

    /// <inheritdoc/>
    public void Jacobian(ReadOnlySpan<double> theta, Span<double> residuals, Span<double> jacobian)
    {
        using var scope = NewDisposeScope();
        var (r, parameters) = Build(theta);
        r.detach().data<double>().CopyTo(residuals[..ResidualCount]);
        int p = ParameterCount;
        for (int i = 0; i < ResidualCount; i++)
        {
            using var inner = NewDisposeScope();
            var grads = autograd.grad([r[i]], parameters, retain_graph: true, allow_unused: true);
            int offset = 0;
            for (int k = 0; k < parameters.Count; k++)
            {
                int count = (int)parameters[k].numel();
                var row = jacobian.Slice(i * p + offset, count);
                if (grads[k] is null || grads[k].IsInvalid) row.Clear();
                else grads[k].detach().contiguous().data<double>().CopyTo(row);
                offset += count;
            }
        }
    }

    /// <summary>The residual vector r (graph kept for θ) and the parameter leaves.</summary>
    private (Tensor R, List<Tensor> Parameters) Build(ReadOnlySpan<double> theta)
    {
        int m = Problem.InputDimension, d = Problem.SpatialDimension;
        // Every Scalar held in a disposed local (captured by Forward below): a temporary finalised by the GC during a native
        // call corrupts the result.
        using Scalar one = 1, sDiffusion = -Problem.DiffusionCoefficient, sTime = Problem.TimeCoefficient,
            sInterior = Math.Sqrt(_nInterior), sBoundary = Math.Sqrt(_nBoundary);
        var parameters = new List<Tensor>();
        int offset = 0;
        for (int l = 0; l + 1 < _widths.Length; l++)
        {
            int fanIn = _widths[l], fanOut = _widths[l + 1];
            parameters.Add(tensor(theta.Slice(offset, fanOut * fanIn).ToArray(), [fanOut, fanIn], float64).requires_grad_(true));
            offset += fanOut * fanIn;
            parameters.Add(tensor(theta.Slice(offset, fanOut).ToArray(), [fanOut], float64).requires_grad_(true));
            offset += fanOut;
        }
        Tensor Forward(Tensor x)
        {
            var h = x;
            for (int l = 0; l < parameters.Count / 2; l++)
            {
                h = h.matmul(parameters[2 * l].t()).add(parameters[2 * l + 1], one);
                if (l + 1 < parameters.Count / 2) h = h.tanh();
            }
            return h.squeeze(1);
        }

        var xi = tensor(_interior, [_nInterior, m], float64).requires_grad_(true);
        var u = Forward(xi);
        var grad = autograd.grad([u.sum()], [xi], retain_graph: true, create_graph: true)[0];          // ∇u, n × m
        var lap = zeros(_nInterior, float64);
        for (int k = 0; k < d; k++)
            lap = lap.add(autograd.grad([grad[TensorIndex.Colon, k].sum()], [xi], retain_graph: true, create_graph: true)[0][TensorIndex.Colon, k], one);
        var op = lap.mul(sDiffusion);
        if (Problem.HasTime) op = op.add(grad[TensorIndex.Colon, d].mul(sTime), one);
        var rInterior = op.sub(tensor(_f, float64)).div(sInterior);
        var xb = tensor(_boundary, [_nBoundary, m], float64);
        var rBoundary = Forward(xb).sub(tensor(_g, float64)).div(sBoundary);
        return (cat([rInterior, rBoundary], 0), parameters);
    }
}

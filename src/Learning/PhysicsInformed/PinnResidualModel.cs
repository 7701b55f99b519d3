using PhyToolkit.Core.Random;
using PhyToolkit.Optimization.NaturalGradient;

namespace PhyToolkit.Learning.PhysicsInformed;

/// <summary>
/// The PINN least-squares residual of a <see cref="PdeProblem"/> with a <see cref="ShallowTanhNetwork"/> (closed-form
/// Jacobian, float64): r = [(D[u_θ](xᵢ) − f(xᵢ))/√N_Ω ; (u_θ(x^b_j) − g(x^b_j))/√N_∂], L = ½‖r‖², the scaling of the authors'
/// code for arXiv 2505.12149 (<c>woodbury.py</c>). Collocation points are redrawn by <see cref="Resample"/> (every step in the
/// paper's runs).
/// </summary>
/// <remarks>Rows 0…N_Ω−1 are interior residuals, rows N_Ω…N−1 boundary residuals. Not thread-safe (it holds the current points).</remarks>
public sealed class PinnResidualModel : IResidualModel
{
    private readonly double[] _interior, _boundary, _f, _g;
    private readonly double _si, _sb;

    /// <summary>Creates the model; call <see cref="Resample"/> before the first evaluation.</summary>
    /// <param name="problem">The PDE.</param>
    /// <param name="width">Hidden width H ≥ 1.</param>
    /// <param name="interiorPoints">N_Ω ≥ 1.</param>
    /// <param name="boundaryPoints">N_∂ ≥ 1.</param>
    public PinnResidualModel(PdeProblem problem, int width, int interiorPoints, int boundaryPoints)
    {
        ArgumentNullException.ThrowIfNull(problem);
        Problem = problem;
        Network = new ShallowTanhNetwork(problem.SpatialDimension, problem.HasTime, width);
        InteriorCount = Guard.AtLeast(interiorPoints, 1, nameof(interiorPoints));
        BoundaryCount = Guard.AtLeast(boundaryPoints, 1, nameof(boundaryPoints));
        int m = problem.InputDimension;
        _interior = new double[InteriorCount * m];
        _boundary = new double[BoundaryCount * m];
        _f = new double[InteriorCount];
        _g = new double[BoundaryCount];
        _si = 1 / Math.Sqrt(InteriorCount);
        _sb = 1 / Math.Sqrt(BoundaryCount);
    }

    /// <summary>The PDE.</summary>
    public PdeProblem Problem { get; }

    /// <summary>The network.</summary>
    public ShallowTanhNetwork Network { get; }

    /// <summary>N_Ω.</summary>
    public int InteriorCount { get; }

    /// <summary>N_∂.</summary>
    public int BoundaryCount { get; }

    /// <inheritdoc/>
    public int ParameterCount => Network.ParameterCount;

    /// <inheritdoc/>
    public int ResidualCount => InteriorCount + BoundaryCount;

    /// <summary>Flops of one residual evaluation (our count).</summary>
    public double ResidualFlops => ResidualCount * Network.RowValueFlops;

    /// <summary>Flops of one residual + Jacobian evaluation (our count).</summary>
    public double JacobianFlops => ResidualCount * Network.RowGradientFlops;

    /// <summary>The current interior points (N_Ω × m, row-major).</summary>
    public ReadOnlySpan<double> InteriorPoints => _interior;

    /// <summary>The current boundary points (N_∂ × m, row-major).</summary>
    public ReadOnlySpan<double> BoundaryPoints => _boundary;

    /// <summary>Draws fresh collocation points and evaluates f and g on them.</summary>
    public void Resample(ref Xoshiro256StarStar rng)
    {
        int m = Problem.InputDimension;
        Problem.SampleInterior(ref rng, InteriorCount, _interior);
        Problem.SampleBoundary(ref rng, BoundaryCount, _boundary);
        for (int i = 0; i < InteriorCount; i++) _f[i] = Problem.Source(_interior.AsSpan(i * m, m));
        for (int i = 0; i < BoundaryCount; i++) _g[i] = Problem.Exact(_boundary.AsSpan(i * m, m));
    }

    /// <inheritdoc/>
    public void Residuals(ReadOnlySpan<double> theta, Span<double> residuals)
    {
        int m = Problem.InputDimension;
        double ct = Problem.TimeCoefficient, cd = Problem.DiffusionCoefficient;
        for (int i = 0; i < InteriorCount; i++)
            residuals[i] = (Network.Operator(theta, _interior.AsSpan(i * m, m), ct, cd, []) - _f[i]) * _si;
        for (int i = 0; i < BoundaryCount; i++)
            residuals[InteriorCount + i] = (Network.Value(theta, _boundary.AsSpan(i * m, m)) - _g[i]) * _sb;
    }

    /// <inheritdoc/>
    public void Jacobian(ReadOnlySpan<double> theta, Span<double> residuals, Span<double> jacobian)
    {
        int m = Problem.InputDimension, p = ParameterCount;
        double ct = Problem.TimeCoefficient, cd = Problem.DiffusionCoefficient;
        for (int i = 0; i < InteriorCount; i++)
        {
            var row = jacobian.Slice(i * p, p);
            residuals[i] = (Network.Operator(theta, _interior.AsSpan(i * m, m), ct, cd, row) - _f[i]) * _si;
            for (int k = 0; k < p; k++) row[k] *= _si;
        }
        for (int i = 0; i < BoundaryCount; i++)
        {
            var row = jacobian.Slice((InteriorCount + i) * p, p);
            residuals[InteriorCount + i] = (Network.ValueAndGradient(theta, _boundary.AsSpan(i * m, m), row) - _g[i]) * _sb;
            for (int k = 0; k < p; k++) row[k] *= _sb;
        }
    }

    /// <summary>L = ½‖r‖² and its gradient Jᵀr (length P), one row at a time (no N × P buffer). <paramref name="row"/> is scratch of length P.</summary>
    public double LossAndGradient(ReadOnlySpan<double> theta, Span<double> gradient, Span<double> row)
    {
        int m = Problem.InputDimension, p = ParameterCount;
        double ct = Problem.TimeCoefficient, cd = Problem.DiffusionCoefficient, loss = 0;
        gradient[..p].Clear();
        for (int i = 0; i < ResidualCount; i++)
        {
            bool interior = i < InteriorCount;
            double r = interior
                ? (Network.Operator(theta, _interior.AsSpan(i * m, m), ct, cd, row) - _f[i]) * _si
                : (Network.ValueAndGradient(theta, _boundary.AsSpan((i - InteriorCount) * m, m), row) - _g[i - InteriorCount]) * _sb;
            double scale = r * (interior ? _si : _sb);
            loss += 0.5 * r * r;
            for (int k = 0; k < p; k++) gradient[k] += scale * row[k];
        }
        return loss;
    }

    /// <summary>Relative L² error ‖u_θ − u*‖ / ‖u*‖ over the rows of <paramref name="points"/> (count × m).</summary>
    public double RelativeL2Error(ReadOnlySpan<double> theta, ReadOnlySpan<double> points)
    {
        int m = Problem.InputDimension, count = points.Length / m;
        double num = 0, den = 0;
        for (int i = 0; i < count; i++)
        {
            var x = points.Slice(i * m, m);
            double e = Problem.Exact(x), d = Network.Value(theta, x) - e;
            num += d * d;
            den += e * e;
        }
        return Math.Sqrt(num / den);
    }
}

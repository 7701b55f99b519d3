using System.Numerics;
using PhyToolkit.Channels.KeyGeneration;
using PhyToolkit.Optimization.Gradient;
using PhyToolkit.Optimization.Objectives;
using PhyToolkit.Optimization.Projections;
using PhyToolkit.Optimization.Results;

namespace PhyToolkit.Optimization.KeyGeneration;

/// <summary>
/// One worker's KGR machinery for a <see cref="KeyGenerationProblem"/>: owns every scratch buffer (R, gradients, the
/// KGR workspace, PGD workspace), so evaluations do not allocate. Not thread-safe: one instance per worker.
/// </summary>
public sealed class KeyGenerationEvaluator : IComplexObjective
{
    private readonly Complex[] _covariance, _pgdWork, _precoderScratch;
    private readonly double[] _modePowers;
    private readonly KgrWorkspace _workspace;
    private readonly ProjectedGradient _pgdInner, _pgdFull;
    private readonly FrobeniusBallProjection _ball;

    /// <summary>Creates the evaluator.</summary>
    /// <param name="problem">The problem.</param>
    /// <param name="innerIterations">J, PGD iterations of an inner (warm-started) solve, ≥ 1 (docs/fa-plkg.md: 10–20).</param>
    /// <param name="fullPgd">PGD settings for a solve "to convergence" (default docs/fa-plkg.md: relative tolerance 1e-5,
    /// 100 iterations, plain monotone backtracking).</param>
    public KeyGenerationEvaluator(KeyGenerationProblem problem, int innerIterations = 10, ProjectedGradientOptions? fullPgd = null)
    {
        Problem = problem ?? throw new ArgumentNullException(nameof(problem));
        int m = problem.Antennas, k = problem.Slots;
        _covariance = new Complex[m * m];
        _pgdWork = new Complex[ProjectedGradient.WorkspaceLength(m * k)];
        _precoderScratch = new Complex[m * k];
        _modePowers = new double[k];
        _workspace = new KgrWorkspace(m, k);
        _ball = new FrobeniusBallProjection(problem.Model.EnergyBudget);
        var full = fullPgd ?? DefaultFullPgd;
        _pgdFull = new ProjectedGradient(full);
        ArgumentOutOfRangeException.ThrowIfLessThan(innerIterations, 1);
        _pgdInner = new ProjectedGradient(full with { MaxIterations = innerIterations });
    }

    /// <summary>The problem.</summary>
    public KeyGenerationProblem Problem { get; }

    /// <summary>PGD settings of a solve "to convergence" when none are given (docs/fa-plkg.md: relative tolerance 1e-5,
    /// 100 iterations, plain monotone backtracking); an inner solve uses them with MaxIterations = J.</summary>
    internal static ProjectedGradientOptions DefaultFullPgd { get; } = new() { MaxIterations = 100, RelativeTolerance = 1e-5, ArmijoConstant = 0 };

    /// <summary>Number of KGR evaluations (closed-form values or gradients) done by this evaluator.</summary>
    public long Evaluations { get; private set; }

    /// <summary>The covariance R of the last <see cref="SetLayout"/>, row-major M×M.</summary>
    public ReadOnlySpan<Complex> Covariance => _covariance;

    /// <summary>Builds R(t̃) for <paramref name="positions"/>; later precoder calls use it.</summary>
    public void SetLayout(ReadOnlySpan<double> positions) => Problem.Correlation.Covariance(positions, _covariance);

    /// <summary>Sets R directly (e.g. the RIS effective covariance).</summary>
    public void SetCovariance(ReadOnlySpan<Complex> covariance) => covariance.CopyTo(_covariance);

    /// <summary>KGR(P; R) in bits for the current R.</summary>
    public double Kgr(ReadOnlySpan<Complex> precoder)
    {
        Evaluations++;
        return Problem.Model.Value(precoder, _covariance, _workspace);
    }

    /// <summary>KGR(P, t̃) in bits.</summary>
    public double Kgr(ReadOnlySpan<Complex> precoder, ReadOnlySpan<double> positions)
    {
        SetLayout(positions);
        return Kgr(precoder);
    }

    /// <summary>The globally optimal precoder for the current R (docs/fa-plkg.md water-filling oracle); returns its KGR.</summary>
    public double Oracle(Span<Complex> precoder)
    {
        Evaluations++;
        return Problem.Model.WaterFillingPrecoder(_covariance, precoder, _modePowers, out _, _workspace);
    }

    /// <summary>The oracle KGR max_P KGR(P, t̃) for a layout.</summary>
    public double OracleKgr(ReadOnlySpan<double> positions)
    {
        SetLayout(positions);
        return Oracle(_precoderScratch);
    }

    /// <summary>
    /// J iterations of projected gradient ascent on P for the current R (docs/fa-plkg.md): P ← Π(P + μ ∂KGR/∂P*), Π the Frobenius-ball
    /// projection, halving backtracking. <paramref name="precoder"/> is the start (warm start) and receives the result.
    /// </summary>
    /// <param name="precoder">Start and result, row-major M×K.</param>
    /// <param name="trace">Optional convergence trace.</param>
    public SolveSummary PgdInner(Span<Complex> precoder, ConvergenceTrace? trace = null) => _pgdInner.MaximizeInPlace(this, _ball, precoder, _pgdWork, trace);

    /// <summary>PGD to convergence with the full settings.</summary>
    public SolveSummary PgdFull(Span<Complex> precoder, ConvergenceTrace? trace = null) => _pgdFull.MaximizeInPlace(this, _ball, precoder, _pgdWork, trace);

    /// <summary>Γ of docs/fa-plkg.md at (P, current R): dKGR·ln 2 = tr(Γ dR). Returns the KGR in bits.</summary>
    public double Gamma(ReadOnlySpan<Complex> precoder, Span<Complex> gamma)
    {
        Evaluations++;
        return Problem.Model.Gamma(precoder, _covariance, gamma, _workspace);
    }

    /// <summary>G = ∂KGR/∂R (bits) at (P, current R), Hermitian, with dKGR = Re tr(G dR) (= Γ/ln 2 of docs/fa-plkg.md). Returns the KGR.</summary>
    public double CovarianceGradient(ReadOnlySpan<Complex> precoder, Span<Complex> gradient)
    {
        Evaluations++;
        return Problem.Model.CovarianceGradient(precoder, _covariance, gradient, _workspace);
    }

    double IComplexObjective.Evaluate(ReadOnlySpan<Complex> x) => Kgr(x);

    void IComplexObjective.Gradient(ReadOnlySpan<Complex> x, Span<Complex> gradient)
    {
        Evaluations++;
        Problem.Model.PrecoderGradient(x, _covariance, gradient, _workspace);
    }
}

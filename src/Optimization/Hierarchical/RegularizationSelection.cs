using PhyToolkit.Core.Random;
using PhyToolkit.Optimization.Objectives;

namespace PhyToolkit.Optimization.Hierarchical;

/// <summary>
/// Problem B2 of docs/optim-hierarchical.md ([proposal]; benchopt benchmark_bilevel "regularization selection" with
/// synthetic data): per-coordinate ridge strengths exp(x_j) of a logistic regression chosen on a validation set.
/// Lower g(x, θ) = (1/n)Σ_i log(1 + exp(−y_i a_iᵀθ)) + ½Σ_j exp(x_j)θ_j² (strongly convex in θ),
/// upper f(x, θ) = (1/n_val)Σ_i log(1 + exp(−y′_i a′_iᵀθ)). Hypergradient by the implicit-function formula:
/// ∇Φ(x) = −∇²_xθ g·[∇²_θθ g]⁻¹∇_θ f = −exp(x) ⊙ θ* ⊙ v*, v* = [∇²_θθ g(x, θ*)]⁻¹∇_θ f(θ*), since ∇_x f = 0 and
/// (∇²_xθ g·v)_j = exp(x_j)θ_j v_j.
/// </summary>
/// <remarks>
/// In the bilevel API the lower variable θ is "y" and the linear-system variable is "z". θ*(x) is computed by damped Newton
/// with a Cholesky solve (‖∇_θ g‖ ≤ 1e-12, warm-started from the last solution), so ∇Φ is exact to about 1e-12.
/// Data (our choices): a ~ N(0, I_d), θ_true with its first ⌈d/4⌉ entries N(0, 4) and the rest 0, labels
/// y = +1 with probability σ(aᵀθ_true); training and validation sets drawn independently.
/// Oracle noise: minibatches of b samples drawn uniformly with replacement (training set for the lower oracles, validation
/// set for the upper one); the cross JVP involves no data and is exact. b = 0 gives exact oracles.
/// Instances keep scratch buffers and are not thread-safe.
/// </remarks>
public sealed class RegularizationSelection : LogisticBilevelProblem, IBilevelOracle, IBilevelReference
{

    /// <summary>Creates the problem and draws its data.</summary>
    /// <param name="trainCount">Training samples n ≥ 2 (spec: 500).</param>
    /// <param name="validationCount">Validation samples n_val ≥ 1 (spec: 500).</param>
    /// <param name="dimension">Features d ≥ 1 (spec: 20) = dimension of x and θ.</param>
    /// <param name="batchSize">Minibatch size b in [0, 10⁶]; 0 = exact oracles.</param>
    /// <param name="seed">Seed of the data.</param>
    public RegularizationSelection(int trainCount, int validationCount, int dimension, int batchSize, ulong seed)
    {
        Guard.AtLeast(trainCount, 2, nameof(trainCount));
        Guard.AtLeast(validationCount, 1, nameof(validationCount));
        int d = Guard.AtLeast(dimension, 1, nameof(dimension));
        BatchSize = (int)Guard.InRange(batchSize, 0, 1e6, nameof(batchSize));
        var rng = new Xoshiro256StarStar(seed);
        var truth = new double[d];
        for (int j = 0; j < (d + 3) / 4; j++) truth[j] = 2 * rng.NextGaussian();
        var train = LogisticSamples.Draw(trainCount, d, truth, ref rng, noisyLabels: true);
        State = new LogisticBilevelState(train, LogisticSamples.Draw(validationCount, d, truth, ref rng, noisyLabels: true), d);
        Array.Fill(State.SampleWeights, 1.0 / trainCount);
    }

    /// <inheritdoc/>
    public int DimensionX => State.Train.D;

    /// <inheritdoc/>
    public int DimensionY => State.Train.D;

    /// <summary>Minibatch size b (0 = exact oracles).</summary>
    public int BatchSize { get; }

    /// <inheritdoc/>
    public void SampleUpper(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ref Xoshiro256StarStar rng, Span<double> gradientX, Span<double> gradientY)
    {
        State.SampleUpper(BatchSize, y, ref rng, gradientX, gradientY);
    }

    /// <inheritdoc/>
    public void SampleLowerGradient(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ref Xoshiro256StarStar rng, Span<double> gradientY)
    {
        for (int j = 0; j < DimensionY; j++) gradientY[j] = Math.Exp(x[j]) * y[j];
        if (BatchSize == 0) { for (int i = 0; i < State.Train.N; i++) State.Train.AddGradient(i, y, 1.0 / State.Train.N, gradientY); return; }
        for (int k = 0; k < BatchSize; k++) State.Train.AddGradient(rng.NextInt(State.Train.N), y, 1.0 / BatchSize, gradientY);
    }

    /// <inheritdoc/>
    public void SampleLowerHessianVector(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> v, ref Xoshiro256StarStar rng, Span<double> result)
    {
        for (int j = 0; j < DimensionY; j++) result[j] = Math.Exp(x[j]) * v[j];
        if (BatchSize == 0) { for (int i = 0; i < State.Train.N; i++) State.Train.AddHessianVector(i, y, v, 1.0 / State.Train.N, result); return; }
        for (int k = 0; k < BatchSize; k++) State.Train.AddHessianVector(rng.NextInt(State.Train.N), y, v, 1.0 / BatchSize, result);
    }

    /// <summary>(∇²_xθ g·v)_j = exp(x_j)θ_j v_j (no data involved: exact).</summary>
    public void SampleLowerCrossVector(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> v, ref Xoshiro256StarStar rng, Span<double> result)
    {
        for (int j = 0; j < DimensionX; j++) result[j] = Math.Exp(x[j]) * y[j] * v[j];
    }

    private protected override void LoadOuter(ReadOnlySpan<double> x)
    {
        for (int j = 0; j < DimensionX; j++) State.Ridge[j] = Math.Exp(x[j]);
    }

    /// <summary>∇Φ(x) = −exp(x) ⊙ θ* ⊙ v*.</summary>
    public void OuterGradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        SolveAt(x);
        for (int j = 0; j < DimensionX; j++) gradient[j] = -Math.Exp(x[j]) * State.Theta[j] * State.V[j];
    }

    /// <summary>Φ(x) = f(θ*(x)), the validation loss at the lower solution.</summary>
    public double OuterValue(ReadOnlySpan<double> x)
    {
        SolveAt(x);
        return ValidationLoss(State.Theta);
    }

}

using PhyToolkit.Core.Random;
using PhyToolkit.Optimization.Objectives;

namespace PhyToolkit.Optimization.Hierarchical;

/// <summary>
/// Problem B3 of docs/optim-hierarchical.md ([proposal]; benchopt benchmark_bilevel "hyper data-cleaning" with a
/// linear model and synthetic data instead of a CNN on MNIST): one weight σ(x_i) per training sample, learned so that the
/// model trained on the weighted (partly corrupted) set does well on a clean validation set.
/// Lower g(x, θ) = (1/n)Σ_i σ(x_i)ℓ_i(θ) + C‖θ‖², ℓ_i(θ) = log(1 + exp(−y_i a_iᵀθ)); upper f(x, θ) = (1/n_val)Σ_i ℓ′_i(θ).
/// Hypergradient (implicit-function formula, ∇_x f = 0): ∇Φ(x)_i = −(1/n)σ′(x_i)∇ℓ_i(θ*)ᵀv*,
/// v* = [∇²_θθ g(x, θ*)]⁻¹∇_θ f(θ*), with ∇²_θθ g = (1/n)Σ σ(x_i)∇²ℓ_i + 2C·I and (∇²_xθ g·v)_i = (1/n)σ′(x_i)∇ℓ_i(θ)ᵀv.
/// </summary>
/// <remarks>
/// Binary logistic model (our choice; benchopt uses a multinomial one). Data (our choices): a ~ N(0, I_d), clean labels
/// y = sign(aᵀθ_true) with θ_true ~ N(0, I_d); round(corruption·n) training labels flipped, validation labels clean.
/// θ*(x) by damped Newton with a Cholesky solve (‖∇_θ g‖ ≤ 1e-12, warm-started), so ∇Φ is exact to about 1e-12.
/// Oracle noise: minibatches of b samples drawn uniformly with replacement; the lower oracles use
/// (1/b)Σ_k σ(x_{i_k})∇ℓ_{i_k} + 2Cθ (and the analogous HVP) and the cross JVP puts (1/b)σ′(x_i)∇ℓ_iᵀv at each drawn index i,
/// all unbiased. b = 0 gives exact oracles. Instances keep scratch buffers and are not thread-safe.
/// </remarks>
public sealed class DataCleaning : LogisticBilevelProblem, IBilevelOracle, IBilevelReference
{
    private readonly bool[] _corrupted;

    /// <summary>Creates the problem and draws its data.</summary>
    /// <param name="trainCount">Training samples n ≥ 2 (= dimension of x).</param>
    /// <param name="validationCount">Validation samples n_val ≥ 1.</param>
    /// <param name="dimension">Features d ≥ 1 (= dimension of θ).</param>
    /// <param name="corruption">Fraction of flipped training labels in [0, 0.5] (spec: 0.3).</param>
    /// <param name="ridge">C &gt; 0 (spec: 1e-3).</param>
    /// <param name="batchSize">Minibatch size b in [0, 10⁶]; 0 = exact oracles.</param>
    /// <param name="seed">Seed of the data.</param>
    public DataCleaning(int trainCount, int validationCount, int dimension, double corruption, double ridge, int batchSize, ulong seed)
    {
        int n = Guard.AtLeast(trainCount, 2, nameof(trainCount));
        Guard.AtLeast(validationCount, 1, nameof(validationCount));
        int d = Guard.AtLeast(dimension, 1, nameof(dimension));
        Guard.InRange(corruption, 0, 0.5, nameof(corruption));
        Ridge = Guard.Positive(ridge, nameof(ridge));
        BatchSize = (int)Guard.InRange(batchSize, 0, 1e6, nameof(batchSize));
        var rng = new Xoshiro256StarStar(seed);
        var truth = new double[d];
        for (int j = 0; j < d; j++) truth[j] = rng.NextGaussian();
        var train = LogisticSamples.Draw(n, d, truth, ref rng, noisyLabels: false);
        var validation = LogisticSamples.Draw(validationCount, d, truth, ref rng, noisyLabels: false);
        _corrupted = new bool[n];
        var idx = Enumerable.Range(0, n).ToArray();
        int flips = (int)Math.Round(corruption * n);
        for (int k = 0; k < flips; k++)
        {
            int r = k + rng.NextInt(n - k);
            (idx[k], idx[r]) = (idx[r], idx[k]);
            _corrupted[idx[k]] = true;
        }
        State = new LogisticBilevelState(train.WithFlippedLabels(_corrupted), validation, n);
        Array.Fill(State.Ridge, 2 * ridge);
    }

    /// <inheritdoc/>
    public int DimensionX => State.Train.N;

    /// <inheritdoc/>
    public int DimensionY => State.Train.D;

    /// <summary>Ridge strength C.</summary>
    public double Ridge { get; }

    /// <summary>Minibatch size b (0 = exact oracles).</summary>
    public int BatchSize { get; }

    /// <summary>Whether training sample i had its label flipped.</summary>
    public bool IsCorrupted(int i) => _corrupted[i];

    private static double SigmoidPrime(double t)
    {
        double s = LogisticFunction.Sigmoid(t);
        return s * (1 - s);
    }

    /// <inheritdoc/>
    public void SampleUpper(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ref Xoshiro256StarStar rng, Span<double> gradientX, Span<double> gradientY)
    {
        State.SampleUpper(BatchSize, y, ref rng, gradientX, gradientY);
    }

    /// <inheritdoc/>
    public void SampleLowerGradient(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ref Xoshiro256StarStar rng, Span<double> gradientY)
    {
        for (int j = 0; j < DimensionY; j++) gradientY[j] = 2 * Ridge * y[j];
        int n = State.Train.N;
        if (BatchSize == 0) { for (int i = 0; i < n; i++) State.Train.AddGradient(i, y, LogisticFunction.Sigmoid(x[i]) / n, gradientY); return; }
        for (int k = 0; k < BatchSize; k++)
        {
            int i = rng.NextInt(n);
            State.Train.AddGradient(i, y, LogisticFunction.Sigmoid(x[i]) / BatchSize, gradientY);
        }
    }

    /// <inheritdoc/>
    public void SampleLowerHessianVector(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> v, ref Xoshiro256StarStar rng, Span<double> result)
    {
        for (int j = 0; j < DimensionY; j++) result[j] = 2 * Ridge * v[j];
        int n = State.Train.N;
        if (BatchSize == 0) { for (int i = 0; i < n; i++) State.Train.AddHessianVector(i, y, v, LogisticFunction.Sigmoid(x[i]) / n, result); return; }
        for (int k = 0; k < BatchSize; k++)
        {
            int i = rng.NextInt(n);
            State.Train.AddHessianVector(i, y, v, LogisticFunction.Sigmoid(x[i]) / BatchSize, result);
        }
    }

    /// <inheritdoc/>
    public void SampleLowerCrossVector(ReadOnlySpan<double> x, ReadOnlySpan<double> y, ReadOnlySpan<double> v, ref Xoshiro256StarStar rng, Span<double> result)
    {
        int n = State.Train.N;
        if (BatchSize == 0) { for (int i = 0; i < n; i++) result[i] = SigmoidPrime(x[i]) * State.Train.GradientDot(i, y, v) / n; return; }
        result.Clear();
        for (int k = 0; k < BatchSize; k++)
        {
            int i = rng.NextInt(n);
            result[i] += SigmoidPrime(x[i]) * State.Train.GradientDot(i, y, v) / BatchSize;
        }
    }

    private protected override void LoadOuter(ReadOnlySpan<double> x)
    {
        for (int i = 0; i < State.Train.N; i++) State.SampleWeights[i] = LogisticFunction.Sigmoid(x[i]) / State.Train.N;
    }

    /// <summary>∇Φ(x)_i = −(1/n)σ′(x_i)∇ℓ_i(θ*)ᵀv*.</summary>
    public void OuterGradient(ReadOnlySpan<double> x, Span<double> gradient)
    {
        SolveAt(x);
        int n = State.Train.N;
        for (int i = 0; i < n; i++) gradient[i] = -SigmoidPrime(x[i]) * State.Train.GradientDot(i, State.Theta, State.V) / n;
    }

    /// <summary>Φ(x) = f(θ*(x)), the clean validation loss at the lower solution.</summary>
    public double OuterValue(ReadOnlySpan<double> x)
    {
        SolveAt(x);
        double v = 0;
        for (int i = 0; i < State.Validation.N; i++) v += State.Validation.Loss(i, State.Theta);
        return v / State.Validation.N;
    }
}

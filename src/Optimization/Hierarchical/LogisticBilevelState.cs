using PhyToolkit.Core.Random;

namespace PhyToolkit.Optimization.Hierarchical;

/// <summary>
/// Shared state of the logistic bilevel problems B2 (<see cref="RegularizationSelection"/>) and B3 (<see cref="DataCleaning"/>):
/// the training and validation sets, the lower-level weights (per-sample c, per-coordinate ridge r) of
/// g(θ) = Σ_i c_i ℓ_i(θ) + ½Σ_j r_j θ_j², and the cached exact lower solution θ*(x) and linear-system solution
/// v*(x) = [∇²_θθ g]⁻¹∇_θ f(θ*) for the last x. The owning problem writes the weights for its x, then calls <see cref="Solve"/>.
/// </summary>
internal sealed class LogisticBilevelState
{
    private readonly double[] _lastX;
    private bool _solved;

    public LogisticBilevelState(LogisticSamples train, LogisticSamples validation, int dimensionX)
    {
        Train = train;
        Validation = validation;
        SampleWeights = new double[train.N];
        Ridge = new double[train.D];
        Theta = new double[train.D];
        V = new double[train.D];
        _lastX = new double[dimensionX];
    }

    public LogisticSamples Train { get; }

    public LogisticSamples Validation { get; }

    /// <summary>c_i, the weight of training sample i in g.</summary>
    public double[] SampleWeights { get; }

    /// <summary>r_j, the ridge weight of θ_j in g.</summary>
    public double[] Ridge { get; }

    /// <summary>θ*(x) of the last solve (warm start of the next).</summary>
    public double[] Theta { get; }

    /// <summary>v*(x) of the last solve.</summary>
    public double[] V { get; }

    /// <summary>Whether θ* and v* are current for <paramref name="x"/>.</summary>
    public bool IsSolvedAt(ReadOnlySpan<double> x) => _solved && x.SequenceEqual(_lastX);

    /// <summary>The weights no longer belong to the cached solution.</summary>
    public void Invalidate() => _solved = false;

    /// <summary>θ* by damped Newton for the current weights, then v* = [∇²_θθ g(θ*)]⁻¹∇_θ f(θ*); remembers x.</summary>
    public void Solve(ReadOnlySpan<double> x)
    {
        Train.Solve(SampleWeights, Ridge, Theta);
        Array.Clear(V);
        for (int i = 0; i < Validation.N; i++) Validation.AddGradient(i, Theta, 1.0 / Validation.N, V);
        Train.SolveHessian(V);
        x.CopyTo(_lastX);
        _solved = true;
    }

    /// <summary>Upper-level oracle: ∇_x f = 0; ∇_θ f from the whole validation set (batch 0) or b uniform draws with replacement.</summary>
    public void SampleUpper(int batchSize, ReadOnlySpan<double> theta, ref Xoshiro256StarStar rng, Span<double> gradientX, Span<double> gradientY)
    {
        gradientX.Clear();
        gradientY.Clear();
        if (batchSize == 0) { for (int i = 0; i < Validation.N; i++) Validation.AddGradient(i, theta, 1.0 / Validation.N, gradientY); return; }
        for (int k = 0; k < batchSize; k++) Validation.AddGradient(rng.NextInt(Validation.N), theta, 1.0 / batchSize, gradientY);
    }

    /// <summary>Mean validation logistic loss at θ.</summary>
    public double ValidationLoss(ReadOnlySpan<double> theta)
    {
        double v = 0;
        for (int i = 0; i < Validation.N; i++) v += Validation.Loss(i, theta);
        return v / Validation.N;
    }
}

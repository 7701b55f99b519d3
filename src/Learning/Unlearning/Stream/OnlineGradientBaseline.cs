using PhyToolkit.Core.LinearAlgebra;

namespace PhyToolkit.Learning.Unlearning.Stream;

/// <summary>
/// A first-order online learner on the ridge squared loss ℓ_t(w) = ½(wᵀx_t − y_t)² + (λ/2)‖w‖², projected on the ball
/// ‖w‖ ≤ R: the baselines of the Memory Pair's comparison (arXiv 2508.10193, author's harness: SGD, AdaGrad; plus the
/// O(ln T) reference OGD with η_t = 1/(λt)). No deletion support; state d numbers (2d for AdaGrad).
/// </summary>
public sealed class OnlineGradientBaseline
{
    private readonly double[] _w, _g, _sumG2;
    private readonly double _lambda, _radius, _eta0;

    /// <summary>Creates the learner at w = 0.</summary>
    /// <param name="kind">The update rule.</param>
    /// <param name="dimension">d ≥ 1.</param>
    /// <param name="lambda">λ &gt; 0.</param>
    /// <param name="radius">R &gt; 0 of the ball (+∞ for none).</param>
    /// <param name="eta0">η₀ &gt; 0 of SGD and AdaGrad (harness: 0.5); unused by OGD.</param>
    public OnlineGradientBaseline(OnlineBaselineKind kind, int dimension, double lambda, double radius, double eta0 = 0.5)
    {
        if (!Enum.IsDefined(kind)) throw new ArgumentOutOfRangeException(nameof(kind), kind, $"kind = {kind}; allowed: Ogd, Sgd, AdaGrad.");
        Kind = kind;
        Guard.AtLeast(dimension, 1, nameof(dimension));
        _lambda = Guard.Positive(lambda, nameof(lambda));
        _radius = Guard.PositiveOrInfinity(radius, nameof(radius));
        _eta0 = Guard.Positive(eta0, nameof(eta0));
        _w = new double[dimension]; _g = new double[dimension]; _sumG2 = new double[dimension];
    }

    /// <summary>The update rule.</summary>
    public OnlineBaselineKind Kind { get; }

    /// <summary>The parameters w.</summary>
    public ReadOnlySpan<double> Parameters => _w;

    /// <summary>Rounds so far.</summary>
    public long Rounds { get; private set; }

    /// <summary>Learns one point; returns ℓ_t(w_t), the loss before the update.</summary>
    public double Insert(ReadOnlySpan<double> x, double y)
    {
        Guard.Length(x, _w.Length, nameof(x));
        Guard.Finite(y, nameof(y));
        double r = VectorOps.Dot(_w, x) - y;
        double loss = 0.5 * r * r + 0.5 * _lambda * VectorOps.Dot(_w, _w);
        Rounds++;
        for (int j = 0; j < _w.Length; j++) _g[j] = r * x[j] + _lambda * _w[j];
        switch (Kind)
        {
            case OnlineBaselineKind.Ogd:
            {
                double eta = 1 / (_lambda * Rounds);
                for (int j = 0; j < _w.Length; j++) _w[j] -= eta * _g[j];
                break;
            }
            case OnlineBaselineKind.Sgd:
            {
                double eta = _eta0 / Math.Sqrt(Rounds);
                for (int j = 0; j < _w.Length; j++) _w[j] -= eta * _g[j];
                break;
            }
            default:
                for (int j = 0; j < _w.Length; j++)
                {
                    _sumG2[j] += _g[j] * _g[j];
                    _w[j] -= _eta0 * _g[j] / Math.Sqrt(_sumG2[j] + 1e-8);
                }
                break;
        }
        double n = VectorOps.Norm(_w);
        if (n > _radius) { double f = _radius / n; for (int j = 0; j < _w.Length; j++) _w[j] *= f; }
        return loss;
    }
}

namespace PhyToolkit.Learning.Federated;

/// <summary>
/// FedAdam (Reddi et al., arXiv:2003.00295, Alg. 2): <c>m_t = beta1 m + (1 - beta1) g</c>,
/// <c>v_t = beta2 v + (1 - beta2) g^2</c>, <c>Delta = -eta m_t / (sqrt(v_t) + tau)</c> (no bias correction, as in the
/// paper). Defaults eta = 0.01, beta1 = 0.9, beta2 = 0.99, tau = 1e-3 are our choice.
/// </summary>
public sealed class FedAdamServerOptimizer : IServerOptimizer
{
    private readonly double[] _m, _v;

    /// <summary>Creates the optimiser for <paramref name="dimension"/> parameters.</summary>
    public FedAdamServerOptimizer(int dimension, double eta = 0.01, double beta1 = 0.9, double beta2 = 0.99, double tau = 1e-3)
    {
        if (dimension < 1) throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "dimension must be >= 1");
        if (!double.IsFinite(eta) || eta <= 0) throw new ArgumentOutOfRangeException(nameof(eta), eta, "eta must be finite and > 0");
        if (!(beta1 >= 0 && beta1 < 1)) throw new ArgumentOutOfRangeException(nameof(beta1), beta1, "beta1 must be in [0, 1)");
        if (!(beta2 >= 0 && beta2 < 1)) throw new ArgumentOutOfRangeException(nameof(beta2), beta2, "beta2 must be in [0, 1)");
        if (!double.IsFinite(tau) || tau <= 0) throw new ArgumentOutOfRangeException(nameof(tau), tau, "tau must be finite and > 0");
        _m = new double[dimension]; _v = new double[dimension];
        Eta = eta; Beta1 = beta1; Beta2 = beta2; Tau = tau;
    }

    /// <summary>Server rate.</summary>
    public double Eta { get; }

    /// <summary>First-moment decay.</summary>
    public double Beta1 { get; }

    /// <summary>Second-moment decay.</summary>
    public double Beta2 { get; }

    /// <summary>Adaptivity tau.</summary>
    public double Tau { get; }

    /// <inheritdoc />
    public string Name => $"FedAdam(eta={Eta})";

    /// <inheritdoc />
    public void ComputeUpdate(ReadOnlySpan<double> gradientEstimate, double knownChannelVariance, Span<double> delta)
    {
        if (gradientEstimate.Length != _m.Length || delta.Length != _m.Length) throw new ArgumentException($"vectors must have length {_m.Length}", nameof(gradientEstimate));
        for (int i = 0; i < _m.Length; i++)
        {
            double g = gradientEstimate[i];
            _m[i] = Beta1 * _m[i] + (1 - Beta1) * g;
            _v[i] = Beta2 * _v[i] + (1 - Beta2) * g * g;
            delta[i] = -Eta * _m[i] / (Math.Sqrt(_v[i]) + Tau);
        }
    }

    /// <inheritdoc />
    public void Reset() { Array.Clear(_m); Array.Clear(_v); }
}

namespace PhyToolkit.Learning.PhysicsInformed;

/// <summary>
/// Exact solution of the viscous Burgers equation u_t + u u_x = ν u_xx on the real line with the 2-periodic initial
/// condition u(x, 0) = −sin(πx), by the Cole–Hopf transform (Cole 1951; Hopf 1950):
/// u(x,t) = −∫ sin(π(x−η)) f(x−η) e^{−η²/(4νt)} dη / ∫ f(x−η) e^{−η²/(4νt)} dη, f(y) = exp(−cos(πy)/(2πν)).
/// This is the classical PINN Burgers benchmark (u0 = −sin πx on [−1, 1], ν = 0.01/π) used to validate
/// <see cref="BurgersSpectralSolver"/>.
/// </summary>
/// <remarks>
/// The integrals are evaluated with the substitution η = √(4νt) z by <see cref="GaussHermiteRule"/> (default 200 nodes)
/// in log-sum-exp form, because f spans e^{±1/(2πν)} (e^{±50} at ν = 0.01/π).
/// </remarks>
public sealed class ColeHopfBurgers
{
    private readonly double[] _z;
    private readonly double[] _logW;

    /// <summary>Creates the evaluator for viscosity ν &gt; 0 with an n-node Gauss–Hermite rule (2 ≤ n ≤ 300).</summary>
    public ColeHopfBurgers(double viscosityNu, int quadratureNodes = 200)
    {
        ViscosityNu = Guard.Positive(viscosityNu, nameof(viscosityNu));
        var rule = new GaussHermiteRule(quadratureNodes);
        _z = rule.Nodes.ToArray();
        _logW = rule.Weights.Select(w => Math.Log(w)).ToArray();
    }

    /// <summary>Viscosity ν.</summary>
    public double ViscosityNu { get; }

    /// <summary>u(x, t) for t ≥ 0 (t = 0 returns −sin πx).</summary>
    public double Evaluate(double x, double t)
    {
        Guard.Finite(x, nameof(x));
        Guard.NonNegative(t, nameof(t));
        if (t == 0) return -Math.Sin(Math.PI * x);
        double s = Math.Sqrt(4 * ViscosityNu * t);
        double a = 1 / (2 * Math.PI * ViscosityNu);
        double max = double.NegativeInfinity;
        for (int i = 0; i < _z.Length; i++)
        {
            double l = _logW[i] - a * Math.Cos(Math.PI * (x - s * _z[i]));
            if (l > max) max = l;
        }
        double num = 0, den = 0;
        for (int i = 0; i < _z.Length; i++)
        {
            double y = x - s * _z[i];
            double e = Math.Exp(_logW[i] - a * Math.Cos(Math.PI * y) - max);
            num += Math.Sin(Math.PI * y) * e;
            den += e;
        }
        return -num / den;
    }
}

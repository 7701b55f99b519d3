namespace PhyToolkit.Optimization.Objectives;

/// <summary>
/// The logistic function and the logistic (log-)loss, in the overflow-free forms every logistic model of the toolkit
/// uses (federated logistic regression, the bilevel data-cleaning and regularisation-selection problems, the
/// zeroth-order logistic problem).
/// </summary>
public static class LogisticFunction
{
    /// <summary>σ(t) = 1 / (1 + e^(−t)), evaluated as e^t / (1 + e^t) for t &lt; 0 so that neither branch overflows.</summary>
    public static double Sigmoid(double t) => t >= 0 ? 1 / (1 + Math.Exp(-t)) : Math.Exp(t) / (1 + Math.Exp(t));

    /// <summary>
    /// Softplus s(z) = ln(1 + e^z), evaluated as z + ln1p(e^(−z)) for z &gt; 0 and ln1p(e^z) otherwise: no overflow, and
    /// full relative accuracy in both tails (ln1p keeps the e^(−|z|) term that ln(1 + ·) would round away beyond |z| ≈ 37).
    /// </summary>
    public static double Softplus(double z) => z > 0 ? z + double.LogP1(Math.Exp(-z)) : double.LogP1(Math.Exp(z));

    /// <summary>Logistic loss of a margin m = y·z (y = ±1): ℓ(m) = ln(1 + e^(−m)) = softplus(−m). Its derivative is −σ(−m).</summary>
    public static double LogLoss(double margin) => Softplus(-margin);
}

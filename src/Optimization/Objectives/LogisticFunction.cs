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
    /// Logistic loss of a margin m = y·z (y = ±1): ℓ(m) = ln(1 + e^(−m)), evaluated as −m + ln(1 + e^m) for m ≤ 0.
    /// Its derivative is −σ(−m).
    /// </summary>
    public static double LogLoss(double margin) =>
        margin > 0 ? Math.Log(1 + Math.Exp(-margin)) : -margin + Math.Log(1 + Math.Exp(margin));
}

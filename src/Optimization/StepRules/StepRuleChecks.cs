namespace PhyToolkit.Optimization.StepRules;

internal static class StepRuleChecks
{
    public static double Positive(double value, string name)
    {
        if (!double.IsFinite(value) || value <= 0) throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite number > 0");
        return value;
    }

    public static void Inputs(double normSquared, double variance)
    {
        if (!double.IsFinite(normSquared) || normSquared < 0) throw new ArgumentOutOfRangeException(nameof(normSquared), normSquared, "gradientNormSquared must be finite and >= 0");
        if (!double.IsFinite(variance) || variance < 0) throw new ArgumentOutOfRangeException(nameof(variance), variance, "knownNoiseVariance must be finite and >= 0");
    }
}

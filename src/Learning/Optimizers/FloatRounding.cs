namespace PhyToolkit.Learning.Optimizers;

/// <summary>Rounding used by <see cref="FloatQuant"/> (named to avoid clashing with <c>torch.RoundingMode</c>).</summary>
public enum FloatRounding
{
    /// <summary>Round to nearest, ties to even (IEEE 754 default).</summary>
    NearestEven,

    /// <summary>Stochastic rounding: round away from zero with probability equal to the discarded fraction of an ulp, so E[Q(x)] = x.</summary>
    Stochastic,
}

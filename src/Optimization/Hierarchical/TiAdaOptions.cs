namespace PhyToolkit.Optimization.Hierarchical;

/// <summary>
/// Options of <see cref="TiAda"/> (Li, Yang, He, "TiAda", arXiv:2210.17478). Exponents α = 0.6, β = 0.4 are the commonly
/// used values (recalled in docs/optim-hierarchical.md, unverified); step sizes 0.1 are our choice.
/// </summary>
public sealed record TiAdaOptions
{
    /// <summary>Number of iterations T ≥ 1.</summary>
    public int Iterations { get; init; } = 1000;

    /// <summary>Outer step η_x &gt; 0 (our choice 0.1).</summary>
    public double EtaX { get; init; } = 0.1;

    /// <summary>Inner step η_y &gt; 0 (our choice 0.1).</summary>
    public double EtaY { get; init; } = 0.1;

    /// <summary>Outer exponent α in (0, 1]; must exceed <see cref="Beta"/>.</summary>
    public double Alpha { get; init; } = 0.6;

    /// <summary>Inner exponent β in (0, 1); must be below <see cref="Alpha"/>.</summary>
    public double Beta { get; init; } = 0.4;

    /// <summary>Safeguard δ &gt; 0 added to the accumulators (our choice 1e-8).</summary>
    public double Delta { get; init; } = 1e-8;

    /// <summary>Checks every field; throws <see cref="ArgumentOutOfRangeException"/> naming it and its range.</summary>
    public void Validate()
    {
        Guard.AtLeast(Iterations, 1, nameof(Iterations));
        Guard.Positive(EtaX, nameof(EtaX));
        Guard.Positive(EtaY, nameof(EtaY));
        Guard.InRange(Alpha, double.Epsilon, 1, nameof(Alpha));
        Guard.InRange(Beta, double.Epsilon, Math.BitDecrement(Alpha), nameof(Beta));
        Guard.Positive(Delta, nameof(Delta));
    }
}

using PhyToolkit.Core.Random;

namespace PhyToolkit.Core.Asynchrony;

/// <summary>A deterministic duration (option "fixed" of the timing model, and the zero server processing time).</summary>
public sealed class FixedDelay : IDelayModel
{
    /// <summary>A duration of <paramref name="value"/> (finite, &gt;= 0).</summary>
    public FixedDelay(double value) => Value = Validation.Guard.NonNegative(value, nameof(value));

    /// <summary>The zero duration.</summary>
    public static FixedDelay Zero { get; } = new(0);

    /// <summary>The duration.</summary>
    public double Value { get; }

    /// <inheritdoc/>
    public string Name => $"fixed({Reports.Fmt.F(Value, "0.####")})";

    /// <inheritdoc/>
    public double Mean => Value;

    /// <inheritdoc/>
    public double Variance => 0;

    /// <inheritdoc/>
    public double Sample(ref Xoshiro256StarStar rng) => Value;
}

using PhyToolkit.Core.Configuration;

namespace PhyToolkit.Scenarios.Optimizers;

/// <summary>Parameters of <c>optim-quantized</c>.</summary>
public sealed record QuantizationParameters : IValidatable
{
    /// <summary>Mantissa bits of the logistic-regression sweep, each in [1, 23] (spec R2: 2, 3, 4, 5, 7, 10, 23).</summary>
    public int[] MantissaBits { get; init; } = [2, 3, 4, 5, 7, 10, 23];

    /// <summary>Minibatch steps of the one-component-at-a-time logistic-regression sweep, in [50, 10^5] (our choice: 2000, the middle horizon).</summary>
    public int Steps { get; init; } = 2000;

    /// <summary>Horizons T of claim Q5 (all components quantised, m*(T)), each in [50, 10^5] (spec R2: 500, 2000, 8000).</summary>
    public int[] Horizons { get; init; } = [500, 2000, 8000];

    /// <summary>Mantissa bits of the MLP sweep (R3), each in [1, 23] (spec R3: 3, 5, 7, 10, 23).</summary>
    public int[] NetBits { get; init; } = [3, 5, 7, 10, 23];

    /// <summary>Minibatch steps of the MLP runs (R3), in [10, 10^5] (our choice: 1000; the spec gives no count).</summary>
    public int NetSteps { get; init; } = 1000;

    /// <inheritdoc/>
    public void Validate(string path)
    {
        Check.AllInRange(MantissaBits, 1, 23, Check.Path(path, "mantissaBits"));
        Check.Distinct(MantissaBits, Check.Path(path, "mantissaBits"));
        Check.InRange(Steps, 50, 100_000, Check.Path(path, "steps"));
        Check.AllInRange(Horizons, 50, 100_000, Check.Path(path, "horizons"));
        Check.Distinct(Horizons, Check.Path(path, "horizons"));
        Check.AllInRange(NetBits, 1, 23, Check.Path(path, "netBits"));
        Check.Distinct(NetBits, Check.Path(path, "netBits"));
        Check.InRange(NetSteps, 10, 100_000, Check.Path(path, "netSteps"));
    }
}

using PhyToolkit.Core.Random;

namespace PhyToolkit.Core.Asynchrony;

/// <summary>
/// Trace replay: draws uniformly at random from a recorded list of durations (bootstrap replay of a measured trace; option
/// "trace file" of the Asyn-PD timing model, docs/asyn-pd.md, [Proposed]). Mean and variance are those of the trace (population
/// variance), which is what the draws have.
/// </summary>
public sealed class TraceDelay : IDelayModel
{
    private readonly double[] _values;

    /// <summary>Replays <paramref name="durations"/> (at least one value; every value finite and &gt;= 0).</summary>
    /// <param name="durations">Recorded durations.</param>
    /// <param name="name">Name for reports (default "trace(n)").</param>
    public TraceDelay(IReadOnlyList<double> durations, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(durations);
        if (durations.Count == 0) throw new ArgumentException("a delay trace needs at least one duration.", nameof(durations));
        _values = new double[durations.Count];
        double sum = 0;
        for (int k = 0; k < _values.Length; k++)
        {
            _values[k] = Validation.Guard.NonNegative(durations[k], $"{nameof(durations)}[{k}]");
            sum += _values[k];
        }
        double mean = sum / _values.Length, ss = 0;
        foreach (double v in _values) ss += (v - mean) * (v - mean);
        Mean = mean;
        Variance = ss / _values.Length;
        Name = name ?? $"trace({_values.Length})";
    }

    /// <summary>The recorded durations.</summary>
    public IReadOnlyList<double> Durations => _values;

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public double Mean { get; }

    /// <inheritdoc/>
    public double Variance { get; }

    /// <inheritdoc/>
    public double Sample(ref Xoshiro256StarStar rng) => _values[rng.NextInt(_values.Length)];
}

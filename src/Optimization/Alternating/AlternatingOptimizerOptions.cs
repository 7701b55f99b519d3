using PhyToolkit.Optimization.Swarm;
namespace PhyToolkit.Optimization.Alternating;

/// <summary>Settings of <see cref="AlternatingOptimizer"/>; validated when set (<see cref="ArgumentOutOfRangeException"/> naming the property).</summary>
public sealed record AlternatingOptimizerOptions
{
    private readonly ParticleSwarmOptions _swarm = new();
    private readonly int _dop = 1, _maxRounds = 50;
    private readonly double _roundTol = 1e-3;

    /// <summary>The block-1 swarm. Two-loop: the outer swarm. Block alternation: the swarm run in every round (set
    /// <see cref="ParticleSwarmOptions.MaxIterations"/> = 1 for one PSO step per round). Default: project defaults
    /// (<c>new ParticleSwarmOptions()</c>); FA-PLKG uses <see cref="ParticleSwarmOptions.FaPlkg"/>.</summary>
    public ParticleSwarmOptions Swarm { get => _swarm; init => _swarm = value ?? throw new ArgumentNullException(nameof(Swarm)); }

    /// <summary>Workers evaluating particles concurrently, in [1, 1024]; results do not depend on it. Default 1.</summary>
    public int MaxDegreeOfParallelism
    {
        get => _dop;
        init => _dop = value is >= 1 and <= 1024 ? value
            : throw new ArgumentOutOfRangeException(nameof(MaxDegreeOfParallelism), value, "MaxDegreeOfParallelism must be an integer in [1, 1024].");
    }

    /// <summary>Block alternation: maximum rounds (block-2 pass + swarm run), in [1, 1 000 000]. Default 50 (our choice).</summary>
    public int MaxRounds
    {
        get => _maxRounds;
        init => _maxRounds = value is >= 1 and <= 1_000_000 ? value
            : throw new ArgumentOutOfRangeException(nameof(MaxRounds), value, "MaxRounds must be an integer in [1, 1000000].");
    }

    /// <summary>Block alternation: stop when a round raises the value by at most this fraction of |value|; finite ≥ 0.
    /// Default 1e-3 (fa-plkg docs/fa-plkg.md-B).</summary>
    public double RoundRelativeTolerance { get => _roundTol; init => _roundTol = Guard.NonNegative(value, nameof(RoundRelativeTolerance)); }
}

namespace PhyToolkit.Learning.PolicyOptimization;

/// <summary>How rewards become per-response advantages.</summary>
public enum AdvantageKind
{
    /// <summary>Per-visit group standardisation (<see cref="GroupAdvantage"/>, GRPO/DAPO/GSPO).</summary>
    Group,
    /// <summary>DCPO's smooth standardisation across visits (<see cref="SmoothAdvantage"/>).</summary>
    SmoothStandardized,
}

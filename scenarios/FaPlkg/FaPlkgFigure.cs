namespace PhyToolkit.Scenarios.FaPlkg;

/// <summary>The figure a sweep point belongs to: the values of the categorical sweep coordinate "figure".</summary>
public static class FaPlkgFigure
{
    /// <summary>The name of the categorical coordinate.</summary>
    public const string Coordinate = "figure";
    /// <summary>F1 (and T1): KGR vs SNR.</summary>
    public const string Snr = "snr";
    /// <summary>F2: KGR vs M.</summary>
    public const string Antennas = "antennas";
    /// <summary>F3: KGR vs region side A (nested seeding: one point, every A of the sweep per trial, as a curve over the A index).</summary>
    public const string Region = "region";
    /// <summary>F4: convergence traces, and the layout figure.</summary>
    public const string Convergence = "convergence";
    /// <summary>F5: KGR vs L.</summary>
    public const string Paths = "paths";
    /// <summary>F6: Bob's KGR against Eve's leakage (Pareto front by NSGA-II).</summary>
    public const string Eve = "eve";
}

namespace PhyToolkit.Scenarios.FaPlkg;

/// <summary>The figure a sweep point belongs to (spec §6.1 numbering).</summary>
public enum FaPlkgFigure
{
    /// <summary>F1 (and T1): KGR vs SNR.</summary>
    Snr = 1,
    /// <summary>F2: KGR vs M.</summary>
    Antennas = 2,
    /// <summary>F3: KGR vs region side A (nested seeding: one point, all A values per trial).</summary>
    Region = 3,
    /// <summary>F4: convergence traces, and the layout figure.</summary>
    Convergence = 4,
    /// <summary>F5: KGR vs L.</summary>
    Paths = 5,
}

using System.Globalization;

namespace PhyToolkit.Learning.Unlearning.Stream;

/// <summary>
/// The live deletion-capacity odometer of the Memory Pair (arXiv 2508.10193, design requirement "odometer" and
/// §"Composition under zCDP") [P]: a never-replenishing budget <see cref="Total"/> (ρ_tot for V1, ε* for V2 and V3), a
/// fixed cost per deletion and a cap K on the number of deletions. A deletion is refused once spent + cost &gt; total or
/// once K deletions were made [P, code]; the model must then be retrained.
/// </summary>
public sealed class PrivacyOdometer
{
    /// <summary>Creates a fresh odometer.</summary>
    /// <param name="total">Budget ≥ 0 in <paramref name="unit"/>.</param>
    /// <param name="perDeletion">Cost of one deletion, ≥ 0.</param>
    /// <param name="maxDeletions">K ≥ 0.</param>
    /// <param name="unit">Name of the budget's unit ("rho", "epsilon", "none").</param>
    public PrivacyOdometer(double total, double perDeletion, int maxDeletions, string unit)
    {
        Total = Guard.NonNegative(total, nameof(total));
        PerDeletion = Guard.NonNegative(perDeletion, nameof(perDeletion));
        MaxDeletions = Guard.AtLeast(maxDeletions, 0, nameof(maxDeletions));
        Unit = unit ?? throw new ArgumentNullException(nameof(unit));
    }

    /// <summary>The budget (ρ_tot or ε*).</summary>
    public double Total { get; }

    /// <summary>Cost of one deletion (ρ_s, ε_s or ε_step).</summary>
    public double PerDeletion { get; }

    /// <summary>K, the largest number of deletions.</summary>
    public int MaxDeletions { get; }

    /// <summary>The unit of <see cref="Total"/>.</summary>
    public string Unit { get; }

    /// <summary>Deletions made so far.</summary>
    public int Deletions { get; private set; }

    /// <summary>Budget spent: k·cost after k deletions (computed as a product, so it is exact in the count).</summary>
    public double Spent => Deletions * PerDeletion;

    /// <summary>Budget left, never below 0.</summary>
    public double Remaining => Math.Max(0, Total - Spent);

    /// <summary>True while one more deletion fits: deletions &lt; K and spent + cost ≤ total (1e−12 relative slack for the rounding of total/m·m).</summary>
    public bool CanDelete => Deletions < MaxDeletions && (Deletions + 1) * PerDeletion <= Total * (1 + 1e-12);

    /// <summary>Spends one deletion.</summary>
    /// <exception cref="InvalidOperationException">The odometer is spent; nothing is changed.</exception>
    public void Spend()
    {
        EnsureCanDelete();
        Deletions++;
    }

    /// <summary>Throws when <see cref="CanDelete"/> is false; changes nothing.</summary>
    /// <exception cref="InvalidOperationException">The odometer is spent.</exception>
    public void EnsureCanDelete()
    {
        if (!CanDelete)
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"deletion refused: the privacy odometer is spent ({Deletions} of {MaxDeletions} deletions made, {Unit} spent {Spent:G6} of {Total:G6}, one more costs {PerDeletion:G6}); retrain the model."));
    }
}

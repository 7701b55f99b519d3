namespace PhyToolkit.Optimization.KeyGeneration;

/// <summary>Outcome of <see cref="KeyRateLeakageFront.Run"/>.</summary>
/// <param name="Front">The non-dominated feasible designs (no spacing violation) of every design evaluated, sorted by
/// increasing KGR.</param>
/// <param name="Starts">The rates of the start designs, in the order given.</param>
/// <param name="Evaluations">Designs evaluated.</param>
public sealed record KeyRateLeakageResult(SecrecyDesign[] Front, SecrecyDesign[] Starts, long Evaluations)
{
    /// <summary>The front's design of the largest secret-key rate I(ĥ_A; ĥ_B | ĥ_E) (null when the front is empty).</summary>
    public SecrecyDesign? BestSecretKeyRate => Front.Length == 0 ? null : Front.MaxBy(f => f.Rates.SecretKeyRate);
}

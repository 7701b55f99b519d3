namespace PhyToolkit.Channels.KeyGeneration;

/// <summary>
/// The three rates of one key-generation design with an eavesdropper (docs/fa-plkg.md, derived), in bits per probing
/// round: see <see cref="KgrModel.EveAwareRates"/>.
/// </summary>
/// <param name="KeyGenerationRate">Bob's KGR I(ĥ_A; ĥ_B).</param>
/// <param name="SecretKeyRate">The Eve-aware secret-key rate I(ĥ_A; ĥ_B | ĥ_E).</param>
/// <param name="Leakage">Eve's leakage I(ĥ_A; ĥ_E).</param>
public readonly record struct SecrecyRates(double KeyGenerationRate, double SecretKeyRate, double Leakage);

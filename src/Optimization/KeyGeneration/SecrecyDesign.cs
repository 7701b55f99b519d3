using System.Numerics;
using PhyToolkit.Channels.KeyGeneration;

namespace PhyToolkit.Optimization.KeyGeneration;

/// <summary>One design of the rate–leakage search: its rates, layout, precoder (on the power ball) and spacing violations.</summary>
/// <param name="Rates">KGR, secret-key rate and leakage in bits per probing round.</param>
/// <param name="Positions">Antenna positions in wavelengths (x/y interleaved, 2M).</param>
/// <param name="Precoder">P, row-major M×K, ‖P‖²_F ≤ E.</param>
/// <param name="SpacingViolations">Number of antenna pairs closer than the minimum spacing.</param>
public sealed record SecrecyDesign(SecrecyRates Rates, double[] Positions, Complex[] Precoder, int SpacingViolations);

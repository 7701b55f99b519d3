namespace PhyToolkit.Learning.Drift;

/// <summary>
/// Mean squared rotational displacement against lag: <see cref="Total"/>[ℓ − 1] = mean over t of Σ_{i&lt;j} θ_ij² between
/// recorded frames ℓ apart, and <see cref="Planes"/>[ℓ − 1][p] the mean θ_ij² of plane p (planes ordered (0,1), (0,2), (1,2)).
/// </summary>
/// <param name="Lags">Lags in recording intervals, 1 … L.</param>
/// <param name="Total">MSD(ℓ) (rad²).</param>
/// <param name="Planes">Plane-resolved MSD (rad²).</param>
/// <param name="StepsPerLag">Learner updates between two recorded frames.</param>
public sealed record MsdCurve(int[] Lags, double[] Total, double[][] Planes, int StepsPerLag);

using System.Numerics;
using PhyToolkit.Optimization.Results;

namespace PhyToolkit.Optimization.KeyGeneration;

/// <summary>What one FA-PLKG scheme returns for one problem instance.</summary>
/// <param name="Kgr">The achieved KGR, bits per probing round (without penalty; the layout is feasible).</param>
/// <param name="Positions">The layout, x0,y0,x1,y1,… in wavelengths.</param>
/// <param name="Precoder">The precoder, row-major M×K (‖P‖²_F ≤ E).</param>
/// <param name="FitnessEvaluations">Fitness evaluations spent (PSO particles scored, layouts tried).</param>
/// <param name="Trace">Best value against iterations and fitness evaluations, for schemes that iterate (else null).</param>
public sealed record SchemeOutcome(double Kgr, double[] Positions, Complex[] Precoder, long FitnessEvaluations, ConvergenceTrace? Trace)
{
    /// <summary>The channel covariance R (M×M row-major) the KGR was achieved with, when it is not the correlation model's
    /// covariance at <see cref="Positions"/> (the RIS schemes' effective covariance); null otherwise.</summary>
    public Complex[]? Covariance { get; init; }
}

using PhyToolkit.Core.Configuration;

namespace PhyToolkit.Scenarios.Optimizers;

/// <summary>Parameters of <c>optim-reduction</c>.</summary>
public sealed record ReductionParameters : IValidatable
{
    /// <summary>cond(XᵀX) values of the scale-symmetric least-squares problem, each in [1, 10^4], distinct.</summary>
    public double[] GramConditions { get; init; } = [1, 3, 10, 30, 100, 300];

    /// <summary>Start radius relative to ‖x*‖, in (0, 2] (spec §4.2: 0.1, local analysis).</summary>
    public double StartRadius { get; init; } = 0.1;

    /// <summary>Relative suboptimality target in (0, 1) (spec: 1e-8).</summary>
    public double Tolerance { get; init; } = 1e-8;

    /// <summary>Further problems of spec §4.1, each one of "E1" (variable projection), "E2" (low-rank factorisation), "E4" (movable antennas).</summary>
    public string[] Problems { get; init; } = ["E1", "E2", "E4"];

    /// <summary>Start radius of the locality points relative to ‖x*‖, in [0, 10] (spec claim 6: 2; 0 disables them).</summary>
    public double FarRadius { get; init; } = 2;

    /// <summary>Starts run on E1 (its full GD needs ~10⁵–10⁶ iterations), in [1, 1000] (spec: 10; the quick run uses fewer).</summary>
    public int E1Starts { get; init; } = 10;

    /// <summary>Iteration cap of every run at the spec radius, ≥ 100 (a capped run counts as not converged).</summary>
    public int MaxIterations { get; init; } = 1_000_000;

    /// <summary>Iteration cap of the locality runs, ≥ 100.</summary>
    public int FarMaxIterations { get; init; } = 200_000;

    /// <summary>E1 noise standard deviation on y, in [0, 0.1] (spec: 0 or 1e-3; with noise the reference minimiser is computed).</summary>
    public double E1NoiseStd { get; init; }

    /// <summary>Inner tolerance tol_in of the inexact argmin reduction (variant C) on E1 and E2, in [1e-14, 1e-2] (spec §1.3 C: 1e-10).</summary>
    public double InnerTolerance { get; init; } = 1e-10;

    /// <summary>E4 noise variance σ² relative to the symbol power, in [1e-4, 10] (our choice 0.1).</summary>
    public double AntennaNoiseVariance { get; init; } = 0.1;

    /// <inheritdoc/>
    public void Validate(string path)
    {
        Check.AllInRange(GramConditions, 1, 1e4, Check.Path(path, "gramConditions"));
        Check.Distinct(GramConditions, Check.Path(path, "gramConditions"));
        Check.InRange(StartRadius, 1e-6, 2, Check.Path(path, "startRadius"));
        Check.InRange(Tolerance, 1e-14, 0.5, Check.Path(path, "tolerance"));
        if (Problems is null) throw new ConfigException(Check.Path(path, "problems"), "must be a list of \"E1\", \"E2\", \"E4\".");
        for (int i = 0; i < Problems.Length; i++) Check.OneOf(Problems[i], $"{Check.Path(path, "problems")}[{i}]", "E1", "E2", "E4");
        Check.Distinct(Problems, Check.Path(path, "problems"));
        Check.InRange(FarRadius, 0, 10, Check.Path(path, "farRadius"));
        Check.InRange(E1Starts, 1, 1000, Check.Path(path, "e1Starts"));
        Check.InRange(MaxIterations, 100, 100_000_000, Check.Path(path, "maxIterations"));
        Check.InRange(FarMaxIterations, 100, 100_000_000, Check.Path(path, "farMaxIterations"));
        Check.InRange(E1NoiseStd, 0, 0.1, Check.Path(path, "e1NoiseStd"));
        Check.InRange(InnerTolerance, 1e-14, 1e-2, Check.Path(path, "innerTolerance"));
        Check.InRange(AntennaNoiseVariance, 1e-4, 10, Check.Path(path, "antennaNoiseVariance"));
    }
}

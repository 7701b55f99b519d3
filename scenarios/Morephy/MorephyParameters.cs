using PhyToolkit.Core.Configuration;

namespace PhyToolkit.Scenarios.Morephy;

/// <summary>
/// Parameters of the <c>morephy</c> scenario (docs/morephy.md): the Morephy-Net building blocks that are checked against
/// exact answers — the Burgers reference solver, the replica-exchange sampler and the NSGA-II engine. Defaults follow the
/// reproduction plan ([Proposed]); the paper (arXiv 2509.00663) gives no values.
/// </summary>
public sealed record MorephyParameters : IValidatable
{
    /// <summary>Grid sizes N of the solver study (Cole–Hopf benchmark u0 = −sin πx on [−1, 1), ν = 0.01/π, t = 1).</summary>
    public int[] GridPoints { get; init; } = [128, 256, 512];

    /// <summary>Solver time step dt (spec 1e-3).</summary>
    public double TimeStep { get; init; } = 1e-3;

    /// <summary>Viscosity ν of the random-input self-convergence check on [0, 1) (spec 0.02).</summary>
    public double RandomInputViscosity { get; init; } = 0.02;

    /// <summary>Steps of each double-well chain (spec claim 1: 2·10⁴).</summary>
    public int WellSteps { get; init; } = 20000;

    /// <summary>Steps of each noisy asymmetric-well chain (spec claim 2; our choice 2·10⁵).</summary>
    public int NoisyWellSteps { get; init; } = 200000;

    /// <summary>Standard deviation of the additive noise on every energy estimate of the noisy well (spec 0.5; default 1, our choice, where the naive swap's bias is clearly above the Monte Carlo error).</summary>
    public double EnergyNoise { get; init; } = 1.0;

    /// <summary>ZDT problems of the NSGA-II study ("zdt1", "zdt2").</summary>
    public string[] ZdtProblems { get; init; } = ["zdt1", "zdt2"];

    /// <summary>NSGA-II population (spec 100).</summary>
    public int Population { get; init; } = 100;

    /// <summary>NSGA-II generations (spec 200).</summary>
    public int Generations { get; init; } = 200;

    /// <inheritdoc/>
    public void Validate(string path)
    {
        Check.AllInRange(GridPoints, 16, 4096, Check.Path(path, "gridPoints"));
        Check.Distinct(GridPoints, Check.Path(path, "gridPoints"));
        for (int i = 0; i < GridPoints.Length; i++)
            if (GridPoints[i] % 2 != 0) throw new ConfigException($"{Check.Path(path, "gridPoints")}[{i}]", $"got {GridPoints[i]}; allowed: an even integer in [16, 4096]");
        Check.InRange(TimeStep, 1e-5, 1e-2, Check.Path(path, "timeStep"));
        Check.InRange(RandomInputViscosity, 1e-3, 1, Check.Path(path, "randomInputViscosity"));
        Check.InRange(WellSteps, 100, 10_000_000, Check.Path(path, "wellSteps"));
        Check.InRange(NoisyWellSteps, 100, 10_000_000, Check.Path(path, "noisyWellSteps"));
        Check.InRange(EnergyNoise, 0, 10, Check.Path(path, "energyNoise"));
        Check.Distinct(ZdtProblems, Check.Path(path, "zdtProblems"));
        for (int i = 0; i < ZdtProblems.Length; i++) Check.OneOf(ZdtProblems[i], $"{Check.Path(path, "zdtProblems")}[{i}]", "zdt1", "zdt2");
        Check.InRange(Population, 4, 10_000, Check.Path(path, "population"));
        if (Population % 2 != 0) throw new ConfigException(Check.Path(path, "population"), $"got {Population}; allowed: an even integer in [4, 10000]");
        Check.InRange(Generations, 1, 100_000, Check.Path(path, "generations"));
    }
}

using PhyToolkit.Core.Reports;
using PhyToolkit.Antennas;
using PhyToolkit.Core.Configuration;
using PhyToolkit.Optimization.KeyGeneration;

namespace PhyToolkit.Scenarios.FaPlkg;

/// <summary>
/// Parameters of the <c>fa-plkg</c> scenario (fa-plkg docs/fa-plkg.md; every default is our choice [C] unless the spec marks it
/// the paper's, since the paper's simulation table could not be read).
/// </summary>
public sealed record FaPlkgParameters : IValidatable
{
    /// <summary>M, antennas at Alice, in [1, 32] (spec default 9, the 3×3 UPA baseline).</summary>
    public int Antennas { get; init; } = 9;
    /// <summary>K, downlink probing slots; 0 means K = M (spec default), else in [1, 32].</summary>
    public int Slots { get; init; }
    /// <summary>A, side of the square region in wavelengths (spec default 3).</summary>
    public double RegionWavelengths { get; init; } = 3;
    /// <summary>D, minimum antenna spacing in wavelengths (spec default 0.5).</summary>
    public double MinSpacingWavelengths { get; init; } = 0.5;
    /// <summary>L, propagation paths (spec default 4: a "harsh" environment).</summary>
    public int Paths { get; init; } = 4;
    /// <summary>Rician factor κ of the path-power split (spec option); null for equal powers 1/L (default).</summary>
    public double? RicianFactor { get; init; }
    /// <summary>Spatial correlation: "field-response" (default, docs/fa-plkg.md), "jakes" (2-D isotropic J0), "sinc" (3-D isotropic).</summary>
    public string Correlation { get; init; } = "field-response";
    /// <summary>SNR grid in dB for F1 and T1 (spec −10:5:20).</summary>
    public double[] SnrDb { get; init; } = [-10, -5, 0, 5, 10, 15, 20];
    /// <summary>SNR of the M, A, L sweeps and the convergence study, in dB (spec 10).</summary>
    public double FixedSnrDb { get; init; } = 10;
    /// <summary>M values of F2 (spec 4, 9, 16).</summary>
    public int[] AntennaSweep { get; init; } = [4, 9, 16];
    /// <summary>A/λ values of F3 (spec 1, 1.5, 2, 2.5, 3, 4), ascending; each is seeded with the previous solution.</summary>
    public double[] RegionSweep { get; init; } = [1, 1.5, 2, 2.5, 3, 4];
    /// <summary>L values of F5 (spec 2, 3, 4, 6, 8).</summary>
    public int[] PathSweep { get; init; } = [2, 3, 4, 6, 8];
    /// <summary>Geometries of the convergence study F4 (spec: 1 reduced, 5 report); ≤ run.maxBlocks.</summary>
    public int ConvergenceGeometries { get; init; } = 5;
    /// <summary>Two-loop AO settings (docs/fa-plkg.md-A).</summary>
    public AoSettings Ao { get; init; } = new();
    /// <summary>Joint PSO settings (docs/fa-plkg.md).</summary>
    public SwarmSettings JointPso { get; init; } = new() { SwarmSize = 50, Iterations = 100 };
    /// <summary>PSO constants shared by every swarm (docs/fa-plkg.md).</summary>
    public PsoConstants Pso { get; init; } = new();
    /// <summary>PGD for the precoder to convergence (docs/fa-plkg.md).</summary>
    public PgdSettings Pgd { get; init; } = new();
    /// <summary>N_RP random layouts of the RP baseline (docs/fa-plkg.md: 100).</summary>
    public int RandomLayouts { get; init; } = 100;
    /// <summary>Include the RIS-assisted baseline (field-response channel only).</summary>
    public bool RisEnabled { get; init; } = true;
    /// <summary>RIS baseline settings (docs/fa-plkg.md).</summary>
    public RisSettings Ris { get; init; } = new();
    /// <summary>Rounds of the strict block alternation ablation (docs/fa-plkg.md-B) in F4.</summary>
    public int BlockAlternationRounds { get; init; } = 10;
    /// <summary>Iterations of the position gradient ascent extra (docs/fa-plkg.md).</summary>
    public int GradientAscentIterations { get; init; } = 100;
    /// <summary>Discrete fluid-antenna ports (docs/fa-plkg.md variant): positions snap to the nearest free port of a grid.</summary>
    public DiscretePorts DiscretePorts { get; init; } = new();
    /// <summary>F6, Bob's KGR against Eve's leakage (docs/fa-plkg.md, our extension): the eavesdropper model and the NSGA-II search.</summary>
    public EavesdropperSettings Eve { get; init; } = new();

    /// <summary>K actually used.</summary>
    public int SlotsOrAntennas(int antennas) => Slots == 0 ? antennas : Slots;

    /// <summary>Validates every field (errors name the JSON path and the allowed range); the bound on
    /// <see cref="ConvergenceGeometries"/> by run.maxBlocks is checked against the run settings by the scenario.</summary>
    public void Validate(string path)
    {
        string p = path;
        Check.InRange(Antennas, 1, 32, $"{p}.antennas");
        Check.InRange(Slots, 0, 32, $"{p}.slots");
        Check.InRange(RegionWavelengths, 0.01, 100, $"{p}.regionWavelengths");
        Check.InRange(MinSpacingWavelengths, 0, 10, $"{p}.minSpacingWavelengths");
        Check.InRange(Paths, 1, 64, $"{p}.paths");
        if (RicianFactor is double k) Check.InRange(k, 0, 1e6, $"{p}.ricianFactor");
        Check.OneOf(Correlation, $"{p}.correlation", "field-response", "jakes", "sinc");
        Check.AllInRange(SnrDb, -30, 60, $"{p}.snrDb");
        Check.InRange(FixedSnrDb, -30, 60, $"{p}.fixedSnrDb");
        Check.AllInRange(AntennaSweep, 1, 32, $"{p}.antennaSweep");
        Check.AllInRange(RegionSweep, 0.01, 100, $"{p}.regionSweep");
        for (int i = 1; i < RegionSweep.Length; i++)
            if (RegionSweep[i] <= RegionSweep[i - 1]) throw new ConfigException($"{p}.regionSweep[{i}]", $"got {RegionSweep[i]}; the values must increase (each A is seeded with the previous A's solution)");
        Check.AllInRange(PathSweep, 1, 64, $"{p}.pathSweep");
        Check.InRange(ConvergenceGeometries, 0, 1_000_000, $"{p}.convergenceGeometries");
        Ao.Validate($"{p}.ao");
        JointPso.Validate($"{p}.jointPso");
        Pso.Validate($"{p}.pso");
        Pgd.Validate($"{p}.pgd");
        Check.InRange(RandomLayouts, 1, 1_000_000, $"{p}.randomLayouts");
        Ris.Validate($"{p}.ris");
        Check.InRange(BlockAlternationRounds, 1, 1000, $"{p}.blockAlternationRounds");
        Check.InRange(GradientAscentIterations, 1, 100_000, $"{p}.gradientAscentIterations");
        DiscretePorts.Validate($"{p}.discretePorts");
        Eve.Validate($"{p}.eve", Paths);
        // Layout feasibility: name the smallest feasible A (docs/fa-plkg.md).
        Fits(Antennas, RegionWavelengths, $"{p}.regionWavelengths");
        foreach (var m in AntennaSweep) Fits(m, RegionWavelengths, $"{p}.antennaSweep");
        foreach (var a in RegionSweep) Fits(Antennas, a, $"{p}.regionSweep");
        if (DiscretePorts.Enabled && DiscretePorts.PortsX * DiscretePorts.PortsY < Math.Max(Antennas, AntennaSweep.Max()))
            throw new ConfigException($"{p}.discretePorts", $"{DiscretePorts.PortsX}×{DiscretePorts.PortsY} ports cannot hold {Math.Max(Antennas, AntennaSweep.Max())} antennas");
    }

    private void Fits(int m, double a, string path)
    {
        if (!new PlanarRegion(a, MinSpacingWavelengths).CanFit(m))
            throw new ConfigException(path, PlanarRegion.CapacityMessage(m, a, MinSpacingWavelengths));
        // The λ/2 UPA baselines are built in the same region: refuse here what would otherwise fail after computing.
        double upaSide = UniformPlanarArray.NearSquareMinimumSide(m);
        if (a < upaSide - PlanarRegion.DefaultTolerance)
        {
            var (rows, cols) = UniformPlanarArray.NearSquareShape(m);
            throw new ConfigException(path, $"M = {m} antennas in A = {Fmt.G(a)} λ: the {rows}×{cols} λ/2 UPA baseline needs A ≥ {Fmt.G(upaSide)} λ; allowed: a region at least that large (or fewer antennas)");
        }
    }
}

/// <summary>Two-loop AO settings.</summary>
public sealed record AoSettings
{
    /// <summary>Outer swarm size S (spec: 20 reduced, 30 report).</summary>
    public int SwarmSize { get; init; } = 30;
    /// <summary>Outer iterations T (spec: 25 reduced, 50 report).</summary>
    public int Iterations { get; init; } = 50;
    /// <summary>Inner precoder solver: "pgd" (J warm-started PGD iterations, the paper's AO in kind) or "oracle" (§2.4 fast path).</summary>
    public string Inner { get; init; } = "pgd";
    /// <summary>J, PGD iterations of the inner solve (spec 10–20).</summary>
    public int InnerIterations { get; init; } = 10;

    internal void Validate(string p)
    {
        Check.InRange(SwarmSize, 1, 10_000, $"{p}.swarmSize");
        Check.InRange(Iterations, 0, 100_000, $"{p}.iterations");
        Check.OneOf(Inner, $"{p}.inner", "pgd", "oracle");
        Check.InRange(InnerIterations, 1, 10_000, $"{p}.innerIterations");
    }
}

/// <summary>Swarm size and iterations.</summary>
public sealed record SwarmSettings
{
    /// <summary>Swarm size S.</summary>
    public int SwarmSize { get; init; } = 30;
    /// <summary>Iterations T.</summary>
    public int Iterations { get; init; } = 40;

    internal void Validate(string p)
    {
        Check.InRange(SwarmSize, 1, 10_000, $"{p}.swarmSize");
        Check.InRange(Iterations, 0, 100_000, $"{p}.iterations");
    }
}

/// <summary>PSO constants (docs/fa-plkg.md, literature values).</summary>
public sealed record PsoConstants
{
    /// <summary>Inertia at the first iteration (0.9).</summary>
    public double InertiaStart { get; init; } = 0.9;
    /// <summary>Inertia at the last iteration (0.4).</summary>
    public double InertiaEnd { get; init; } = 0.4;
    /// <summary>c₁ (1.49445).</summary>
    public double Cognitive { get; init; } = 1.49445;
    /// <summary>c₂ (1.49445).</summary>
    public double Social { get; init; } = 1.49445;
    /// <summary>Velocity clamp as a fraction of each coordinate's range (0.2).</summary>
    public double VelocityClamp { get; init; } = 0.2;
    /// <summary>Stall window in iterations (20).</summary>
    public int StallIterations { get; init; } = 20;
    /// <summary>Relative gbest improvement below which an iteration counts as stalled (1e-4).</summary>
    public double StallTolerance { get; init; } = 1e-4;
    /// <summary>η, penalty per antenna pair closer than D, in bits (10).</summary>
    public double Penalty { get; init; } = 10;
    /// <summary>
    /// Apply the push-apart spacing repair (docs/fa-plkg.md option) to every moved particle, on top of the penalty. Default on
    /// (our choice): with the penalty alone, uniformly drawn particles at M = 9, A = 3λ, D = λ/2 are almost all infeasible
    /// and the swarms stay at the seeded UPA (measured: joint PSO +0.0 % over UPA-opt in every trial of the reduced run).
    /// </summary>
    public bool Repair { get; init; } = true;

    internal void Validate(string p)
    {
        Check.InRange(InertiaStart, 0, 2, $"{p}.inertiaStart");
        Check.InRange(InertiaEnd, 0, 2, $"{p}.inertiaEnd");
        Check.InRange(Cognitive, 0, 10, $"{p}.cognitive");
        Check.InRange(Social, 0, 10, $"{p}.social");
        Check.InRange(VelocityClamp, 1e-6, 10, $"{p}.velocityClamp");
        Check.InRange(StallIterations, 1, 1_000_000, $"{p}.stallIterations");
        Check.InRange(StallTolerance, 0, 1, $"{p}.stallTolerance");
        Check.InRange(Penalty, 0, 1e6, $"{p}.penalty");
    }
}

/// <summary>PGD settings (docs/fa-plkg.md).</summary>
public sealed record PgdSettings
{
    /// <summary>Maximum iterations of a full solve (100).</summary>
    public int MaxIterations { get; init; } = 100;
    /// <summary>Relative improvement that ends a solve (1e-5).</summary>
    public double Tolerance { get; init; } = 1e-5;

    internal void Validate(string p)
    {
        Check.InRange(MaxIterations, 1, 1_000_000, $"{p}.maxIterations");
        Check.InRange(Tolerance, 0, 1, $"{p}.tolerance");
    }
}

/// <summary>Discrete-port variant (docs/fa-plkg.md): an N_x × N_y grid of candidate ports spanning the region.</summary>
public sealed record DiscretePorts
{
    /// <summary>Snap positions to free ports after every PSO move (off: continuous positions, the default).</summary>
    public bool Enabled { get; init; }
    /// <summary>N_x (spec 10).</summary>
    public int PortsX { get; init; } = 10;
    /// <summary>N_y (spec 10).</summary>
    public int PortsY { get; init; } = 10;

    internal void Validate(string p)
    {
        Check.InRange(PortsX, 1, 1000, $"{p}.portsX");
        Check.InRange(PortsY, 1, 1000, $"{p}.portsY");
    }
}

/// <summary>
/// F6 (docs/fa-plkg.md, our extension [C]): an eavesdropper near Bob and the Pareto front of Bob's KGR against Eve's leakage
/// I(ĥ_A; ĥ_E) over positions and precoder, found by NSGA-II at <see cref="FaPlkgParameters.FixedSnrDb"/>.
/// </summary>
public sealed record EavesdropperSettings
{
    /// <summary>Geometries of the study (0 switches F6 off); ≤ run.maxBlocks. Field-response channel only.</summary>
    public int Geometries { get; init; } = 10;
    /// <summary>S, how many of Bob's L paths Eve also receives (default 2 of the default L = 4); ≤ parameters.paths.</summary>
    public int SharedPaths { get; init; } = 2;
    /// <summary>L_E, Eve's own paths, which carry the rest of her unit path power (default 2).</summary>
    public int OwnPaths { get; init; } = 2;
    /// <summary>κ, correlation of the shared paths' gains at Bob and Eve, in [0, 1] (default 0.9: Eve a fraction of a wavelength from Bob).</summary>
    public double GainCorrelation { get; init; } = 0.9;
    /// <summary>σ_E², Eve's noise variance per slot (default 1, Bob's σ_B²: the same receiver quality).</summary>
    public double NoiseVariance { get; init; } = 1;
    /// <summary>NSGA-II population (even, ≥ 4; default 100).</summary>
    public int Population { get; init; } = 100;
    /// <summary>NSGA-II generations (default 150).</summary>
    public int Generations { get; init; } = 150;

    internal void Validate(string p, int paths)
    {
        Check.InRange(Geometries, 0, 1_000_000, $"{p}.geometries");
        Check.InRange(SharedPaths, 0, paths, $"{p}.sharedPaths");
        Check.InRange(OwnPaths, 0, 64, $"{p}.ownPaths");
        if (SharedPaths == 0 && OwnPaths == 0)
            throw new ConfigException($"{p}.ownPaths", "got 0 with sharedPaths = 0: Eve must receive at least one path; allowed: ownPaths ≥ 1 or sharedPaths ≥ 1");
        Check.InRange(GainCorrelation, 0, 1, $"{p}.gainCorrelation");
        Check.InRange(NoiseVariance, 1e-6, 1e6, $"{p}.noiseVariance");
        Check.InRange(Population, 4, 10_000, $"{p}.population");
        if (Population % 2 != 0) throw new ConfigException($"{p}.population", $"got {Population}; allowed: an even number ≥ 4");
        Check.InRange(Generations, 1, 100_000, $"{p}.generations");
    }
}

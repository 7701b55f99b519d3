using PhyToolkit.Core.Configuration;

namespace PhyToolkit.Scenarios.Morephy;

/// <summary>
/// Parameters of the <c>operator-learning</c> scenario (docs/morephy.md): the Morephy-Net building blocks that are checked
/// against exact answers — the Burgers reference solver, the replica-exchange sampler and the NSGA-II engine — and the
/// operator-learning experiments (Morephy-Net training loop against the DeepONet and fixed-weight PI-DON baselines, UQ,
/// inverse ν). Defaults follow the reproduction plan where it is affordable on 2 cores ([Proposed]); the paper
/// (arXiv 2509.00663) gives no values.
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

    /// <summary>Seeds (blocks) of the operator-learning studies; later blocks skip them (0 switches them off). Our choice 4 (quick 2): each block trains 5 models at every noise level.</summary>
    public int OperatorSeeds { get; init; } = 4;

    /// <summary>Observation noise levels (standard deviation relative to each solution's standard deviation); spec 0, 1, 5, 10 %.</summary>
    public double[] NoiseLevels { get; init; } = [0.01, 0.05, 0.10];

    /// <summary>ν of the operator-learning data (spec 0.02).</summary>
    public double OperatorViscosity { get; init; } = 0.02;

    /// <summary>Training input functions (spec 200; our choice 24 for the 2-core budget).</summary>
    public int TrainFunctions { get; init; } = 24;

    /// <summary>Test input functions (spec 50; our choice 8), shared by every seed.</summary>
    public int TestFunctions { get; init; } = 8;

    /// <summary>Sensors m per input function (spec 64; our choice 32); must divide <see cref="OperatorGridPoints"/>.</summary>
    public int Sensors { get; init; } = 32;

    /// <summary>Noisy observations per training function (spec 64; our choice 32).</summary>
    public int Observations { get; init; } = 32;

    /// <summary>Solver grid of the operator data (spec 256; our choice 128, converged to 1e-10 at ν = 0.02 by the solver study).</summary>
    public int OperatorGridPoints { get; init; } = 128;

    /// <summary>Solver time step of the operator data (our choice 2e-3).</summary>
    public double OperatorTimeStep { get; init; } = 2e-3;

    /// <summary>Output times on [0, t_end] (our choice 11).</summary>
    public int TimePoints { get; init; } = 11;

    /// <summary>Final time t_end (our choice 0.5).</summary>
    public double FinalTime { get; init; } = 0.5;

    /// <summary>Hidden width of branch and trunk (spec 64; our choice 32).</summary>
    public int HiddenWidth { get; init; } = 32;

    /// <summary>Latent dimension p (spec 32; our choice 16).</summary>
    public int Latent { get; init; } = 16;

    /// <summary>Fourier features q of the trunk (spec 16; our choice 8).</summary>
    public int FourierFeatures { get; init; } = 8;

    /// <summary>Morephy-Net population K (spec 6; our choice 4, the smallest NSGA-II population).</summary>
    public int MorephyPopulation { get; init; } = 4;

    /// <summary>Morephy-Net generations G (spec 20; our choice 10).</summary>
    public int MorephyGenerations { get; init; } = 10;

    /// <summary>Local reSGLD steps L_s per generation (spec 50; our choice 20).</summary>
    public int LocalSteps { get; init; } = 20;

    /// <summary>reSGLD step size in mean-loss units (our choice 5e-3).</summary>
    public double StepSize { get; init; } = 5e-3;

    /// <summary>Steps of the final posterior run of the knee individual (our choice 100).</summary>
    public int PosteriorSteps { get; init; } = 100;

    /// <summary>Thinning of the posterior run (our choice 5: 10 samples from 100 steps).</summary>
    public int PosteriorThinning { get; init; } = 5;

    /// <summary>Functions per mini-batch (spec 8; our choice 4).</summary>
    public int BatchFunctions { get; init; } = 4;

    /// <summary>Collocation points per function (spec 128; our choice 32).</summary>
    public int CollocationPoints { get; init; } = 32;

    /// <summary>Physics weights λ of the fixed-weight PI-DON baselines (spec {0.1, 1, 10}).</summary>
    public double[] PhysicsWeights { get; init; } = [0.1, 1, 10];

    /// <summary>Adam learning rate of the baselines (Kingma and Ba's default 1e-3).</summary>
    public double AdamLearningRate { get; init; } = 1e-3;

    /// <summary>Noise level of the inverse problem (spec 5 %).</summary>
    public double InverseNoise { get; init; } = 0.05;

    /// <summary>Starting guess of ν in the inverse problem (our choice 0.05, 2.5 × the true value).</summary>
    public double InverseInitialViscosity { get; init; } = 0.05;

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
        Check.InRange(OperatorSeeds, 0, 1000, Check.Path(path, "operatorSeeds"));
        Check.AllInRange(NoiseLevels, 0, 0.5, Check.Path(path, "noiseLevels"));
        Check.Distinct(NoiseLevels, Check.Path(path, "noiseLevels"));
        if (NoiseLevels.Length == 0) throw new ConfigException(Check.Path(path, "noiseLevels"), "got an empty list; allowed: 1 … 10 distinct levels in [0, 0.5]");
        Check.MaxCount(NoiseLevels, 10, Check.Path(path, "noiseLevels"));
        Check.InRange(OperatorViscosity, 1e-3, 1, Check.Path(path, "operatorViscosity"));
        Check.InRange(TrainFunctions, 2, 10_000, Check.Path(path, "trainFunctions"));
        Check.InRange(TestFunctions, 1, 1000, Check.Path(path, "testFunctions"));
        Check.InRange(OperatorGridPoints, 16, 4096, Check.Path(path, "operatorGridPoints"));
        if (OperatorGridPoints % 2 != 0) throw new ConfigException(Check.Path(path, "operatorGridPoints"), $"got {OperatorGridPoints}; allowed: an even integer in [16, 4096]");
        Check.InRange(Sensors, 2, OperatorGridPoints, Check.Path(path, "sensors"));
        if (OperatorGridPoints % Sensors != 0) throw new ConfigException(Check.Path(path, "sensors"), $"got {Sensors}; allowed: a divisor of operatorGridPoints = {OperatorGridPoints}");
        Check.InRange(Observations, 1, 100_000, Check.Path(path, "observations"));
        Check.InRange(OperatorTimeStep, 1e-5, 1e-2, Check.Path(path, "operatorTimeStep"));
        Check.InRange(TimePoints, 2, 1000, Check.Path(path, "timePoints"));
        Check.InRange(FinalTime, 1e-3, 10, Check.Path(path, "finalTime"));
        Check.InRange(HiddenWidth, 1, 1024, Check.Path(path, "hiddenWidth"));
        Check.InRange(Latent, 1, 1024, Check.Path(path, "latent"));
        Check.InRange(FourierFeatures, 0, 256, Check.Path(path, "fourierFeatures"));
        Check.InRange(MorephyPopulation, 4, 1000, Check.Path(path, "morephyPopulation"));
        Check.InRange(MorephyGenerations, 1, 100_000, Check.Path(path, "morephyGenerations"));
        Check.InRange(LocalSteps, 1, 1_000_000, Check.Path(path, "localSteps"));
        Check.InRange(StepSize, 1e-8, 1, Check.Path(path, "stepSize"));
        Check.InRange(PosteriorSteps, 2, 1_000_000, Check.Path(path, "posteriorSteps"));
        Check.InRange(PosteriorThinning, 1, PosteriorSteps / 2, Check.Path(path, "posteriorThinning"));
        Check.InRange(BatchFunctions, 1, 10_000, Check.Path(path, "batchFunctions"));
        Check.InRange(CollocationPoints, 1, 100_000, Check.Path(path, "collocationPoints"));
        Check.AllInRange(PhysicsWeights, 1e-6, 1e6, Check.Path(path, "physicsWeights"));
        Check.Distinct(PhysicsWeights, Check.Path(path, "physicsWeights"));
        if (PhysicsWeights.Length == 0) throw new ConfigException(Check.Path(path, "physicsWeights"), "got an empty list; allowed: 1 … 10 distinct weights in [1e-6, 1e6]");
        Check.MaxCount(PhysicsWeights, 10, Check.Path(path, "physicsWeights"));
        Check.InRange(AdamLearningRate, 1e-8, 1, Check.Path(path, "adamLearningRate"));
        Check.InRange(InverseNoise, 0, 0.5, Check.Path(path, "inverseNoise"));
        Check.InRange(InverseInitialViscosity, 1e-4, 10, Check.Path(path, "inverseInitialViscosity"));
    }
}

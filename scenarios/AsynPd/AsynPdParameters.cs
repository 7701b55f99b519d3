using PhyToolkit.Core.Configuration;

namespace PhyToolkit.Scenarios.AsynPd;

/// <summary>
/// Parameters of the <c>asyn-pd</c> scenario (docs/asyn-pd.md). Defaults are the reproduction plan of the Asyn-PD spec
/// (arXiv 2509.01172, §1.3 and §5, [Proposed]); the paper's own values were not available.
/// </summary>
public sealed record AsynPdParameters : IValidatable
{
    /// <summary>Server iterations of every asynchronous run (spec: 1e5). Sync-PD gets the same virtual-time horizon.</summary>
    public int Iterations { get; init; } = 100_000;

    /// <summary>Test bed T1: workers n (spec 10).</summary>
    public int Workers { get; init; } = 10;

    /// <summary>T1: dimension d (spec 5).</summary>
    public int Dimension { get; init; } = 5;

    /// <summary>T1: constraints m (spec 3; at most 16 for the exact LCP reference).</summary>
    public int Constraints { get; init; } = 3;

    /// <summary>T1: noise standard deviation sd of ξ_i (spec 1).</summary>
    public double NoiseSd { get; init; } = 1;

    /// <summary>Dual regularisation δ of every study except the δ sweep (spec 0.05).</summary>
    public double Delta { get; init; } = 0.05;

    /// <summary>The δ sweep of claim 3 (spec {0.2, 0.1, 0.05, 0.025}).</summary>
    public double[] Deltas { get; init; } = [0.2, 0.1, 0.05, 0.025];

    /// <summary>Timing models studied for the rate and async-vs-sync claims: "H0", "H1", "H2".</summary>
    public string[] Timings { get; init; } = ["H0", "H1", "H2"];

    /// <summary>Mean link latency κ (uplink and downlink each; spec 0.1).</summary>
    public double LinkMean { get; init; } = 0.1;

    /// <summary>H1: range of the log-uniform mean compute times (spec [1, 10]).</summary>
    public double[] H1ComputeRange { get; init; } = [1, 10];

    /// <summary>H2: the straggler's mean compute time (spec 20; the others have 1).</summary>
    public double StragglerMean { get; init; } = 20;

    /// <summary>Claim 5: straggler means compared (spec 5 and 50).</summary>
    public double[] StragglerSweep { get; init; } = [5, 50];

    /// <summary>Step scale of the deliberately violated schedule of claim 2 (a·μ = b·δ = 0.25, spec).</summary>
    public double SlowScale { get; init; } = 0.25;

    /// <summary>Claim 6: constant primal and dual steps (α, β); the study also runs (α/2, β/2). Our choice.</summary>
    public double[] ConstantSteps { get; init; } = [0.02, 2];

    /// <summary>Time-to-target threshold as a fraction of MSE(0) (spec 1e-3).</summary>
    public double TargetFraction { get; init; } = 1e-3;

    /// <summary>Per-device SNR (dB) of the over-the-air aggregation study (docs/asyn-pd.md: 10 dB).</summary>
    public double OtaSnrDb { get; init; } = 10;

    /// <summary>T2: users (spec 10).</summary>
    public int Users { get; init; } = 10;

    /// <summary>T2: range of the log-uniform mean gains γ_i (spec [0.1, 10]).</summary>
    public double[] GainRange { get; init; } = [0.1, 10];

    /// <summary>T2: per-user power cap P_max (spec 5).</summary>
    public double MaxPower { get; init; } = 5;

    /// <summary>T2: total power budget P_tot (spec 10).</summary>
    public double TotalPower { get; init; } = 10;

    /// <inheritdoc/>
    public void Validate(string path)
    {
        Check.InRange(Iterations, 1000, 10_000_000, Check.Path(path, "iterations"));
        Check.InRange(Workers, 2, 1000, Check.Path(path, "workers"));
        Check.InRange(Dimension, 1, 100, Check.Path(path, "dimension"));
        Check.InRange(Constraints, 1, 16, Check.Path(path, "constraints"));
        Check.InRange(NoiseSd, 0, 100, Check.Path(path, "noiseSd"));
        Check.InRange(Delta, 1e-4, 10, Check.Path(path, "delta"));
        Check.AllInRange(Deltas, 1e-4, 10, Check.Path(path, "deltas"));
        Check.Distinct(Deltas, Check.Path(path, "deltas"));
        Check.Distinct(Timings, Check.Path(path, "timings"));
        for (int i = 0; i < Timings.Length; i++) Check.OneOf(Timings[i], $"{Check.Path(path, "timings")}[{i}]", "H0", "H1", "H2");
        Check.InRange(LinkMean, 0, 100, Check.Path(path, "linkMean"));
        Pair(H1ComputeRange, 1e-3, 1e4, Check.Path(path, "h1ComputeRange"));
        Check.InRange(StragglerMean, 1e-3, 1e4, Check.Path(path, "stragglerMean"));
        Check.AllInRange(StragglerSweep, 1e-3, 1e4, Check.Path(path, "stragglerSweep"));
        Check.Distinct(StragglerSweep, Check.Path(path, "stragglerSweep"));
        Check.InRange(SlowScale, 1e-3, 0.5, Check.Path(path, "slowScale"));
        if (ConstantSteps is not { Length: 2 }) throw new ConfigException(Check.Path(path, "constantSteps"), "must hold exactly two numbers [alpha, beta]");
        Check.AllInRange(ConstantSteps, 1e-6, 10, Check.Path(path, "constantSteps"));
        Check.InRange(TargetFraction, 1e-8, 0.5, Check.Path(path, "targetFraction"));
        Check.InRange(OtaSnrDb, -20, 60, Check.Path(path, "otaSnrDb"));
        Check.InRange(Users, 1, 1000, Check.Path(path, "users"));
        Pair(GainRange, 1e-6, 1e6, Check.Path(path, "gainRange"));
        Check.InRange(MaxPower, 1e-6, 1e6, Check.Path(path, "maxPower"));
        Check.InRange(TotalPower, 1e-6, 1e9, Check.Path(path, "totalPower"));
    }

    private static void Pair(double[]? v, double min, double max, string path)
    {
        if (v is not { Length: 2 }) throw new ConfigException(path, "must hold exactly two numbers [low, high]");
        Check.AllInRange(v, min, max, path);
        if (v[1] < v[0]) throw new ConfigException(path, $"got [{v[0]}, {v[1]}]; need low <= high");
    }
}

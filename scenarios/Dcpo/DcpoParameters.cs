using PhyToolkit.Core.Configuration;

namespace PhyToolkit.Scenarios.Dcpo;

/// <summary>
/// Parameters of the <c>dcpo</c> scenario (docs/dcpo.md). Defaults follow our reproduction plan ([Proposed]) and the papers'
/// clip settings: GRPO ε = 0.2, DAPO 0.2/0.28 with up to 5 refills, DCPO 0.16/0.2 (cap 10); the GSPO ε = 0.2 is our choice.
/// </summary>
public sealed record DcpoParameters : IValidatable
{
    /// <summary>The methods every task point runs, allowed "grpo", "dapo", "gspo", "dcpo".</summary>
    public static readonly string[] KnownMethods = ["grpo", "dapo", "gspo", "dcpo"];

    /// <summary>The toy tasks, allowed "T1" (digit-sum bandit) and "T2" (two-digit sum with an end token).</summary>
    public string[] Tasks { get; init; } = ["T1", "T2"];

    /// <summary>Methods compared on every task (equal response budget, same warm start, same prompt order per seed).</summary>
    public string[] Methods { get; init; } = [.. KnownMethods];

    /// <summary>Prompts per step B (spec: 16).</summary>
    public int PromptsPerStep { get; init; } = 16;

    /// <summary>Responses per prompt G ≥ 2 (spec: 8).</summary>
    public int Generations { get; init; } = 8;

    /// <summary>Inner epochs μ over the full batch (spec: 4).</summary>
    public int InnerEpochs { get; init; } = 4;

    /// <summary>Adam learning rate (spec: 1e-2; β2 = 0.999 explicitly).</summary>
    public double LearningRate { get; init; } = 1e-2;

    /// <summary>Hidden width of the MLP policy (spec: 64).</summary>
    public int Hidden { get; init; } = 64;

    /// <summary>Generated-response budget per method and seed (spec: 300 steps × 16 × 8 = 38 400); DAPO's refills count against it.</summary>
    public int BudgetResponses { get; init; } = 38_400;

    /// <summary>Responses between two points of the accuracy-vs-budget curve.</summary>
    public int CheckpointResponses { get; init; } = 1_280;

    /// <summary>Supervised warm-start steps (spec: 30).</summary>
    public int WarmStartSteps { get; init; } = 30;

    /// <summary>Fraction of prompts used by the warm start (spec: 0.3).</summary>
    public double WarmStartFraction { get; init; } = 0.3;

    /// <summary>GRPO's ε.</summary>
    public double GrpoEpsilon { get; init; } = 0.2;

    /// <summary>DAPO's ε_low.</summary>
    public double DapoEpsilonLow { get; init; } = 0.2;

    /// <summary>DAPO's ε_high (clip-higher).</summary>
    public double DapoEpsilonHigh { get; init; } = 0.28;

    /// <summary>DAPO's maximum refill rounds of dynamic sampling.</summary>
    public int DapoMaxRefills { get; init; } = 5;

    /// <summary>GSPO's ε (our choice).</summary>
    public double GspoEpsilon { get; init; } = 0.2;

    /// <summary>DCPO's ε_low of dynamic-adaptive clipping.</summary>
    public double DcpoEpsilonLow { get; init; } = 0.16;

    /// <summary>DCPO's ε_high of dynamic-adaptive clipping.</summary>
    public double DcpoEpsilonHigh { get; init; } = 0.2;

    /// <summary>Greedy accuracy whose first crossing is compared in claim D3 (spec: 0.8).</summary>
    public double AccuracyTarget { get; init; } = 0.8;

    /// <summary>Run the rare-token study of claim D5 (T1 with a log-uniform prior, tabular policy).</summary>
    public bool RareTokenStudy { get; init; } = true;

    /// <summary>Steps of the rare-token study (spec: 20).</summary>
    public int RareSteps { get; init; } = 20;

    /// <summary>Prior probability of the correct token below which a prompt counts as rare (spec: 0.05).</summary>
    public double RareThreshold { get; init; } = 0.05;

    /// <summary>Policy of the rare-token study: "mlp" (the MLP with the prior as fixed logit offsets) or "tabular" (one trainable logit per prompt and token).</summary>
    public string RarePolicy { get; init; } = "mlp";

    /// <summary>The library configuration of a method.</summary>
    public PhyToolkit.Learning.PolicyOptimization.PolicyOptimConfig Method(string name)
    {
        var c = name switch
        {
            "grpo" => PhyToolkit.Learning.PolicyOptimization.PolicyOptimConfig.Grpo(GrpoEpsilon),
            "dapo" => PhyToolkit.Learning.PolicyOptimization.PolicyOptimConfig.Dapo(DapoEpsilonLow, DapoEpsilonHigh, DapoMaxRefills),
            "gspo" => PhyToolkit.Learning.PolicyOptimization.PolicyOptimConfig.Gspo(GspoEpsilon),
            "dcpo" => PhyToolkit.Learning.PolicyOptimization.PolicyOptimConfig.Dcpo(DcpoEpsilonLow, DcpoEpsilonHigh),
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown method"),
        };
        return c with { NumGenerations = Generations, InnerEpochs = InnerEpochs };
    }

    /// <inheritdoc/>
    public void Validate(string path)
    {
        Check.Distinct(Tasks, Check.Path(path, "tasks"));
        for (int i = 0; i < Tasks.Length; i++) Check.OneOf(Tasks[i], $"{Check.Path(path, "tasks")}[{i}]", "T1", "T2");
        Check.Distinct(Methods, Check.Path(path, "methods"));
        for (int i = 0; i < Methods.Length; i++) Check.OneOf(Methods[i], $"{Check.Path(path, "methods")}[{i}]", KnownMethods);
        Check.InRange(PromptsPerStep, 1, 100, Check.Path(path, "promptsPerStep"));
        Check.InRange(Generations, 2, 64, Check.Path(path, "generations"));
        Check.InRange(InnerEpochs, 1, 16, Check.Path(path, "innerEpochs"));
        Check.InRange(LearningRate, 1e-6, 1, Check.Path(path, "learningRate"));
        Check.InRange(Hidden, 1, 1024, Check.Path(path, "hidden"));
        Check.InRange(BudgetResponses, PromptsPerStep * Generations, 10_000_000, Check.Path(path, "budgetResponses"));
        Check.InRange(CheckpointResponses, 1, BudgetResponses, Check.Path(path, "checkpointResponses"));
        Check.InRange(WarmStartSteps, 0, 10_000, Check.Path(path, "warmStartSteps"));
        Check.InRange(WarmStartFraction, 0.01, 1, Check.Path(path, "warmStartFraction"));
        Check.InRange(GrpoEpsilon, 1e-6, 0.99, Check.Path(path, "grpoEpsilon"));
        Check.InRange(DapoEpsilonLow, 1e-6, 0.99, Check.Path(path, "dapoEpsilonLow"));
        Check.InRange(DapoEpsilonHigh, 1e-6, 10, Check.Path(path, "dapoEpsilonHigh"));
        Check.InRange(DapoMaxRefills, 0, 100, Check.Path(path, "dapoMaxRefills"));
        Check.InRange(GspoEpsilon, 1e-6, 0.99, Check.Path(path, "gspoEpsilon"));
        Check.InRange(DcpoEpsilonLow, 1e-6, 10, Check.Path(path, "dcpoEpsilonLow"));
        Check.InRange(DcpoEpsilonHigh, 1e-6, 10, Check.Path(path, "dcpoEpsilonHigh"));
        Check.InRange(AccuracyTarget, 0.01, 1, Check.Path(path, "accuracyTarget"));
        Check.InRange(RareSteps, 1, 10_000, Check.Path(path, "rareSteps"));
        Check.InRange(RareThreshold, 1e-3, 0.5, Check.Path(path, "rareThreshold"));
        Check.OneOf(RarePolicy, Check.Path(path, "rarePolicy"), "mlp", "tabular");
    }
}

namespace PhyToolkit.Scenarios.Tests.Optimizers;

/// <summary>
/// The TorchSharp optimiser scenarios (4–40 s each at --quick) run one after another, as one test class did before they
/// were split by scenario folder: two of them at once would compete for the same native thread pool.
/// </summary>
[CollectionDefinition(nameof(TorchOptimizerScenarios))]
public sealed class TorchOptimizerScenarios;

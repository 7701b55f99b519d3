namespace PhyToolkit.Channels.Tests.KeyGeneration.Batched;

/// <summary>Tests that set process environment variables run alone.</summary>
[CollectionDefinition(nameof(EnvironmentVariableCollection), DisableParallelization = true)]
public sealed class EnvironmentVariableCollection;

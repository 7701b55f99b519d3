using System.Runtime.CompilerServices;
using PhyToolkit.Learning.Torch;

namespace PhyToolkit.Learning.Tests.ActiveLearning;

/// <summary>
/// Loads libtorch through <see cref="TorchRuntime"/> before any test touches TorchSharp, so MKL's reproducibility mode
/// (<see cref="TorchRuntime.DefaultMklReproducibilityMode"/>) is set whichever test class runs first: the bit-for-bit checks of
/// this folder (SAM with ρ = 0 against SGD, repeated runs of the active-learning loop) differed in the last bits without it.
/// </summary>
internal static class TorchLoadOrder
{
    [ModuleInitializer]
    internal static void Load() => TorchRuntime.EnsureLoaded(1);
}

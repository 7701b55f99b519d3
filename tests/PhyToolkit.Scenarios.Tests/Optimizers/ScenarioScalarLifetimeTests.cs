using PhyToolkit.Learning.Tests.Optimizers;
using PhyToolkit.Scenarios.Optimizers;

namespace PhyToolkit.Scenarios.Tests.Optimizers;

/// <summary>
/// The scenarios' TorchSharp code holds every Scalar in a disposed local (no implicit double → Scalar temporaries, no
/// TorchSharp call that creates one internally): such a temporary can be finalised by the GC while the native call still
/// reads it, which made optim-quantized fail intermittently ("Unknown scalar type") under GC pressure (TorchSharp 0.107).
/// </summary>
public class ScenarioScalarLifetimeTests
{
    [Fact]
    public void ScenariosAssembly_HasNoUnheldScalarTemporaries()
    {
        var findings = ScalarTemporaryScanner.Scan(typeof(TorchScenarioKit).Assembly);
        Assert.True(findings.Count == 0, $"{findings.Count} unheld TorchSharp Scalars:\n" + string.Join("\n", findings));
    }
}

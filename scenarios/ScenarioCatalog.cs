using PhyToolkit.Core.Configuration;
using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Scenarios.Ber;
using PhyToolkit.Scenarios.FaPlkg;
using PhyToolkit.Scenarios.Optimizers;

namespace PhyToolkit.Scenarios;

/// <summary>Every scenario that <c>phytk</c> can run, by name.</summary>
public static class ScenarioCatalog
{
    /// <summary>All scenarios, in listing order.</summary>
    public static IReadOnlyList<IScenario> All { get; } =
    [
        new FaPlkgScenario(),
        new OtaFl.OtaFlScenario(),
        new BerAwgnRayleighScenario(),
        new HierarchicalScenario(),
        new ReductionScenario(),
        new ZerothOrderScenario(),
        new AdaGoScenario(),
        new QuantizationScenario(),
        new RollingBallScenario(),
        new SamScenario(),
        new AsynPd.AsynPdScenario(),
        new RepresentationalDrift.DriftScenario(),
        new Resurgence.ResurgenceScenario(),
        new UnlearningPuf.UnlearningPufScenario(),
        new UnlearningStream.UnlearningStreamScenario(),
        new ForgingSets.ForgingSetsScenario(),
        new AdpVrsgp.AdpVrsgpScenario(),
        new Dcpo.DcpoScenario(),
        new Samosa.SamosaScenario(),
        new Morephy.MorephyScenario(),
        new Engd.EngdScenario(),
        new InverseImaging.InverseImagingScenario(),
    ];

    /// <summary>The scenario called <paramref name="name"/>.</summary>
    /// <exception cref="ConfigException">No such scenario (the message lists the known ones).</exception>
    public static IScenario Find(string name) =>
        All.FirstOrDefault(s => s.Name == name)
        ?? throw new ConfigException("scenario", $"unknown scenario '{name}'; known: {string.Join(", ", All.Select(s => s.Name))}");
}

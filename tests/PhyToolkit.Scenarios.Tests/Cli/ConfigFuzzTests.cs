using System.Globalization;
using System.Text.Json.Nodes;
using CsCheck;
using PhyToolkit.Core.Configuration;
using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Results;

namespace PhyToolkit.Scenarios.Tests.Cli;

/// <summary>
/// Property: any one-field change of any scenario's <c>--quick</c> defaults (a valid nearby value, a wrong type, an extreme,
/// a control character, null, an empty or nested array) either resolves and prepares, or is refused with one
/// <see cref="ConfigException"/> line naming a field, with no .NET type name; never another exception.
/// </summary>
public class ConfigFuzzTests
{
    private static readonly (IScenario Scenario, string[] Paths)[] Targets =
        ScenarioCatalog.All.Select(s => (s, Leaves(ScenarioConfigResolver.ToJson(s.DefaultConfig(true)), "").ToArray())).ToArray();

    private static IEnumerable<string> Leaves(JsonNode? node, string path)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (k, v) in o)
                    foreach (var p in Leaves(v, path.Length == 0 ? k : path + "." + k)) yield return p;
                break;
            case JsonArray a:
                yield return path;
                for (int i = 0; i < Math.Min(a.Count, 2); i++)
                    foreach (var p in Leaves(a[i], $"{path}[{i}]")) yield return p;
                break;
            default:
                if (path is not "scenario" and not "schemaVersion") yield return path;
                break;
        }
    }

    private static readonly string[] Odd =
    [
        "0", "-1", "1e308", "-1e308", "2147483648", "18446744073709551616", "0.5", "1e-300", "NaN", "true", "null",
        "[]", "[[1]]", "{}", "[1,1]", "[0,0.5,1]", "\"fixed\"", "\"a\\u0001b\"", "\"\"", "\"x\\ny\"", "[\"a\",\"a\"]", "[1e308]", "[-5,400]",
    ];

    private static readonly Gen<string> Values = Gen.OneOf(
        Gen.Int[-3, 40].Select(i => i.ToString(CultureInfo.InvariantCulture)),
        Gen.Double[-1e3, 1e3].Select(d => d.ToString("R", CultureInfo.InvariantCulture)),
        Gen.Int[0, Odd.Length - 1].Select(i => Odd[i]));

    [Fact]
    public void AnyOneFieldChangeIsAcceptedOrRefusedOnOneLineNamingAField()
    {
        Gen.Select(Gen.Int[0, Targets.Length - 1], Gen.Int[0, 1_000_000], Values)
            .Sample((si, pi, value) =>
            {
                var (scenario, paths) = Targets[si];
                string set = paths[pi % paths.Length] + "=" + value;
                try
                {
                    var (config, _) = ScenarioConfigResolver.Resolve(scenario.DefaultConfig(true), null, [set], null);
                    RunDirectory.Prepare(scenario, config);
                }
                catch (ConfigException e)
                {
                    Assert.True(!e.Message.Contains('\n') && !e.Message.Contains("System.", StringComparison.Ordinal)
                        && e.Message.IndexOf(": ", StringComparison.Ordinal) > 0, $"{scenario.Name} --set {set}: {e.Message}");
                }
                catch (Exception e)
                {
                    Assert.Fail($"{scenario.Name} --set {set}: {e.GetType().Name}: {e.Message}");
                }
            }, iter: 1000, threads: 1);
    }

    [Fact]
    public void AcceptedChangesOfTheBerScenarioRunToResultsWithoutNaN()
    {
        // The engine's own scenario runs in a second or less, so the property can run what it accepts: every accepted
        // one-field change ends with a results.csv free of NaN; everything else is a one-line ConfigException.
        var ber = Targets.Single(t => t.Scenario.Name == "ber-awgn-rayleigh");
        string root = Path.Combine(Path.GetTempPath(), "phytk-tests", "fuzz-" + Guid.NewGuid().ToString("N")[..8]);
        int ran = 0;
        Gen.Select(Gen.Int[0, 1_000_000], Values)
            .Sample((pi, value) =>
            {
                string set = ber.Paths[pi % ber.Paths.Length] + "=" + value;
                string dir = Path.Combine(root, Guid.NewGuid().ToString("N"));
                try
                {
                    var (config, json) = ScenarioConfigResolver.Resolve(ber.Scenario.DefaultConfig(true), null, ["run.maxBlocks=4", set], null);
                    RunDirectory.Execute(ber.Scenario, config, json, dir, new EngineOptions { Threads = 1, MaxTime = TimeSpan.FromSeconds(10) });
                    string csv = File.ReadAllText(Path.Combine(dir, RunDirectory.ResultsFile));
                    Assert.False(csv.Contains("NaN", StringComparison.OrdinalIgnoreCase) || csv.Contains("Infinity", StringComparison.OrdinalIgnoreCase), $"--set {set}: {csv}");
                    ran++;
                }
                catch (ConfigException e)
                {
                    Assert.True(!e.Message.Contains('\n') && !e.Message.Contains("System.", StringComparison.Ordinal), $"--set {set}: {e.Message}");
                }
                catch (Exception e) when (e is not Xunit.Sdk.XunitException)
                {
                    Assert.Fail($"ber-awgn-rayleigh --set {set}: {e.GetType().Name}: {e.Message}");
                }
            }, iter: 25, threads: 1);
        Assert.True(ran > 0, "no generated change was accepted; the property ran nothing");
        Directory.Delete(root, true);
    }
}

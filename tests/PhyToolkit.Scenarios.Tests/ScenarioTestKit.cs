using System.Text.Json.Nodes;
using PhyToolkit.Core.Configuration;
using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Results;
using PhyToolkit.Scenarios.Tests.Cli;

namespace PhyToolkit.Scenarios.Tests;

/// <summary>The checks every scenario's tests share: resolve its quick config, run it, thread-count determinism, rejected fields.</summary>
internal static class ScenarioTestKit
{
    /// <summary>The scenario's quick defaults with <paramref name="sets"/> applied (as <c>--set</c> would).</summary>
    public static (ScenarioConfig Config, JsonObject Json) Resolve(IScenario scenario, params string[] sets) =>
        ScenarioConfigResolver.Resolve(scenario.DefaultConfig(quick: true), null, sets, null);

    /// <summary>Runs the quick config with <paramref name="sets"/> on two threads into a fresh temporary directory.</summary>
    public static (string Dir, RunResults Results) RunQuick(IScenario scenario, string name, params string[] sets)
    {
        string dir = Phytk.TempDir(name);
        var (config, json) = Resolve(scenario, sets);
        var (results, _) = RunDirectory.Execute(scenario, config, json, dir, new EngineOptions { Threads = 2 });
        return (dir, results);
    }

    /// <summary>Asserts that one and two worker threads write byte-identical results.csv files.</summary>
    public static void AssertSameResultsForOneAndTwoThreads(IScenario scenario, string name, params string[] sets)
    {
        string a = Phytk.TempDir(name + "-t1"), b = Phytk.TempDir(name + "-t2");
        var (config, json) = Resolve(scenario, sets);
        RunDirectory.Execute(scenario, config, json, a, new EngineOptions { Threads = 1 });
        RunDirectory.Execute(scenario, config, json, b, new EngineOptions { Threads = 2 });
        Assert.Equal(File.ReadAllText(Path.Combine(a, RunDirectory.ResultsFile)), File.ReadAllText(Path.Combine(b, RunDirectory.ResultsFile)));
    }

    /// <summary>The JSON path that <see cref="ConfigException"/> names when the quick config with <paramref name="set"/> is created.</summary>
    public static string RejectedPath(IScenario scenario, string set) =>
        Assert.Throws<ConfigException>(() => scenario.Create(Resolve(scenario, set).Config)).Path;
}

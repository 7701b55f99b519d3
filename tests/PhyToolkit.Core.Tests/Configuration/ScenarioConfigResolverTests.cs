using System.Text.Json.Nodes;
using PhyToolkit.Core.Configuration;
using PhyToolkit.Core.MonteCarlo;

namespace PhyToolkit.Core.Tests.Configuration;

public class ScenarioConfigResolverTests
{
    private static ScenarioConfig Defaults() => new()
    {
        Scenario = "toy",
        Run = new RunSettings { TrialsPerBlock = 10, MaxBlocks = 5 },
        Parameters = new JsonObject { ["snrDb"] = new JsonArray(0, 10), ["m"] = 4 },
    };

    [Fact]
    public void SetOverridesAnyFieldByPath()
    {
        var (c, json) = ScenarioConfigResolver.Resolve(Defaults(), null, ["parameters.snrDb=[1,2,3]", "run.maxBlocks=9", "parameters.snrDb[1]=7"], 99);
        Assert.Equal(9, c.Run.MaxBlocks);
        Assert.Equal(99UL, c.Seed);
        Assert.Equal("[1,7,3]", json["parameters"]!["snrDb"]!.ToJsonString());
    }

    [Theory]
    [InlineData("parameters.nope=3", "parameters.nope")]
    [InlineData("run.maxBlocks=\"x\"", "run.maxBlocks")]
    [InlineData("run.maxBlocks=0", "run.maxBlocks")]
    [InlineData("run.stop=sometimes", "run.stop")]
    [InlineData("parameters.snrDb[5]=1", "parameters.snrDb[5]")]
    [InlineData("noequals", "--set")]
    public void BadOverridesNameTheField(string set, string path)
    {
        var e = Assert.Throws<ConfigException>(() => ScenarioConfigResolver.Resolve(Defaults(), null, [set], null));
        Assert.StartsWith(path, e.Message);
    }

    [Fact]
    public void FileOverlayRejectsUnknownFieldsAndWrongTypes()
    {
        var unknown = ScenarioConfigResolver.ParseFile("{\"scenario\":\"toy\",\"run\":{\"trialsPerBlok\":3}}", "f.json");
        Assert.StartsWith("run.trialsPerBlok", Assert.Throws<ConfigException>(() => ScenarioConfigResolver.Resolve(Defaults(), unknown, [], null)).Message);
        var wrongType = ScenarioConfigResolver.ParseFile("{\"run\":{\"trialsPerBlock\":\"many\"}}", "f.json");
        Assert.StartsWith("run.trialsPerBlock", Assert.Throws<ConfigException>(() => ScenarioConfigResolver.Resolve(Defaults(), wrongType, [], null)).Message);
        var e = Assert.Throws<ConfigException>(() => ScenarioConfigResolver.ParseFile("{\"run\": {", "bad.json"));
        Assert.StartsWith("bad.json", e.Message);
        Assert.Contains("malformed JSON", e.Message);
    }

    [Fact]
    public void ComparisonsAreStrictAboutSchemaVersion()
    {
        Assert.StartsWith("schemaVersion", Assert.Throws<ConfigException>(() =>
            ScenarioConfigResolver.Resolve(Defaults(), null, ["schemaVersion=2"], null)).Message);
    }

    [Fact]
    public void ShardSpecParsesAndRejects()
    {
        Assert.Equal(new ShardSpec(1, 3), ShardSpec.Parse("1/3"));
        foreach (var bad in new[] { "3/3", "-1/2", "a/b", "1", "0/0" })
            Assert.StartsWith("--shard", Assert.Throws<ConfigException>(() => ShardSpec.Parse(bad)).Message);
        var env = new Dictionary<string, string> { ["SLURM_ARRAY_TASK_ID"] = "2", ["SLURM_ARRAY_TASK_COUNT"] = "4" };
        Assert.Equal(new ShardSpec(2, 4), ShardSpec.FromEnvironment(k => env.GetValueOrDefault(k)));
        var k8s = new Dictionary<string, string> { ["JOB_COMPLETION_INDEX"] = "0", ["PHYTK_SHARD_COUNT"] = "2" };
        Assert.Equal(new ShardSpec(0, 2), ShardSpec.FromEnvironment(k => k8s.GetValueOrDefault(k)));
        Assert.Null(ShardSpec.FromEnvironment(_ => null));
    }
}

using System.Text.Json.Nodes;
using PhyToolkit.Core.Configuration;
using PhyToolkit.Core.MonteCarlo;

namespace PhyToolkit.Core.Tests.Configuration;

/// <summary>Errors in scenario files read as one line in users' words: the field, the value and what is allowed.</summary>
public class ConfigErrorMessageTests
{
    private sealed record Options(double Gain, int Count, ulong? Seed, double[] Grid, bool Flag, string Name);

    private static ConfigException BindError(string json) =>
        Assert.Throws<ConfigException>(() => ConfigBinder.Bind<Options>(JsonNode.Parse(json), "parameters"));

    private const string Good = "\"gain\": 1, \"count\": 2, \"seed\": 3, \"grid\": [1], \"flag\": true, \"name\": \"n\"";

    [Theory]
    [InlineData("\"gain\": \"x\"", "parameters.gain: got \"x\"; allowed: a number")]
    [InlineData("\"count\": 1.5", "parameters.count: got 1.5; allowed: an integer in [-2147483648, 2147483647]")]
    [InlineData("\"seed\": -1", "parameters.seed: got -1; allowed: an integer in [0, 18446744073709551615]")]
    [InlineData("\"grid\": [1, \"a\"]", "parameters.grid[1]: got \"a\"; allowed: a number")]
    [InlineData("\"grid\": 3", "parameters.grid: got 3; allowed: an array of numbers")]
    [InlineData("\"flag\": 1", "parameters.flag: got 1; allowed: true or false")]
    [InlineData("\"name\": 5", "parameters.name: got 5; allowed: a string in double quotes")]
    public void TypeErrorsNameTheFieldTheValueAndWhatIsAllowed(string field, string expected)
    {
        string name = field[1..field.IndexOf('"', 1)];
        string rest = string.Join(", ", Good.Split(", ").Where(f => !f.StartsWith("\"" + name + "\"", StringComparison.Ordinal)));
        var e = BindError("{" + rest + ", " + field + "}");
        Assert.Equal(expected, e.Message);
        Assert.DoesNotContain("System.", e.Message);
    }

    [Fact]
    public void MalformedJsonStatesOneLineNumber()
    {
        var e = Assert.Throws<ConfigException>(() => ScenarioConfigResolver.ParseFile("{\n\"seed\": 1 2\n}", "a.json"));
        Assert.StartsWith("a.json: malformed JSON at line 2, column 11:", e.Message);
        Assert.DoesNotContain("LineNumber", e.Message);
    }

    [Fact]
    public void ARepeatedKeyIsRefusedWithItsPathAndLine()
    {
        var e = Assert.Throws<ConfigException>(() => ScenarioConfigResolver.ParseFile("{\"run\": {\"maxBlocks\": 1,\n \"maxBlocks\": 2}}", "a.json"));
        Assert.Equal("a.json: line 2: field 'run.maxBlocks' is given twice; allowed: each field once", e.Message);
    }

    [Fact]
    public void ALoneSurrogateIsRefused()
    {
        var e = Assert.Throws<ConfigException>(() => ScenarioConfigResolver.ParseFile("{\"scenario\": \"\\ud800\"}", "a.json"));
        Assert.StartsWith("a.json: line 1: a string holds an unpaired UTF-16 surrogate", e.Message);
    }

    [Fact]
    public void ControlCharactersInValuesDoNotSplitTheMessage()
    {
        var e = new ConfigException("parameters.name", "got 'a\nb'");
        Assert.Equal("parameters.name: got 'a\\u000ab'", e.Message);
    }

    [Fact]
    public void ANonStringScenarioNameIsNotCalledMissing()
    {
        var e = Assert.Throws<ConfigException>(() => ScenarioConfigResolver.ScenarioName(ScenarioConfigResolver.ParseFile("{\"scenario\": 5}", "a.json")));
        Assert.Equal("scenario: got 5; allowed: a scenario name in double quotes (see 'phytk list')", e.Message);
    }

    [Fact]
    public void EngineSettingTypeErrorsNameTheField()
    {
        var defaults = new ScenarioConfig { Scenario = "toy", Run = RunSettings.Fixed(1), Parameters = [] };
        var e = Assert.Throws<ConfigException>(() => ScenarioConfigResolver.Resolve(defaults, null, ["run.maxBlocks=\"ten\""], null));
        Assert.Equal("run.maxBlocks: got \"ten\"; allowed: an integer in [-2147483648, 2147483647]", e.Message);
    }
}

namespace PhyToolkit.Scenarios.Tests.Cli;

public class CommandLineTests
{
    [Fact]
    public void ListShowsEveryScenario()
    {
        var (exit, output, _) = Phytk.Run("list");
        Assert.Equal(0, exit);
        foreach (var s in ScenarioCatalog.All) Assert.Contains(s.Name, output);
    }

    [Fact]
    public void ShowPrintsAResolvedFileThatRunsAsIs()
    {
        var (exit, json, _) = Phytk.Run("show", "ber-awgn-rayleigh", "--quick");
        Assert.Equal(0, exit);
        Assert.Contains("\"schemaVersion\": 1", json);
        string dir = Phytk.TempDir("show");
        Directory.CreateDirectory(dir);
        string file = Path.Combine(dir, "ber.json");
        File.WriteAllText(file, json.Replace("\"symbolsPerTrial\": 1000", "\"symbolsPerTrial\": 200", StringComparison.Ordinal));
        var run = Phytk.Run("run", file, "--out", Path.Combine(dir, "out"), "--no-progress");
        Assert.True(run.Exit == 0, run.Err);
        Assert.Contains("\"symbolsPerTrial\": 200", File.ReadAllText(Path.Combine(dir, "out", "scenario.json")));
    }

    public static TheoryData<string[], string> BadInputs() => new()
    {
        { ["run", "no-such-scenario"], "unknown scenario 'no-such-scenario'" },
        { ["run", "ber-awgn-rayleigh", "--quick", "--set", "parameters.bogus=1"], "parameters.bogus: unknown field" },
        { ["run", "ber-awgn-rayleigh", "--quick", "--set", "parameters.symbolsPerTrial=\"many\""], "parameters.symbolsPerTrial" },
        { ["run", "ber-awgn-rayleigh", "--quick", "--set", "parameters.ebN0Db=[0,99]"], "parameters.ebN0Db[1]: got 99; allowed: a finite number in [-10, 40]" },
        { ["run", "ber-awgn-rayleigh", "--quick", "--set", "parameters.modulations=[\"8psk\"]"], "parameters.modulations[0]: got '8psk'" },
        { ["run", "ber-awgn-rayleigh", "--quick", "--shard", "3/2"], "--shard: got '3/2'" },
        { ["run", "ber-awgn-rayleigh", "--quick", "--threads", "0"], "--threads: got 0" },
        { ["run", "ber-awgn-rayleigh", "--quick", "--max-time", "soon"], "--max-time: got 'soon'" },
        { ["run", "ber-awgn-rayleigh", "--quick", "--out", "/proc/phytk-cannot-write-here"], "--out: '/proc/phytk-cannot-write-here' is not a writable directory" },
        { ["run", "ber-awgn-rayleigh", "--quick", "--seed", "-4"], "--seed" },
        { ["frobnicate"], "frobnicate" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void BadInputExitsWithCode2AndOneClearLine(string[] args, string expected)
    {
        var (exit, _, err) = Phytk.Run(args);
        Assert.Equal(2, exit);
        Assert.Contains(expected, err);
        Assert.DoesNotContain("   at ", err); // no stack trace
    }

    [Fact]
    public void MalformedJsonAndNaNInAFileAreBadInput()
    {
        string dir = Phytk.TempDir("badjson");
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "a.json"), "{ \"scenario\": \"ber-awgn-rayleigh\", \"run\": { ");
        var (exit, _, err) = Phytk.Run("run", Path.Combine(dir, "a.json"));
        Assert.Equal(2, exit);
        Assert.Contains("malformed JSON", err);
        File.WriteAllText(Path.Combine(dir, "b.json"), "{ \"scenario\": \"ber-awgn-rayleigh\", \"parameters\": { \"ebN0Db\": [NaN] } }");
        (exit, _, err) = Phytk.Run("run", Path.Combine(dir, "b.json"));
        Assert.Equal(2, exit);
        Assert.Contains("b.json", err);
    }
}

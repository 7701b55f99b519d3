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
        { ["run", "ber-awgn-rayleigh", "--quick", "--threads", "0"], "--threads: got '0'; allowed: an integer in [1, 4096]" },
        { ["run", "ber-awgn-rayleigh", "--quick", "--max-time", "soon"], "--max-time: got 'soon'" },
        { ["run", "ber-awgn-rayleigh", "--quick", "--out", "/proc/phytk-cannot-write-here"], "--out: '/proc/phytk-cannot-write-here' is not a writable directory" },
        { ["run", "ber-awgn-rayleigh", "--quick", "--seed", "-4"], "--seed: got '-4'; allowed: an integer in [0, 18446744073709551615]" },
        { ["run", "ber-awgn-rayleigh", "--quick", "--threads", "many"], "--threads: got 'many'; allowed: an integer in [1, 4096]" },
        { ["run", "ber-awgn-rayleigh", "--quick", "--set", "parameters.symbolsPerTrial=1.5"], "parameters.symbolsPerTrial: got 1.5; allowed: an integer" },
        { ["run", "ber-awgn-rayleigh", "--quick", "--set", "run.maxBlocks=1000001"], "run.maxBlocks: got 1000001; allowed: an integer in [1, 1000000]" },
        { ["run", "ber-awgn-rayleigh", "--quick", "--set", "run.maxBlocks=1000000"], "run.maxBlocks: got 1000000 for 24 points, a budget of 24000000 blocks; allowed: points × maxBlocks ≤ 1000000" },
        { ["run", "ber-awgn-rayleigh", "--quick", "--set", "parameters.ebN0Db={\"a\":1,\"a\":2}"], "is given twice" },
        { ["show", "ber-awgn-rayleigh", "--set", "run.stop=sometimes"], "run.stop: got 'sometimes'" },
        { ["verify", "/proc/phytk-no-such-run"], "is not a run directory" },
        { ["run", "ber-awgn-rayleigh", "--quick", "--set", "parameters.ebN0Db=[0,0]"], "parameters.ebN0Db[1]: got 0, which repeats parameters.ebN0Db[0]; allowed: distinct values" },
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
        Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries)); // one line
        Assert.DoesNotContain("System.", err); // no .NET type names
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

    [Fact]
    public void ShowHonoursSetAndQuickWithAFileIsRefused()
    {
        var (exit, json, err) = Phytk.Run("show", "ber-awgn-rayleigh", "--quick", "--set", "run.maxBlocks=7", "--seed", "5");
        Assert.True(exit == 0, err);
        Assert.Contains("\"maxBlocks\": 7", json);
        Assert.Contains("\"seed\": 5", json);
        string dir = Phytk.TempDir("quickfile");
        Directory.CreateDirectory(dir);
        string file = Path.Combine(dir, "ber.json");
        File.WriteAllText(file, json);
        var quick = Phytk.Run("run", file, "--quick");
        Assert.Equal(2, quick.Exit);
        Assert.Contains("--quick: cannot be combined with a scenario file", quick.Err);
        File.WriteAllText(file, "{ \"scenario\": 5 }");
        var five = Phytk.Run("run", file);
        Assert.Equal(2, five.Exit);
        Assert.Contains("scenario: got 5; allowed: a scenario name", five.Err);
        Directory.Delete(dir, true);
    }

    [Fact]
    public void RedirectedOutputShowsOneLinePerFinishedBlockAndTheSummaryCountsRows()
    {
        string dir = Phytk.TempDir("progress");
        string grid = "[" + string.Join(",", Enumerable.Range(0, 31)) + "]";
        var (exit, output, err) = Phytk.Run("run", "ber-awgn-rayleigh", "--quick", "--set", "run.stop=fixed", "--set", "run.maxBlocks=2",
            "--set", "parameters.symbolsPerTrial=100", "--set", "parameters.ebN0Db=" + grid, "--out", dir);
        Assert.True(exit == 0, err);
        int blockLines = output.Split('\n').Count(l => l.TrimStart().StartsWith("block ", StringComparison.Ordinal));
        int rows = File.ReadAllLines(Path.Combine(dir, "results.csv")).Length - 1; // one scalar metric per point
        Assert.Equal(2 * rows, blockLines); // fixed rule: every block of every point is reported
        Assert.True(rows > 60);
        Assert.Contains($"... {rows - 60} more scalar rows in results.csv", output); // the summary shows 60 rows
        Directory.Delete(dir, true);
    }
}

using YamlDotNet.RepresentationModel;
using static PhyToolkit.Scenarios.Tests.Cli.Submit.SubmitTestKit;

namespace PhyToolkit.Scenarios.Tests.Cli.Submit;

/// <summary>
/// phytk submit --k8s: the manifests parse as YAML (YamlDotNet, an independent reader) into a ConfigMap holding the
/// resolved scenario file, an Indexed Job whose pods get JOB_COMPLETION_INDEX and PHYTK_SHARD_COUNT and share the run
/// volume, and a merge Job; and the pods' commands, run here with the volume and ConfigMap paths mapped to folders,
/// merge to the single-process results byte for byte.
/// </summary>
public class KubernetesManifestTests
{
    private static List<YamlMappingNode> Documents(string path)
    {
        var stream = new YamlStream();
        using (var reader = new StringReader(File.ReadAllText(path))) stream.Load(reader);
        return stream.Documents.Select(d => (YamlMappingNode)d.RootNode).ToList();
    }

    private static YamlNode At(YamlNode node, params object[] path)
    {
        foreach (var step in path)
            node = step switch
            {
                string key => ((YamlMappingNode)node).Children.TryGetValue(new YamlScalarNode(key), out var v) ? v : throw new Xunit.Sdk.XunitException($"no key '{key}'"),
                int i => ((YamlSequenceNode)node).Children[i],
                _ => throw new ArgumentException(step.ToString()),
            };
        return node;
    }

    private static string S(YamlNode node, params object[] path) => ((YamlScalarNode)At(node, path)).Value!;

    private static List<string> Strings(YamlNode node, params object[] path) =>
        ((YamlSequenceNode)At(node, path)).Children.Select(c => ((YamlScalarNode)c).Value!).ToList();

    [Fact]
    public void TheIndexedJobAndMergeJobHaveTheShardContractAndRunToTheSingleProcessResults()
    {
        string root = Cli.Phytk.TempDir("submit-k8s");
        string dir = Path.Combine(root, "ber-small");
        var r = Cli.Phytk.Run(["submit", .. Small, "--k8s", "--shards", "2", "--image", "registry.example.org/phytk:1.0",
            "--cpus-per-task", "2", "--mem", "1G", "--time", "2:00:00", "--out", dir]);
        Assert.True(r.Exit == 0, r.Err);
        Assert.Contains("nothing was applied", r.Out);
        string scenarioText = File.ReadAllText(Path.Combine(dir, "scenario.json"));

        var docs = Documents(Path.Combine(dir, "k8s", "shards.yaml"));
        Assert.Equal(2, docs.Count);
        var (configMap, job) = (docs[0], docs[1]);
        Assert.Equal("ConfigMap", S(configMap, "kind"));
        Assert.Equal(scenarioText, S(configMap, "data", "scenario.json")); // the resolved file, byte for byte
        Assert.Equal("batch/v1", S(job, "apiVersion"));
        Assert.Equal("Job", S(job, "kind"));
        string name = S(job, "metadata", "name");
        Assert.Matches("^phytk-ber-awgn-rayleigh-[0-9a-f]{8}$", name);
        Assert.Equal("Indexed", S(job, "spec", "completionMode"));
        Assert.Equal("2", S(job, "spec", "completions"));
        Assert.Equal("2", S(job, "spec", "parallelism"));
        var pod = At(job, "spec", "template", "spec");
        Assert.Equal("Never", S(pod, "restartPolicy"));
        Assert.Equal("7200", S(pod, "activeDeadlineSeconds"));
        var c = At(pod, "containers", 0);
        Assert.Equal("registry.example.org/phytk:1.0", S(c, "image"));
        var env = ((YamlSequenceNode)At(c, "env")).Children.ToDictionary(e => S(e, "name"), e => e);
        Assert.Equal("metadata.annotations['batch.kubernetes.io/job-completion-index']", S(env["JOB_COMPLETION_INDEX"], "valueFrom", "fieldRef", "fieldPath"));
        Assert.Equal("2", S(env["PHYTK_SHARD_COUNT"], "value"));
        Assert.Equal("2", S(c, "resources", "requests", "cpu"));
        Assert.Equal("1Gi", S(c, "resources", "limits", "memory"));
        var mounts = ((YamlSequenceNode)At(c, "volumeMounts")).Children.ToDictionary(m => S(m, "name"), m => S(m, "mountPath"));
        var volumes = ((YamlSequenceNode)At(pod, "volumes")).Children.ToDictionary(v => S(v, "name"), v => v);
        Assert.Equal("/runs", mounts["runs"]);
        Assert.Equal("phytk-runs", S(volumes["runs"], "persistentVolumeClaim", "claimName"));
        Assert.Equal("/config", mounts["scenario"]);
        Assert.Equal(S(configMap, "metadata", "name"), S(volumes["scenario"], "configMap", "name"));
        var args = Strings(c, "args");
        Assert.Equal(["phytk"], Strings(c, "command"));
        Assert.Equal(["run", "/config/scenario.json", "--out", "/runs/ber-small/shards/$(JOB_COMPLETION_INDEX)", "--threads", "2", "--no-progress"], args);

        var merge = Documents(Path.Combine(dir, "k8s", "merge.yaml")).Single();
        Assert.Equal("Job", S(merge, "kind"));
        Assert.Equal(name + "-merge", S(merge, "metadata", "name"));
        var mc = At(merge, "spec", "template", "spec", "containers", 0);
        Assert.Equal("phytk-runs", S(merge, "spec", "template", "spec", "volumes", 0, "persistentVolumeClaim", "claimName"));
        var mergeCommand = Strings(mc, "command").Concat(Strings(mc, "args")).ToList();
        Assert.Equal("/bin/sh", mergeCommand[0]);

        // Run the pods here: the volume is a folder, the ConfigMap a file, the index comes from the environment as in
        // a pod; Kubernetes expands $(JOB_COMPLETION_INDEX) in args from the container's env.
        string volume = Path.Combine(root, "volume");
        string config = Path.Combine(root, "config");
        Directory.CreateDirectory(config);
        File.WriteAllText(Path.Combine(config, "scenario.json"), S(configMap, "data", "scenario.json"));
        for (int i = 0; i < 2; i++)
        {
            string[] podArgs = args.Select(a => a.Replace("$(JOB_COMPLETION_INDEX)", i.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("/runs", volume, StringComparison.Ordinal).Replace("/config", config, StringComparison.Ordinal)).ToArray();
            var shard = Phytk(new Dictionary<string, string?> { ["JOB_COMPLETION_INDEX"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture), ["PHYTK_SHARD_COUNT"] = "2" }, podArgs);
            Assert.True(shard.Exit == 0, shard.Err);
            Assert.Contains($"shard {i}/2 of ber-awgn-rayleigh", shard.Out);
        }
        // The merge pod's shell command, with 'phytk' a wrapper around the built program.
        string bin = Path.Combine(root, "bin");
        Directory.CreateDirectory(bin);
        File.WriteAllText(Path.Combine(bin, "phytk"), $"#!/bin/sh\nexec dotnet '{Cli.Phytk.Dll}' \"$@\"\n");
        MakeExecutable(Path.Combine(bin, "phytk"));
        string script = Path.Combine(root, "merge-pod.sh");
        File.WriteAllText(script, mergeCommand[2].Replace("/runs", volume, StringComparison.Ordinal) + "\n");
        Assert.Equal("-c", mergeCommand[1]);
        var merged = Bash(script, new Dictionary<string, string?> { ["PATH"] = PathWith(bin) });
        Assert.True(merged.Exit == 0, merged.Err + merged.Out);

        Assert.Equal(SingleProcessResults, File.ReadAllBytes(Path.Combine(volume, "ber-small", "results.csv")));
        Directory.Delete(root, true);
    }
}

using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using PhyToolkit.Core.Configuration;

namespace PhyToolkit.Scenarios.Cli.Submit;

/// <summary>
/// The Kubernetes twin of the Slurm array (<c>phytk submit --k8s</c>, written, never applied): <c>shards.yaml</c> holds a
/// ConfigMap with the resolved scenario file and an Indexed Job (completionMode Indexed, completions = parallelism = n)
/// whose pod of completion index i runs shard i of n, reading the index from JOB_COMPLETION_INDEX and n from
/// PHYTK_SHARD_COUNT (the contract of <c>phytk run</c>), with the run directory on a shared volume (a
/// PersistentVolumeClaim that every pod mounts, ReadWriteMany); <c>merge.yaml</c> holds the Job that merges the shards
/// into the run directory and verifies it, applied once the Indexed Job is complete (Kubernetes has no dependency
/// between Jobs: <c>kubectl wait --for=condition=complete</c> is the afterok).
/// </summary>
/// <remarks>
/// Each index is retried on its own (<c>backoffLimitPerIndex</c>, Kubernetes ≥ 1.29), and a retried pod skips the blocks
/// its shard already stored on the volume. Options that have no Kubernetes meaning (--partition, --account) are refused
/// with --k8s.
/// </remarks>
internal static class KubernetesManifest
{
    /// <summary>Folder (inside the run directory) of the manifests, and its files.</summary>
    public const string Folder = "k8s", ShardsFile = "shards.yaml", MergeFile = "merge.yaml";

    /// <summary>Where the shared volume is mounted in every pod, and where the scenario file is.</summary>
    public const string RunsMount = "/runs", ConfigMount = "/config";

    /// <summary>Retries of one completion index (our choice: a pre-emption or two, not a crash loop).</summary>
    public const int BackoffLimitPerIndex = 3;

    private static readonly Regex Dns1123Label = new("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$", RegexOptions.CultureInvariant);

    /// <summary>Checks a Kubernetes object name (a DNS-1123 label: lower-case letters, digits and '-', at most 63).</summary>
    public static string ParseName(string text, string option) =>
        Dns1123Label.IsMatch(text) ? text
        : throw new ConfigException(option, $"got '{text}'; allowed: a Kubernetes name of 1 to 63 lower-case letters, digits or '-', starting and ending with a letter or digit");

    /// <summary>Checks a container image reference (non-empty, no white space or control characters).</summary>
    public static string ParseImage(string? text) =>
        text is null ? throw new ConfigException("--image", "is required with --k8s: a container image with phytk on its PATH (e.g. registry.example.org/phytk:1.0)")
        : text.Length is > 0 and <= 512 && !text.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)) ? text
        : throw new ConfigException("--image", $"got '{text}'; allowed: a container image reference without spaces (e.g. registry.example.org/phytk:1.0)");

    /// <summary>The Job name for a scenario and configuration: "phytk-&lt;scenario&gt;-&lt;first 8 hex digits of the hash&gt;".</summary>
    public static string JobName(string scenario, string configHash)
    {
        string s = Regex.Replace(scenario.ToLowerInvariant(), "[^a-z0-9-]", "-").Trim('-');
        if (s.Length > 40) s = s[..40].TrimEnd('-');
        return $"phytk-{s}-{configHash[..8]}";
    }

    /// <summary>The inputs of the manifests.</summary>
    /// <param name="JobName">Base name of the objects (<c>KubernetesManifest.JobName(scenario, hash)</c>).</param>
    /// <param name="Scenario">Scenario name (a label).</param>
    /// <param name="ScenarioText">The resolved scenario file (the ConfigMap's scenario.json).</param>
    /// <param name="RunName">The run directory's name on the volume (/runs/&lt;RunName&gt;).</param>
    /// <param name="Options">Validated options (shards, CPUs, memory, time).</param>
    /// <param name="Image">Container image with phytk on its PATH.</param>
    /// <param name="Pvc">PersistentVolumeClaim holding the runs (ReadWriteMany).</param>
    public sealed record Inputs(string JobName, string Scenario, string ScenarioText, string RunName, ClusterOptions Options, string Image, string Pvc);

    /// <summary>shards.yaml: the ConfigMap and the Indexed Job (two YAML documents).</summary>
    public static string Shards(Inputs x)
    {
        string run = $"{RunsMount}/{x.RunName}";
        var configMap = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = Metadata($"{x.JobName}-scenario", x.Scenario),
            ["data"] = new JsonObject { ["scenario.json"] = x.ScenarioText },
        };
        var args = new JsonArray("run", $"{ConfigMount}/scenario.json", "--out", run + "/shards/$(JOB_COMPLETION_INDEX)",
            "--threads", YamlText.Text(x.Options.CpusPerTask ?? 1), "--no-progress");
        var container = new JsonObject
        {
            ["name"] = "shard",
            ["image"] = x.Image,
            ["command"] = new JsonArray("phytk"),
            ["args"] = args,
            ["env"] = new JsonArray(
                new JsonObject
                {
                    ["name"] = "JOB_COMPLETION_INDEX",
                    ["valueFrom"] = new JsonObject { ["fieldRef"] = new JsonObject { ["fieldPath"] = "metadata.annotations['batch.kubernetes.io/job-completion-index']" } },
                },
                new JsonObject { ["name"] = "PHYTK_SHARD_COUNT", ["value"] = YamlText.Text(x.Options.Shards) }),
            ["resources"] = Resources(x.Options),
            ["volumeMounts"] = new JsonArray(
                new JsonObject { ["name"] = "runs", ["mountPath"] = RunsMount },
                new JsonObject { ["name"] = "scenario", ["mountPath"] = ConfigMount, ["readOnly"] = true }),
        };
        var podSpec = new JsonObject { ["restartPolicy"] = "Never" };
        if (x.Options.TimeSeconds is { } t) podSpec["activeDeadlineSeconds"] = t;
        podSpec["containers"] = new JsonArray(container);
        podSpec["volumes"] = new JsonArray(
            new JsonObject { ["name"] = "runs", ["persistentVolumeClaim"] = new JsonObject { ["claimName"] = x.Pvc } },
            new JsonObject { ["name"] = "scenario", ["configMap"] = new JsonObject { ["name"] = $"{x.JobName}-scenario" } });
        var job = new JsonObject
        {
            ["apiVersion"] = "batch/v1",
            ["kind"] = "Job",
            ["metadata"] = Metadata(x.JobName, x.Scenario),
            ["spec"] = new JsonObject
            {
                ["completionMode"] = "Indexed",
                ["completions"] = x.Options.Shards,
                ["parallelism"] = x.Options.Shards,
                ["backoffLimitPerIndex"] = BackoffLimitPerIndex,
                ["template"] = new JsonObject
                {
                    ["metadata"] = new JsonObject { ["labels"] = Labels(x.Scenario) },
                    ["spec"] = podSpec,
                },
            },
        };
        return Header(x, "kubectl apply -f shards.yaml") + YamlText.Document(configMap) + "---\n" + YamlText.Document(job);
    }

    /// <summary>merge.yaml: the Job that merges the shards into the run directory and verifies it.</summary>
    public static string Merge(Inputs x)
    {
        string run = $"{RunsMount}/{x.RunName}";
        var mergeArgs = new JsonArray("-c", MergeShell(run, x.Options.Shards));
        var container = new JsonObject
        {
            ["name"] = "merge",
            ["image"] = x.Image,
            ["command"] = new JsonArray("/bin/sh"),
            ["args"] = mergeArgs,
            ["resources"] = Resources(x.Options with { CpusPerTask = 1 }),
            ["volumeMounts"] = new JsonArray(new JsonObject { ["name"] = "runs", ["mountPath"] = RunsMount }),
        };
        var podSpec = new JsonObject { ["restartPolicy"] = "Never" };
        if (x.Options.TimeSeconds is { } t) podSpec["activeDeadlineSeconds"] = t;
        podSpec["containers"] = new JsonArray(container);
        podSpec["volumes"] = new JsonArray(new JsonObject { ["name"] = "runs", ["persistentVolumeClaim"] = new JsonObject { ["claimName"] = x.Pvc } });
        var job = new JsonObject
        {
            ["apiVersion"] = "batch/v1",
            ["kind"] = "Job",
            ["metadata"] = Metadata($"{x.JobName}-merge", x.Scenario),
            ["spec"] = new JsonObject
            {
                ["completions"] = 1,
                ["backoffLimit"] = 1,
                ["template"] = new JsonObject { ["metadata"] = new JsonObject { ["labels"] = Labels(x.Scenario) }, ["spec"] = podSpec },
            },
        };
        return Header(x, $"kubectl wait --for=condition=complete --timeout=-1s job/{x.JobName} && kubectl apply -f merge.yaml") + YamlText.Document(job);
    }

    /// <summary>The merge container's shell command: merge every shard directory into the run directory, then verify.</summary>
    public static string MergeShell(string run, int shards) =>
        $"set -e; dirs=''; i=0; while [ $i -lt {shards} ]; do dirs=\"$dirs {run}/shards/$i\"; i=$((i + 1)); done; "
        + $"phytk merge $dirs --out {run} && phytk verify {run}";

    private static string Header(Inputs x, string apply) =>
        $"# phytk submit --k8s: {x.Options.Shards} shards of '{x.Scenario}' into {RunsMount}/{x.RunName} on PersistentVolumeClaim '{x.Pvc}' (ReadWriteMany).\n"
        + $"# Apply with: {apply}\n";

    private static JsonObject Metadata(string name, string scenario) => new() { ["name"] = name, ["labels"] = Labels(scenario) };

    private static JsonObject Labels(string scenario) => new()
    {
        ["app.kubernetes.io/name"] = "phytk",
        ["phytk/scenario"] = Regex.Replace(scenario, "[^A-Za-z0-9_.-]", "-"),
    };

    private static JsonObject Resources(ClusterOptions o)
    {
        var requests = new JsonObject { ["cpu"] = YamlText.Text(o.CpusPerTask ?? 1) };
        var limits = new JsonObject();
        if (o.Mem is { } m)
        {
            requests["memory"] = ClusterOptions.KubernetesMemory(m);
            limits["memory"] = ClusterOptions.KubernetesMemory(m);
        }
        var r = new JsonObject { ["requests"] = requests };
        if (limits.Count > 0) r["limits"] = limits;
        return r;
    }
}

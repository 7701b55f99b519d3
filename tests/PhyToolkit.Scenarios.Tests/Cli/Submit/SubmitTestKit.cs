using System.Diagnostics;

namespace PhyToolkit.Scenarios.Tests.Cli.Submit;

/// <summary>
/// Runs phytk and bash with a chosen PATH and environment, and a fake scheduler: a folder with an <c>sbatch</c> that
/// records its arguments (one line per call) and prints increasing job ids from 101, and a <c>squeue</c> that lists
/// nothing (one running task while a file 'queued' is there), so that submission can be tested end to end without Slurm.
/// </summary>
internal static class SubmitTestKit
{
    /// <summary>A small sweep: the quick BER scenario with 4 blocks of 200-symbol trials per point (96 work units).</summary>
    public static readonly string[] Small =
        ["ber-awgn-rayleigh", "--quick", "--set", "run.maxBlocks=4", "--set", "parameters.symbolsPerTrial=200"];

    private static readonly Lazy<byte[]> Single = new(() =>
    {
        string dir = Cli.Phytk.TempDir("submit-single");
        var r = Cli.Phytk.Run(["run", .. Small, "--out", dir, "--no-progress"]);
        if (r.Exit != 0) throw new InvalidOperationException("the single-process reference run failed: " + r.Err);
        byte[] csv = File.ReadAllBytes(Path.Combine(dir, "results.csv"));
        Directory.Delete(dir, true);
        return csv;
    });

    /// <summary>results.csv of <see cref="Small"/> run in one process (run once, shared by the tests).</summary>
    public static byte[] SingleProcessResults => Single.Value;

    public static (int Exit, string Out, string Err) Phytk(IReadOnlyDictionary<string, string?> env, params string[] args)
    {
        var psi = Cli.Phytk.StartInfo(args);
        foreach (var (k, v) in env) psi.Environment[k] = v;
        return Wait(psi, "phytk " + string.Join(' ', args));
    }

    /// <summary>Runs a script with bash (a job script run as the scheduler would run it).</summary>
    public static (int Exit, string Out, string Err) Bash(string script, IReadOnlyDictionary<string, string?> env)
    {
        var psi = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(script);
        psi.Environment["CI"] = "true";
        foreach (var k in psi.Environment.Keys.Where(k => k.StartsWith("SLURM_", StringComparison.Ordinal) || k == "JOB_COMPLETION_INDEX").ToList())
            psi.Environment.Remove(k);
        foreach (var (k, v) in env) psi.Environment[k] = v;
        return Wait(psi, "bash " + script);
    }

    private static (int, string, string) Wait(ProcessStartInfo psi, string what)
    {
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(3))) { p.Kill(true); throw new TimeoutException(what); }
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Creates the fake scheduler folder; sbatch appends its arguments to <c>sbatch.log</c> there.</summary>
    public static string FakeScheduler(string root)
    {
        string bin = Path.Combine(root, "fakebin");
        Directory.CreateDirectory(bin);
        File.WriteAllText(Path.Combine(bin, "sbatch"),
            "#!/bin/bash\n"
            + "dir=$(dirname \"$0\")\n"
            + "echo \"$*\" >> \"$dir/sbatch.log\"\n"
            + "n=$(cat \"$dir/next-id\" 2>/dev/null || echo 101)\n"
            + "echo $((n + 1)) > \"$dir/next-id\"\n"
            + "echo \"$n;fakecluster\"\n");
        // squeue lists one running task while the file 'queued' exists, else nothing
        File.WriteAllText(Path.Combine(bin, "squeue"), "#!/bin/bash\n[ -f \"$(dirname \"$0\")/queued\" ] && echo '101_1 RUNNING'\nexit 0\n");
        foreach (var f in new[] { "sbatch", "squeue" }) MakeExecutable(Path.Combine(bin, f));
        return bin;
    }

    /// <summary>chmod 755 (the scheduler tests need a Unix shell).</summary>
    public static void MakeExecutable(string file)
    {
        if (OperatingSystem.IsWindows()) throw new PlatformNotSupportedException("the scheduler tests run bash scripts");
        File.SetUnixFileMode(file, (UnixFileMode)0b111_101_101);
    }

    public static string[] SbatchCalls(string bin) =>
        File.Exists(Path.Combine(bin, "sbatch.log")) ? File.ReadAllLines(Path.Combine(bin, "sbatch.log")) : [];

    public static string PathWith(string bin) => bin + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
}

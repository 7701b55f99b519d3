using System.Diagnostics;

namespace PhyToolkit.Scenarios.Tests.Cli;

/// <summary>Runs the phytk program (built next to the tests) as a child process.</summary>
internal static class Phytk
{
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "phytk.dll");

    public static ProcessStartInfo StartInfo(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(Dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["CI"] = "true";
        psi.Environment.Remove("MKL_CBWR"); // the toolkit's own default (TorchRuntime) is what the tests check
        psi.Environment.Remove("SLURM_ARRAY_TASK_ID");
        psi.Environment.Remove("JOB_COMPLETION_INDEX");
        return psi;
    }

    public static (int Exit, string Out, string Err) Run(params string[] args)
    {
        using var p = Process.Start(StartInfo(args))!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(3))) { p.Kill(true); throw new TimeoutException("phytk " + string.Join(' ', args)); }
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    public static string TempDir(string name) => Path.Combine(Path.GetTempPath(), "phytk-tests", name + "-" + Guid.NewGuid().ToString("N")[..8]);
}

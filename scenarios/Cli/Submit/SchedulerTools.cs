using System.Diagnostics;
using System.Globalization;
using PhyToolkit.Core.Configuration;

namespace PhyToolkit.Scenarios.Cli.Submit;

/// <summary>Finds and runs the scheduler's command-line tools (sbatch, squeue) from PATH.</summary>
internal static class SchedulerTools
{
    /// <summary>The first executable file named <paramref name="name"/> in the PATH's folders, or null.</summary>
    public static string? FindOnPath(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            string file = Path.Combine(dir, name);
            if (!File.Exists(file)) continue;
            if (OperatingSystem.IsWindows()) return file;
            const UnixFileMode exec = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
            if ((File.GetUnixFileMode(file) & exec) != 0) return file;
        }
        return null;
    }

    /// <summary>sbatch from PATH.</summary>
    /// <exception cref="ConfigException">Not found (names PATH and points to --dry-run).</exception>
    public static string Sbatch() => FindOnPath("sbatch")
        ?? throw new ConfigException("--slurm", "'sbatch' was not found on PATH, so nothing can be submitted from this machine; run where Slurm's client tools are installed, or add --dry-run to write the scripts (DIR/slurm/submit.sh submits them by hand)");

    /// <summary>Runs a tool and returns its exit code and output (a minute at most).</summary>
    public static (int Exit, string Out, string Err) Run(string file, IEnumerable<string> args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromMinutes(1)))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(file)} did not answer within a minute");
        }
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>
    /// Submits a batch script with <c>sbatch --parsable</c> and returns the job id (the text before ';', which
    /// <c>--parsable</c> prints as "id" or "id;cluster").
    /// </summary>
    /// <exception cref="InvalidOperationException">sbatch failed or printed no job id (exit 1: the run itself failed).</exception>
    public static string Submit(string sbatch, IEnumerable<string> args)
    {
        var argv = new List<string> { "--parsable" };
        argv.AddRange(args);
        var (exit, output, err) = Run(sbatch, argv);
        string first = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
        string id = first.Split(';')[0];
        if (exit != 0 || !long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            throw new InvalidOperationException($"sbatch {string.Join(' ', argv)} failed (exit {exit}): {PhytkCommandLine.OneLine((err + " " + output).Trim())}");
        return id;
    }
}

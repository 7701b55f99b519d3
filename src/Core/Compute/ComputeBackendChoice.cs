using PhyToolkit.Core.Configuration;

namespace PhyToolkit.Core.Compute;

/// <summary>
/// The one place where the compute back-end of a run is chosen: an explicit request (the <c>--backend</c> flag) beats the
/// <c>PHYTK_BACKEND</c> environment variable, which beats auto. The choice is a value passed to the engine
/// (<see cref="MonteCarlo.EngineOptions.Backend"/>), handed to every block (<see cref="MonteCarlo.BlockContext.Backend"/>) and
/// recorded in manifest.json — never a process-wide global. Back-ends agree to round-off.
/// </summary>
public static class ComputeBackendChoice
{
    /// <summary>Name of the environment variable read when no explicit request is made.</summary>
    public const string EnvironmentVariable = "PHYTK_BACKEND";

    /// <summary>The accepted names.</summary>
    public const string AllowedNames = "managed, ilgpu-cpu, cuda, auto";

    /// <summary>Parses managed | ilgpu-cpu | cuda | auto (case-insensitive, surrounding blanks ignored).</summary>
    /// <returns>False for any other text (<paramref name="kind"/> is then auto).</returns>
    public static bool TryParse(string? text, out ComputeBackendKind kind)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "auto": kind = ComputeBackendKind.Auto; return true;
            case "managed": kind = ComputeBackendKind.Managed; return true;
            case "ilgpu-cpu": kind = ComputeBackendKind.IlgpuCpu; return true;
            case "cuda": kind = ComputeBackendKind.Cuda; return true;
            default: kind = ComputeBackendKind.Auto; return false;
        }
    }

    /// <summary>The text name of a kind (managed | ilgpu-cpu | cuda | auto).</summary>
    public static string Name(ComputeBackendKind kind) => kind switch
    {
        ComputeBackendKind.Managed => "managed",
        ComputeBackendKind.IlgpuCpu => "ilgpu-cpu",
        ComputeBackendKind.Cuda => "cuda",
        _ => "auto",
    };

    /// <summary>
    /// The requested back-end: <paramref name="flag"/> when given, else the <c>PHYTK_BACKEND</c> value read through
    /// <paramref name="environment"/> when set, else auto.
    /// </summary>
    /// <param name="flag">The explicit request (e.g. the <c>--backend</c> value), or null.</param>
    /// <param name="environment">Reads an environment variable (e.g. <see cref="Environment.GetEnvironmentVariable(string)"/>).</param>
    /// <exception cref="ConfigException">An unknown name (path "--backend" or "PHYTK_BACKEND"; the message lists the allowed names).</exception>
    public static ComputeBackendKind Resolve(string? flag, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (flag is not null)
            return TryParse(flag, out var k) ? k : throw new ConfigException("--backend", $"got '{flag}'; allowed: {AllowedNames}");
        string? env = environment(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(env)) return ComputeBackendKind.Auto;
        return TryParse(env, out var e) ? e : throw new ConfigException(EnvironmentVariable, $"got '{env}'; allowed: {AllowedNames}");
    }
}

using System.Diagnostics;
using System.Globalization;
using PhyToolkit.Core.MonteCarlo;
using PhyToolkit.Core.Reports;
using PhyToolkit.Learning.Diffusion;

namespace PhyToolkit.Scenarios.InverseImaging;

/// <summary>Least-squares line y = a + b·x with the standard error of the slope (from the residuals; NaN with &lt; 3 points).</summary>
/// <param name="Slope">b.</param>
/// <param name="Intercept">a.</param>
/// <param name="SlopeStandardError">sqrt(Σr²/(n−2) / Σ(x − x̄)²).</param>
public readonly record struct LineFit(double Slope, double Intercept, double SlopeStandardError)
{
    /// <summary>Fits the line; needs ≥ 2 points with distinct x.</summary>
    public static LineFit Of(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count || x.Count < 2) throw new ArgumentException($"x and y need the same length ≥ 2; got {x.Count} and {y.Count}.", nameof(x));
        double mx = x.Average(), my = y.Average(), sxx = 0, sxy = 0;
        for (int i = 0; i < x.Count; i++) { sxx += (x[i] - mx) * (x[i] - mx); sxy += (x[i] - mx) * (y[i] - my); }
        if (sxx == 0) throw new ArgumentException("x has no spread: all values are equal.", nameof(x));
        double b = sxy / sxx, a = my - b * mx, rss = 0;
        for (int i = 0; i < x.Count; i++) { double r = y[i] - a - b * x[i]; rss += r * r; }
        double se = x.Count > 2 ? Math.Sqrt(rss / (x.Count - 2) / sxx) : double.NaN;
        return new LineFit(b, a, se);
    }

    /// <summary>a + b·x.</summary>
    public double At(double x) => Intercept + Slope * x;
}

/// <summary>
/// C1, peak memory against the number of DDIM steps N (docs/inverse-imaging.md; spec §4.6): a fresh child process per
/// (method, N) — <c>phytk probe diffusion-memory</c>, one DMPlug iteration (all N network calls in one autograd graph) or
/// one DMILO outer iteration (one call in the graph at a time) on an untrained TinyUNet, batch 32, 28×28, one torch
/// thread — plus one baseline process that builds the network and inputs and runs nothing. Peak resident memory (VmHWM)
/// is fitted by a line in N per method. Analytic count of network calls retained per backward: N (DMPlug), 1 (DMILO).
/// </summary>
public static class InverseImagingMemoryStudy
{
    /// <summary>The sweep point's task label.</summary>
    public const string Point = "memory";

    /// <summary>Study settings (spec §4.6): batch, side, architecture.</summary>
    public const int Batch = 32, Side = 28;

    /// <summary>The architecture measured (activations of the U-Net dominate the runtime baseline; the MLP's do not).</summary>
    public const PriorArchitecture Architecture = PriorArchitecture.TinyUNet;

    /// <summary>Ratio test: the activation-memory ratio DMPlug/DMILO at N* = min(6, max N) must lie within ±1/3 of N*.</summary>
    public const double RatioTolerance = 1.0 / 3.0;

    /// <summary>Noise test: DMPlug's slope must exceed 3 standard errors of its fit and 2 MB per step to count as growth.</summary>
    public const double MinimumSlopeMb = 2, SlopeStandardErrors = 3;

    /// <summary>Peak MB of the baseline process and of every (method, N), N = 1..max.</summary>
    public sealed record Readings(double BaselineMb, double[] DmPlugMb, double[] DmiloMb);

    /// <summary>Runs the baseline and N = 1..<paramref name="maxSteps"/> for both methods, one child process each.</summary>
    /// <param name="maxSteps">Largest N.</param>
    /// <param name="probe">Runs one probe from its arguments and returns its standard output (default: a child phytk process).</param>
    /// <param name="batch">Images per solver batch (spec: 32).</param>
    /// <param name="side">Image side (spec: 28).</param>
    public static Readings Measure(int maxSteps, Func<IReadOnlyList<string>, string>? probe = null, int batch = Batch, int side = Side)
    {
        probe ??= RunChild;
        MemoryReading One(string method, int n) => MemoryReading.Parse(probe(
        [
            "probe", "diffusion-memory", "--arch", Architecture == PriorArchitecture.TinyUNet ? "tinyunet" : "tinymlp", "--method", method,
            "--steps", n.ToString(CultureInfo.InvariantCulture), "--batch", batch.ToString(CultureInfo.InvariantCulture),
            "--side", side.ToString(CultureInfo.InvariantCulture), "--threads", "1",
        ]));
        double baseline = One("none", 1).PeakMb;
        var plug = new double[maxSteps];
        var dmilo = new double[maxSteps];
        for (int n = 1; n <= maxSteps; n++)
        {
            plug[n - 1] = One("dmplug", n).PeakMb;
            dmilo[n - 1] = One("dmilo", n).PeakMb;
        }
        return new Readings(baseline, plug, dmilo);
    }

    /// <summary>Records a study in the memory point: <c>mem-baseline</c>, and <c>mem-dmplug</c>/<c>mem-dmilo</c> at N (MB).</summary>
    internal static void Record(int maxSteps, MetricSink sink)
    {
        var r = Measure(maxSteps);
        sink.Add("mem-baseline", r.BaselineMb);
        for (int n = 1; n <= maxSteps; n++)
        {
            sink.AddAt("mem-dmplug", n, r.DmPlugMb[n - 1]);
            sink.AddAt("mem-dmilo", n, r.DmiloMb[n - 1]);
        }
    }

    /// <summary>
    /// The C1 verdict from readings: inconclusive unless DMPlug's slope exceeds <see cref="SlopeStandardErrors"/> standard
    /// errors and <see cref="MinimumSlopeMb"/> MB per step (growth must stand out of the measurement noise); then held when
    /// slope_DMILO &lt; 0.1·slope_DMPlug and the activation-memory ratio (peak − baseline) DMPlug/DMILO at
    /// N* = min(6, max N) lies within ±<see cref="RatioTolerance"/>·N* of N*; else not held. Needs N up to ≥ 3.
    /// </summary>
    public static (Verdict Verdict, string Evidence) Decide(Readings r)
    {
        ArgumentNullException.ThrowIfNull(r);
        int max = r.DmPlugMb.Length;
        if (max < 3 || r.DmiloMb.Length != max) return (Verdict.NotEvaluated, $"needs N = 1..≥3 for both methods; got {max}");
        var n = Enumerable.Range(1, max).Select(i => (double)i).ToArray();
        var plug = LineFit.Of(n, r.DmPlugMb);
        var dmilo = LineFit.Of(n, r.DmiloMb);
        int star = Math.Min(6, max);
        double actPlug = r.DmPlugMb[star - 1] - r.BaselineMb, actDmilo = r.DmiloMb[star - 1] - r.BaselineMb;
        double ratio = actDmilo > 0 ? actPlug / actDmilo : double.NaN;
        string evidence = string.Create(CultureInfo.InvariantCulture,
            $"peak RSS fit over N = 1..{max} (batch {Batch}, {Side}×{Side}, untrained TinyUNet, one child process each): DMPlug {plug.Slope:0.0} ± {plug.SlopeStandardError:0.0} MB per step " +
            $"(intercept {plug.Intercept:0} MB), DMILO {dmilo.Slope:0.0} ± {dmilo.SlopeStandardError:0.0} MB per step (intercept {dmilo.Intercept:0} MB); baseline {r.BaselineMb:0} MB; " +
            $"activation memory (peak − baseline) at N = {star}: DMPlug {actPlug:0} MB, DMILO {actDmilo:0} MB, ratio {ratio:0.00} (expected ≈ {star}, tolerance ±{RatioTolerance * star:0.0}); " +
            $"network calls retained per backward: {star} (DMPlug) vs 1 (DMILO). ");
        bool growth = plug.Slope > MinimumSlopeMb && plug.Slope > SlopeStandardErrors * plug.SlopeStandardError;
        if (!growth)
            return (Verdict.Inconclusive, evidence + $"DMPlug's slope does not stand out of the noise (needs > {MinimumSlopeMb} MB and > {SlopeStandardErrors} standard errors)");
        bool flat = dmilo.Slope < 0.1 * plug.Slope;
        bool ratioOk = double.IsFinite(ratio) && Math.Abs(ratio - star) <= RatioTolerance * star;
        return (flat && ratioOk ? Verdict.Held : Verdict.NotHeld,
            evidence + $"holds when slope_DMILO < 0.1·slope_DMPlug ({(flat ? "yes" : "no")}) and the ratio is within tolerance ({(ratioOk ? "yes" : "no")})");
    }

    /// <summary>The readings stored in a run's memory point, or null when the study was off.</summary>
    public static Readings? FromResults(RunResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var pt = results.Find(x => x.Is("task", Point));
        var plug = pt?.Curve("mem-dmplug");
        var dmilo = pt?.Curve("mem-dmilo");
        if (pt is null || plug is null || dmilo is null || plug.Count == 0) return null;
        return new Readings(pt.Mean("mem-baseline"), plug.Means(), dmilo.Means());
    }

    /// <summary>Adds claim C1 to the claims table (not evaluated when the study was off).</summary>
    internal static void AddClaim(ClaimsTable claims, InverseImagingParameters p, RunResults results)
    {
        const string statement = "Peak memory of DMPlug grows ~linearly with N; DMILO stays flat", source = "[note] memory table; [proposal] test (spec §4.6)";
        var readings = FromResults(results);
        if (readings is null)
        {
            claims.Add("C1", statement, Verdict.NotEvaluated, p.MemoryStudy ? "no memory readings in the results" : "memory study off (parameters.memoryStudy = false)", source);
            return;
        }
        var (verdict, evidence) = Decide(readings);
        claims.Add("C1", statement, verdict, evidence, source);
    }

    /// <summary>"Peak RSS vs N": measured peaks per method, their fitted lines, and the baseline; null when the study was off.</summary>
    internal static Figure? PeakFigure(RunResults results)
    {
        var r = FromResults(results);
        if (r is null) return null;
        var n = Enumerable.Range(1, r.DmPlugMb.Length).Select(i => (double)i).ToArray();
        var series = new List<Series>();
        int color = 0;
        foreach (var (label, y) in new[] { ("DMPlug", r.DmPlugMb), ("DMILO", r.DmiloMb) })
        {
            var fit = n.Length >= 2 ? LineFit.Of(n, y) : default;
            series.Add(new Series { Label = label, X = n, Y = y, Style = SeriesStyle.Markers, ColorIndex = color });
            if (n.Length >= 2)
                series.Add(new Series
                {
                    Label = string.Create(CultureInfo.InvariantCulture, $"{label} fit ({fit.Slope:0.0} MB/step)"), X = n, Y = n.Select(fit.At).ToArray(),
                    Style = SeriesStyle.Line, ColorIndex = color,
                });
            color++;
        }
        series.Add(new Series { Label = "baseline (no solver call)", X = [n[0], n[^1]], Y = [r.BaselineMb, r.BaselineMb], Style = SeriesStyle.DashedLine, ColorIndex = color });
        return new Figure
        {
            Id = "memory", Title = "C1: peak memory of one solver iteration vs DDIM steps N",
            Caption = $"Peak resident memory (VmHWM) of a fresh child process per point running one iteration; untrained TinyUNet, batch {Batch}, {Side}×{Side} images; lines: least-squares fits in N.",
            XLabel = "DDIM steps N", YLabel = "peak RSS (MB)", Series = series,
        };
    }

    /// <summary>The command that runs phytk in a child process: phytk itself, or <c>dotnet exec phytk.dll</c> (under test hosts).</summary>
    internal static (string FileName, string[] Prefix) Launcher()
    {
        string? self = Environment.ProcessPath;
        if (self is not null && Path.GetFileNameWithoutExtension(self).Equals("phytk", StringComparison.OrdinalIgnoreCase)) return (self, []);
        string dll = typeof(DiffusionProbe).Assembly.Location;
        string host = self is not null && Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase)
            ? self : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } h ? h : "dotnet";
        string config = Path.ChangeExtension(dll, ".runtimeconfig.json");
        return File.Exists(config) ? (host, ["exec", "--runtimeconfig", config, dll]) : (host, ["exec", dll]);
    }

    /// <summary>Runs phytk with <paramref name="args"/> in a child process (10 minutes at most) and returns its standard output.</summary>
    internal static string RunChild(IReadOnlyList<string> args)
    {
        var (file, prefix) = Launcher();
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in prefix.Concat(args)) info.ArgumentList.Add(a);
        using var child = Process.Start(info) ?? throw new InvalidOperationException($"could not start {file}");
        var stderr = child.StandardError.ReadToEndAsync();
        string stdout = child.StandardOutput.ReadToEnd();
        if (!child.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            child.Kill();
            throw new TimeoutException($"the memory probe '{string.Join(' ', args)}' ran longer than 10 minutes");
        }
        if (child.ExitCode != 0)
            throw new InvalidOperationException($"the memory probe '{string.Join(' ', args)}' exited with {child.ExitCode}: {stderr.Result.Trim()}");
        return stdout;
    }
}

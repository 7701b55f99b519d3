using PhyToolkit.Core.MonteCarlo;
using Spectre.Console;

namespace PhyToolkit.Scenarios.Cli;

/// <summary>
/// Progress for the terminal: a Spectre.Console live bar when stdout is an interactive terminal, output is not redirected
/// and CI is unset; otherwise (CI logs, redirects) one plain line per finished block and one per finished point, in
/// every stopping mode.
/// </summary>
public static class ConsoleProgress
{
    /// <summary>Whether a live bar can be shown.</summary>
    public static bool Interactive =>
        !Console.IsOutputRedirected && !Console.IsErrorRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"))
        && AnsiConsole.Profile.Capabilities.Interactive;

    /// <summary>Runs <paramref name="body"/> with a progress sink suited to the terminal (or none when disabled).</summary>
    public static T Run<T>(bool enabled, Func<IProgress<EngineProgress>?, T> body)
    {
        if (!enabled) return body(null);
        if (!Interactive) return body(new PlainProgress());
        T result = default!;
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask("blocks", maxValue: 1);
                result = body(new Progress<EngineProgress>(p =>
                {
                    task.MaxValue = Math.Max(1, p.UnitsPlanned);
                    task.Value = p.UnitsDone;
                    task.Description = $"blocks {p.UnitsDone}/{p.UnitsPlanned}";
                }));
                task.Value = task.MaxValue;
            });
        return result;
    }

    private sealed class PlainProgress : IProgress<EngineProgress>
    {
        private readonly object _gate = new();
        public void Report(EngineProgress value)
        {
            lock (_gate)
            {
                if (value.FinishedStatus is { } st)
                    Console.Out.WriteLine($"  point {value.PointIndex} {value.Label}: {st} after {value.BlocksDone} blocks ({value.UnitsDone} blocks done in all)");
                else
                    Console.Out.WriteLine($"  block {value.BlocksDone} of point {value.PointIndex} {value.Label} done ({value.UnitsDone}/{value.UnitsPlanned} blocks planned so far)");
            }
        }
    }
}

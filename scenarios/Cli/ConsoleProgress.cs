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

    // What Run is showing right now: null (nothing: tests, --no-progress), the plain-line marker, or the live bar's context.
    private static object? _active;
    private static readonly object PlainMarker = new();

    /// <summary>
    /// Progress of a long stage inside a block (e.g. training a model): <c>(units done, detail text)</c>, shown like the
    /// blocks — a second live bar, or a plain line at most every 10 s and at the end. Null when no progress display is
    /// active (outside <see cref="Run{T}"/>, <c>--no-progress</c>, tests).
    /// </summary>
    /// <param name="name">Stage name shown before the counts.</param>
    /// <param name="total">Units planned (≥ 1).</param>
    public static IProgress<(int Done, string Detail)>? Stage(string name, int total)
    {
        switch (Volatile.Read(ref _active))
        {
            case ProgressContext ctx:
                var task = ctx.AddTask(Markup.Escape(name), maxValue: Math.Max(1, total));
                return new SyncProgress(p =>
                {
                    task.Value = p.Done;
                    task.Description = Markup.Escape($"{name} {p.Done}/{total}: {p.Detail}");
                });
            case not null:
                var last = System.Diagnostics.Stopwatch.StartNew();
                bool first = true;
                return new SyncProgress(p =>
                {
                    if (!first && p.Done < total && last.Elapsed.TotalSeconds < 10) return;
                    first = false;
                    last.Restart();
                    Console.Out.WriteLine($"  {name}: {p.Done}/{total}, {p.Detail}");
                });
            default:
                return null;
        }
    }

    private sealed class SyncProgress(Action<(int Done, string Detail)> report) : IProgress<(int Done, string Detail)>
    {
        private readonly object _gate = new();
        public void Report((int Done, string Detail) value) { lock (_gate) report(value); }
    }

    /// <summary>Runs <paramref name="body"/> with a progress sink suited to the terminal (or none when disabled).</summary>
    public static T Run<T>(bool enabled, Func<IProgress<EngineProgress>?, T> body)
    {
        if (!enabled) return body(null);
        if (!Interactive)
        {
            Volatile.Write(ref _active, PlainMarker);
            try { return body(new PlainProgress()); }
            finally { Volatile.Write(ref _active, null); }
        }
        T result = default!;
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask("blocks", maxValue: 1);
                Volatile.Write(ref _active, ctx);
                try
                {
                result = body(new Progress<EngineProgress>(p =>
                {
                    task.MaxValue = Math.Max(1, p.UnitsPlanned);
                    task.Value = p.UnitsDone;
                    task.Description = $"blocks {p.UnitsDone}/{p.UnitsPlanned}";
                }));
                }
                finally { Volatile.Write(ref _active, null); }
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

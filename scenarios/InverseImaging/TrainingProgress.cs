using System.Diagnostics;
using System.Globalization;
using PhyToolkit.Learning.Diffusion;
using PhyToolkit.Scenarios.Cli;

namespace PhyToolkit.Scenarios.InverseImaging;

/// <summary>
/// Shows the prior's training on the console (<see cref="ConsoleProgress.Stage"/>): step, loss, steps/s measured since
/// this process started training (a resumed training counts from its first new step) and the time left at that rate.
/// </summary>
internal sealed class TrainingProgress : IProgress<(int Step, double Loss)>
{
    private readonly IProgress<(int Done, string Detail)> _stage;
    private readonly int _total;
    private readonly Stopwatch _watch = new();
    private int _firstStep = -1;

    private TrainingProgress(IProgress<(int Done, string Detail)> stage, int total) { _stage = stage; _total = total; }

    /// <summary>A progress sink for training <paramref name="recipe"/>, or null when no progress display is active.</summary>
    public static IProgress<(int Step, double Loss)>? For(DdpmTrainingRecipe recipe)
    {
        var stage = ConsoleProgress.Stage($"prior training ({(recipe.Architecture == PriorArchitecture.TinyUNet ? "TinyUNet" : "TinyMLP")}, recipe {recipe.Hash()[..12]})", recipe.Steps);
        return stage is null ? null : new TrainingProgress(stage, recipe.Steps);
    }

    public void Report((int Step, double Loss) value)
    {
        if (_firstStep < 0) { _firstStep = value.Step; _watch.Start(); }
        double seconds = _watch.Elapsed.TotalSeconds;
        int done = value.Step - _firstStep;
        string rate = "–", eta = "–";
        if (done > 0 && seconds > 0)
        {
            double perSecond = done / seconds;
            rate = perSecond.ToString("0.0", CultureInfo.InvariantCulture);
            eta = TimeSpan.FromSeconds(Math.Round((_total - value.Step) / perSecond)).ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture);
        }
        _stage.Report((value.Step, string.Create(CultureInfo.InvariantCulture, $"loss {value.Loss:0.0000}, {rate} steps/s, ETA {eta}")));
    }
}

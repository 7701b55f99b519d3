namespace PhyToolkit.Learning.Diffusion;

/// <summary>
/// The N time steps of deterministic DDIM sampling, <c>t_N &gt; … &gt; t_1</c>, and the step targets
/// <c>prev = t − ⌊T/N⌋</c> (docs/inverse-imaging.md, [code]). Two grids appear in the code: DMPlug's
/// <c>(N−1)·⌊T/N⌋, …, 0</c> (for N = 3: 666, 333, 0; the last step lands on ᾱ = 1) and DMILO's, shifted by ⌊T/N⌋ and
/// capped at T − 1 (999, 666, 333; the last step lands on t = 0). The toolkit uses the DMILO grid for all diffusion
/// solvers so that they share one G [proposal].
/// </summary>
public sealed class DdimTimeGrid
{
    private readonly int[] _timesteps; // index i−1 holds t_i (so [0] is t_1, the last step)

    private DdimTimeGrid(int[] ascending, int stride, LinearBetaSchedule schedule)
    {
        _timesteps = ascending; Stride = stride; Schedule = schedule;
    }

    /// <summary>The DMILO grid: <c>t_i = min(i·⌊T/N⌋, T − 1)</c>, i = 1..N.</summary>
    public static DdimTimeGrid Dmilo(int steps, LinearBetaSchedule? schedule = null)
    {
        schedule ??= LinearBetaSchedule.Default;
        Guard.InRange(steps, 1, schedule.TrainingSteps, nameof(steps));
        int stride = schedule.TrainingSteps / steps;
        var t = new int[steps];
        for (int i = 1; i <= steps; i++) t[i - 1] = Math.Min(i * stride, schedule.TrainingSteps - 1);
        return new DdimTimeGrid(t, stride, schedule);
    }

    /// <summary>The DMPlug grid: <c>t_i = (i − 1)·⌊T/N⌋</c>, i = 1..N.</summary>
    public static DdimTimeGrid Dmplug(int steps, LinearBetaSchedule? schedule = null)
    {
        schedule ??= LinearBetaSchedule.Default;
        Guard.InRange(steps, 1, schedule.TrainingSteps, nameof(steps));
        int stride = schedule.TrainingSteps / steps;
        var t = new int[steps];
        for (int i = 1; i <= steps; i++) t[i - 1] = (i - 1) * stride;
        return new DdimTimeGrid(t, stride, schedule);
    }

    /// <summary>N, the number of sampling steps.</summary>
    public int Steps => _timesteps.Length;

    /// <summary>⌊T/N⌋.</summary>
    public int Stride { get; }

    /// <summary>The schedule.</summary>
    public LinearBetaSchedule Schedule { get; }

    /// <summary>t_i for i in [1, N] (t_N is the first, noisiest step).</summary>
    public int Timestep(int i) => _timesteps[Guard.InRange(i, 1, Steps, nameof(i)) - 1];

    /// <summary>ᾱ at t_i.</summary>
    public double AlphaBar(int i) => Schedule.AlphaBar(Timestep(i));

    /// <summary>ᾱ at the target of step i, <c>t_i − ⌊T/N⌋</c> (1 when negative).</summary>
    public double AlphaBarPrevious(int i) => Schedule.AlphaBar(Timestep(i) - Stride);
}

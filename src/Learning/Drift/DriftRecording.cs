using PhyToolkit.Core.Random;
using PhyToolkit.Learning.Hebbian;

namespace PhyToolkit.Learning.Drift;

/// <summary>
/// One drift measurement run: the learner is trained on the stream for a burn-in, then for the measurement period with
/// a frame G_t = F_t U (the filter's first m columns) and the subspace error of the output map recorded every
/// <c>recordEvery</c> updates (arXiv 2510.21588; protocol our proposal).
/// </summary>
public sealed class DriftRecording
{
    private DriftRecording(List<double[]> frames, double[] errors, int rows, int m, int recordEvery)
    {
        Frames = frames; SubspaceErrors = errors; Rows = rows; RelevantDimension = m; RecordEvery = recordEvery;
    }

    /// <summary>Frames G_t (Rows × m, row-major), one per recording, the first at the end of burn-in.</summary>
    public IReadOnlyList<double[]> Frames { get; }

    /// <summary>Subspace error ‖P − UUᵀ‖_F of the output map at each recording.</summary>
    public double[] SubspaceErrors { get; }

    /// <summary>Rows r of a frame.</summary>
    public int Rows { get; }

    /// <summary>m.</summary>
    public int RelevantDimension { get; }

    /// <summary>Updates between recordings.</summary>
    public int RecordEvery { get; }

    /// <summary>Runs the learner (burn-in, then measurement) and records.</summary>
    /// <param name="learner">The learner (its input dimension equals the stream's).</param>
    /// <param name="stream">The input stream.</param>
    /// <param name="burnIn">Updates before the first recording, ≥ 0.</param>
    /// <param name="measurement">Updates during measurement, ≥ recordEvery.</param>
    /// <param name="recordEvery">Updates between recordings, ≥ 1.</param>
    /// <param name="rng">Draws the inputs and the learner's own noise.</param>
    public static DriftRecording Run(IOnlineLearner learner, SubspaceStream stream, long burnIn, long measurement, int recordEvery, ref Xoshiro256StarStar rng)
    {
        ArgumentNullException.ThrowIfNull(learner);
        ArgumentNullException.ThrowIfNull(stream);
        Guard.Length(learner.InputDimension, stream.InputDimension, "learner.InputDimension");
        Guard.AtLeast(burnIn, 0, nameof(burnIn));
        Guard.AtLeast(recordEvery, 1, nameof(recordEvery));
        Guard.AtLeast(measurement, recordEvery, nameof(measurement));
        int n = stream.InputDimension, m = stream.RelevantDimension, rows = learner.FilterRows;
        var x = new double[n];
        var a = new double[m];
        var filter = new double[rows * n];
        var map = new double[learner.OutputRows * n];
        for (long t = 0; t < burnIn; t++) { stream.Next(x, a, ref rng); learner.Update(x, a, ref rng); }
        long records = measurement / recordEvery;
        var frames = new List<double[]>((int)records + 1);
        var errors = new double[records + 1];
        for (long k = 0; k <= records; k++)
        {
            if (k > 0)
                for (int t = 0; t < recordEvery; t++) { stream.Next(x, a, ref rng); learner.Update(x, a, ref rng); }
            learner.Filter(filter);
            var g = new double[rows * m];
            for (int r = 0; r < rows; r++)
                for (int j = 0; j < m; j++) g[r * m + j] = filter[r * n + j];
            frames.Add(g);
            learner.OutputMap(map);
            errors[k] = DriftAnalytics.SubspaceError(map, learner.OutputRows, n, m);
        }
        return new DriftRecording(frames, errors, rows, m, recordEvery);
    }
}

using PhyToolkit.Learning.Unlearning.Stream;

namespace PhyToolkit.Learning.Tests.Unlearning.Stream;

/// <summary>
/// n events of the static synthetic stream of the reproduction plan (<see cref="SyntheticRegressionStream"/>: x ~ N(0, I_d)
/// rescaled to ‖x‖ ≤ 1, y = w°ᵀx + N(0, 0.1²) clipped to [−1, 1]), materialised so that tests can replay and delete.
/// </summary>
internal sealed class StreamData
{
    public StreamData(int d, int n, ulong seed)
    {
        var s = new SyntheticRegressionStream(d, seed);
        X = new double[n][];
        Y = new double[n];
        for (int i = 0; i < n; i++) { X[i] = new double[d]; Y[i] = s.Next(X[i]); }
    }

    public double[][] X { get; }
    public double[] Y { get; }
}

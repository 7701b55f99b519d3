namespace PhyToolkit.Optimization.PrimalDual;

/// <summary>A reference saddle point (θ*, λ*) and the squared distance of an iterate to it.</summary>
/// <param name="Theta">θ*_i per worker.</param>
/// <param name="Lambda">λ*.</param>
public sealed record SaddlePoint(double[][] Theta, double[] Lambda)
{
    /// <summary>‖θ − θ*‖² + ‖λ − λ*‖² (the second-moment error of docs/asyn-pd.md and §5, one sample).</summary>
    public double SquaredError(IReadOnlyList<double[]> theta, ReadOnlySpan<double> lambda) => PrimalSquaredError(theta) + DualSquaredError(lambda);

    /// <summary>‖θ − θ*‖².</summary>
    public double PrimalSquaredError(IReadOnlyList<double[]> theta)
    {
        double s = 0;
        for (int i = 0; i < Theta.Length; i++)
            for (int k = 0; k < Theta[i].Length; k++) { double e = theta[i][k] - Theta[i][k]; s += e * e; }
        return s;
    }

    /// <summary>‖λ − λ*‖².</summary>
    public double DualSquaredError(ReadOnlySpan<double> lambda)
    {
        double s = 0;
        for (int j = 0; j < Lambda.Length; j++) { double e = lambda[j] - Lambda[j]; s += e * e; }
        return s;
    }
}

using MathNet.Numerics.LinearAlgebra;

namespace PhyToolkit.Learning.Unlearning.Forging;

/// <summary>
/// Singular value analysis of the variation matrix V = J(z*) ∈ R^{p×d} and its index r, the number of "null" right
/// singular directions. arXiv 2509.05865 defines r as the nullity of a variation matrix (v1) or the dimension of the
/// right singular vectors of "small" singular values (v2) [P]; taking V = J(z*) and
/// r = d − #{ i : σ_i &gt; τ_rel·σ₁ } (σ padded with zeros to length d) is [Proposed].
/// </summary>
public sealed class VariationAnalysis
{
    private VariationAnalysis(double[] singularValues, double[,] rightVectors, int rank, double tolerance)
    {
        SingularValues = singularValues;
        RightVectors = rightVectors;
        StiffCount = rank;
        RelativeTolerance = tolerance;
    }

    /// <summary>Singular values σ₁ ≥ … ≥ σ_d, padded with zeros to length d.</summary>
    public IReadOnlyList<double> SingularValues { get; }

    /// <summary>Orthonormal right singular vectors as rows: row i is v_i (d×d, completed to a basis of R^d).</summary>
    public double[,] RightVectors { get; }

    /// <summary>Number of stiff directions d − r (σ_i &gt; τ_rel·σ₁): the local exponent of μ(ε) under Convention A [D].</summary>
    public int StiffCount { get; }

    /// <summary>The index r = d − (number of stiff directions), 0 ≤ r ≤ d.</summary>
    public int R => SingularValues.Count - StiffCount;

    /// <summary>τ_rel used to split stiff from null directions.</summary>
    public double RelativeTolerance { get; }

    /// <summary>√det(J_sᵀJ_s) over the stiff directions = Π_{i ≤ d−r} σ_i, the volume factor of D4 [D].</summary>
    public double StiffVolumeFactor
    {
        get
        {
            double prod = 1;
            for (int i = 0; i < StiffCount; i++) prod *= SingularValues[i];
            return prod;
        }
    }

    /// <summary>Analyzes a Jacobian matrix.</summary>
    /// <param name="jacobian">J, p×d, finite.</param>
    /// <param name="relativeTolerance">τ_rel in (0, 1); spec default 1e−8 [Proposed].</param>
    public static VariationAnalysis Of(double[,] jacobian, double relativeTolerance = 1e-8)
    {
        ArgumentNullException.ThrowIfNull(jacobian);
        Guard.InRange(relativeTolerance, double.Epsilon, 1, nameof(relativeTolerance));
        foreach (double v in jacobian)
            if (!double.IsFinite(v)) throw new ArgumentException("jacobian has a non-finite entry.", nameof(jacobian));
        int p = jacobian.GetLength(0), d = jacobian.GetLength(1);
        var svd = Matrix<double>.Build.DenseOfArray(jacobian).Svd(computeVectors: true);
        var s = new double[d];
        for (int i = 0; i < Math.Min(p, d); i++) s[i] = svd.S[i];
        var vt = svd.VT;
        var rows = new double[d, d];
        for (int i = 0; i < d; i++)
            for (int j = 0; j < d; j++) rows[i, j] = vt[i, j];
        int stiff = 0;
        for (int i = 0; i < d; i++)
            if (s[0] > 0 && s[i] > relativeTolerance * s[0]) stiff++;
        return new VariationAnalysis(s, rows, stiff, relativeTolerance);
    }

    /// <summary>Analyzes J(z) of a gradient map at z.</summary>
    /// <param name="map">Gradient map.</param>
    /// <param name="z">Data point, length d.</param>
    /// <param name="relativeTolerance">τ_rel in (0, 1); spec default 1e−8 [Proposed].</param>
    public static VariationAnalysis At(IGradientMap map, ReadOnlySpan<double> z, double relativeTolerance = 1e-8)
    {
        ArgumentNullException.ThrowIfNull(map);
        Guard.Length(z.Length, map.DataDimension, nameof(z));
        var j = new double[map.ParameterDimension, map.DataDimension];
        map.Jacobian(z, j);
        return Of(j, relativeTolerance);
    }
}

namespace PhyToolkit.Learning.PhysicsInformed;

/// <summary>
/// n-point Gauss–Hermite quadrature ∫ g(z) e^{−z²} dz ≈ Σ_i w_i g(z_i), exact for polynomials of degree ≤ 2n − 1.
/// </summary>
/// <remarks>
/// Nodes are the roots of the orthonormal Hermite polynomial p̃_n: eigenvalues of the Jacobi matrix (Golub–Welsch),
/// polished by Newton's method with the three-term recurrence
/// p̃_j = z √(2/j) p̃_{j−1} − √((j−1)/j) p̃_{j−2}, p̃_0 = π^{−1/4}; weights w_i = 2 / p̃_n′(z_i)², p̃_n′ = √(2n) p̃_{n−1}.
/// n is limited to 300 so that p̃_j(z) stays inside the double range at the outermost node.
/// </remarks>
public sealed class GaussHermiteRule
{
    /// <summary>Builds the n-point rule, 2 ≤ n ≤ 300.</summary>
    public GaussHermiteRule(int points)
    {
        int n = Guard.InRange(points, 2, 300, nameof(points));
        // Starting values: eigenvalues of the symmetric tridiagonal Jacobi matrix J, J_{j,j+1} = √((j+1)/2)
        // (Golub and Welsch 1969), then each node is polished by Newton's method on p̃_n and its weight taken from p̃_n′.
        var jacobi = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(n, n);
        for (int j = 0; j + 1 < n; j++) jacobi[j, j + 1] = jacobi[j + 1, j] = Math.Sqrt((j + 1) / 2.0);
        var guesses = jacobi.Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric).EigenValues.Select(c => c.Real).ToArray();
        Array.Sort(guesses);
        var x = new double[n];
        var w = new double[n];
        double pim4 = Math.Pow(Math.PI, -0.25);
        for (int i = 0; i < n; i++)
        {
            double z = guesses[i], pp = 0;
            for (int iter = 0; iter < 50; iter++)
            {
                double p1 = pim4, p2 = 0;
                for (int j = 1; j <= n; j++)
                {
                    double p3 = p2;
                    p2 = p1;
                    p1 = z * Math.Sqrt(2.0 / j) * p2 - Math.Sqrt((j - 1.0) / j) * p3;
                }
                pp = Math.Sqrt(2.0 * n) * p2;
                double z1 = z;
                z = z1 - p1 / pp;
                if (Math.Abs(z - z1) <= 1e-15 * Math.Max(1, Math.Abs(z))) break;
            }
            x[i] = z;
            w[i] = 2 / (pp * pp);
        }
        Nodes = x;
        Weights = w;
    }

    /// <summary>Nodes z_i in increasing order.</summary>
    public IReadOnlyList<double> Nodes { get; }

    /// <summary>Weights w_i (for the weight function e^{−z²}); Σ w_i = √π.</summary>
    public IReadOnlyList<double> Weights { get; }
}

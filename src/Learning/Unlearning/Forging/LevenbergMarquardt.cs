using MathNet.Numerics.LinearAlgebra;

namespace PhyToolkit.Learning.Unlearning.Forging;

/// <summary>
/// Projected Levenberg–Marquardt for min ‖G(z) − g*‖² over z ∈ D, optionally subject to ‖z − c‖ ≥ δ (attack A3 and the
/// branch refinement of E3, [Proposed]). Step Δ = −(JᵀJ + λI)⁻¹ Jᵀ(G − g*), then radial projection out of the ball and
/// clipping to D; λ divided by 3 on success, multiplied by 3 on failure, floored at 1e−6·tr(JᵀJ)/d (our choice) so the
/// constrained iteration stays well conditioned.
/// </summary>
internal static class LevenbergMarquardt
{
    public static double[] Solve(IGradientMap map, ReadOnlySpan<double> gStar, double[] start, ForgingDomain domain,
        double[]? exclusionCenter, double delta, int maxIterations)
    {
        int d = map.DataDimension, p = map.ParameterDimension;
        var z = (double[])start.Clone();
        Project(z, z, domain, exclusionCenter, delta);
        var g = new double[p];
        var jac = new double[p, d];
        var trial = new double[d];
        map.Gradient(z, g);
        double cost = ForgingSetEstimator.Dist2(g, gStar);
        double lambda = -1;
        int stall = 0;
        for (int it = 0; it < maxIterations && cost > 0; it++)
        {
            map.Jacobian(z, jac);
            var J = Matrix<double>.Build.DenseOfArray(jac);
            var res = Vector<double>.Build.Dense(p);
            for (int i = 0; i < p; i++) res[i] = g[i] - gStar[i];
            var jtj = J.TransposeThisAndMultiply(J);
            var jtr = J.TransposeThisAndMultiply(res);
            double floor = 1e-6 * Math.Max(jtj.Trace() / d, 1e-300);
            if (lambda < 0) lambda = Math.Max(1e-3 * jtj.Trace() / d, floor);
            bool accepted = false;
            for (int tries = 0; tries < 30 && !accepted; tries++)
            {
                var a = jtj + Matrix<double>.Build.DenseIdentity(d) * lambda;
                var step = a.Solve(-jtr);
                for (int j = 0; j < d; j++) trial[j] = z[j] + step[j];
                Project(trial, z, domain, exclusionCenter, delta);
                map.Gradient(trial, g);
                double c = ForgingSetEstimator.Dist2(g, gStar);
                if (c < cost)
                {
                    stall = c > cost * (1 - 1e-12) ? stall + 1 : 0;
                    cost = c;
                    Array.Copy(trial, z, d);
                    lambda = Math.Max(lambda / 3, floor);
                    accepted = true;
                }
                else
                {
                    lambda *= 3;
                }
            }
            if (!accepted || stall >= 5) break;
            map.Gradient(z, g);
        }
        return z;
    }

    private static void Project(double[] z, double[] previous, ForgingDomain domain, double[]? c, double delta)
    {
        for (int pass = 0; pass < 2; pass++)
        {
            if (c is not null && delta > 0)
            {
                double r2 = ForgingSetEstimator.Dist2(z, c);
                if (r2 < delta * delta)
                {
                    double r = Math.Sqrt(r2);
                    if (r == 0)
                    {
                        // direction lost: fall back to the previous iterate's direction
                        r = Math.Sqrt(ForgingSetEstimator.Dist2(previous, c));
                        for (int j = 0; j < z.Length; j++) z[j] = c[j] + (r > 0 ? (previous[j] - c[j]) * delta / r : (j == 0 ? delta : 0));
                    }
                    else
                    {
                        for (int j = 0; j < z.Length; j++) z[j] = c[j] + (z[j] - c[j]) * delta / r;
                    }
                }
            }
            domain.Clip(z);
        }
    }
}

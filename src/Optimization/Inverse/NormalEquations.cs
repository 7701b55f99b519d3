using PhyToolkit.Channels.Imaging;
using PhyToolkit.Core.LinearAlgebra;

namespace PhyToolkit.Optimization.Inverse;

/// <summary>
/// Matrix-free conjugate gradients on <c>(AᵀA + μΓᵀΓ) x = Aᵀy</c> (Γ = I or D; μ = 0 is CGLS-equivalent CG on the
/// normal equations). The objective history is <c>½‖Ax − y‖² + (μ/2)‖Γx‖²</c> after every iteration.
/// </summary>
internal static class NormalEquations
{
    public static InverseResult Solve(IForwardOperator op, ReadOnlySpan<double> y, double mu, FiniteDifferences? d,
        int maxIterations, double tolerance, IterateCallback? callback, ReadOnlySpan<double> rhsExtra = default)
    {
        int n = op.InputShape.Length;
        var data = new DataTerm(op, y);
        var b = data.AdjointOfY();
        if (!rhsExtra.IsEmpty) for (int i = 0; i < n; i++) b[i] += rhsExtra[i];
        var x = new double[n];
        var r = (double[])b.Clone();
        var p = (double[])b.Clone();
        var q = new double[n];
        var ap = new double[op.OutputShape.Length];
        var dp = d is null ? [] : new double[2 * n];
        var dtdp = new double[n];
        double rr = VectorOps.Dot(r, r), stop = tolerance * tolerance * rr;
        var objective = new List<double>();
        int it = 0;
        while (it < maxIterations && rr > stop && rr > 0)
        {
            op.Apply(p, ap);
            op.Adjoint(ap, q);
            if (mu != 0)
            {
                if (d is null) for (int i = 0; i < n; i++) q[i] += mu * p[i];
                else
                {
                    d.Apply(p, dp);
                    d.Adjoint(dp, dtdp);
                    for (int i = 0; i < n; i++) q[i] += mu * dtdp[i];
                }
            }
            double pq = VectorOps.Dot(p, q);
            if (!(pq > 0)) break;
            double alpha = rr / pq;
            for (int i = 0; i < n; i++) { x[i] += alpha * p[i]; r[i] -= alpha * q[i]; }
            double rrNew = VectorOps.Dot(r, r);
            double beta = rrNew / rr;
            for (int i = 0; i < n; i++) p[i] = r[i] + beta * p[i];
            rr = rrNew;
            it++;
            objective.Add(data.Value(x) + 0.5 * mu * RegularizerValue(x, d));
            if (callback != null && !callback(it, x)) break;
        }
        return new InverseResult(x, it, objective);
    }

    public static double RegularizerValue(ReadOnlySpan<double> x, FiniteDifferences? d)
    {
        if (d is null) return VectorOps.Dot(x, x);
        var g = new double[2 * x.Length];
        d.Apply(x, g);
        return VectorOps.Dot(g, g);
    }
}

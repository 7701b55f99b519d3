using System.Numerics;
using PhyToolkit.Optimization.Objectives;
using PhyToolkit.Optimization.Projections;
using PhyToolkit.Optimization.Results;

namespace PhyToolkit.Optimization.Gradient;

public sealed partial class ProjectedGradient
{
    /// <summary>
    /// The one projected-ascent loop behind the real and complex entry points: step <c>x⁺ = P(x + μ g)</c> with
    /// <c>μ₀ = s·‖x‖/‖g‖</c> (‖x‖ replaced by 1 at the origin), Armijo backtracking on
    /// <c>f(x⁺) ≥ f(x) + c·D·Re⟨g, x⁺ − x⟩</c>, and the relative/absolute improvement test. <c>D</c> is 1 for a real
    /// gradient and 2 for the Wirtinger gradient ∂f/∂x* (the first-order change of a real function of complex unknowns
    /// is 2 Re Σ conj(∂f/∂x*ᵢ)Δxᵢ).
    /// </summary>
    private SolveSummary Ascend<T, TProblem>(ref TProblem problem, Span<T> x, Span<T> workspace, ConvergenceTrace? trace)
        where TProblem : struct, IAscentProblem<T>
    {
        int n = x.Length;
        if (workspace.Length < 2 * n)
            throw new ArgumentOutOfRangeException(nameof(workspace), workspace.Length, $"workspace must have length >= {2 * n}.");
        var g = workspace.Slice(0, n);
        var trial = workspace.Slice(n, n);
        var o = Options;

        problem.Project(x);
        double f = problem.Evaluate(x);
        long evals = 1;
        trace?.Add(0, evals, f);
        int it = 0;
        StopReason reason = StopReason.MaxIterations;
        while (it < o.MaxIterations)
        {
            it++;
            problem.Gradient(x, g);
            double gn = 0, xn = 0;
            for (int i = 0; i < n; i++) { gn += TProblem.SquaredMagnitude(g[i]); xn += TProblem.SquaredMagnitude(x[i]); }
            gn = Math.Sqrt(gn); xn = Math.Sqrt(xn);
            if (gn == 0) { reason = StopReason.Converged; trace?.Add(it, evals, f); break; }
            double mu0 = o.InitialStepScale * (xn > 0 ? xn : 1) / gn, mu = mu0;
            double ft;
            while (true)
            {
                for (int i = 0; i < n; i++) trial[i] = TProblem.AddScaled(x[i], mu, g[i]);
                problem.Project(trial);
                ft = problem.Evaluate(trial);
                evals++;
                double dir = 0;
                for (int i = 0; i < n; i++) dir += TProblem.RealInner(g[i], x[i], trial[i]);
                dir *= TProblem.DirectionalScale;
                if (ft >= f + o.ArmijoConstant * dir) break; // false for NaN
                mu *= o.BacktrackFactor;
                if (mu < o.MinStepRatio * mu0) { ft = double.NaN; break; }
            }
            if (double.IsNaN(ft)) { reason = StopReason.LineSearchFailed; trace?.Add(it, evals, f); break; }
            double fOld = f;
            trial.CopyTo(x);
            f = ft;
            trace?.Add(it, evals, f);
            if (!Improved(fOld, f)) { reason = StopReason.Converged; break; }
        }
        return new SolveSummary(f, it, evals, reason);
    }

    /// <summary>What the ascent loop needs of an objective, its projection and its scalar field.</summary>
    private interface IAscentProblem<T>
    {
        double Evaluate(ReadOnlySpan<T> x);
        void Gradient(ReadOnlySpan<T> x, Span<T> gradient);
        void Project(Span<T> x);
        static abstract double SquaredMagnitude(T v);
        static abstract T AddScaled(T x, double mu, T g);
        /// <summary>Re(conj(g)·(trial − x)).</summary>
        static abstract double RealInner(T g, T x, T trial);
        static abstract double DirectionalScale { get; }
    }

    private readonly struct RealProblem(IObjective objective, IProjection? projection) : IAscentProblem<double>
    {
        public double Evaluate(ReadOnlySpan<double> x) => objective.Evaluate(x);
        public void Gradient(ReadOnlySpan<double> x, Span<double> gradient) => objective.Gradient(x, gradient);
        public void Project(Span<double> x) => projection?.Project(x);
        public static double SquaredMagnitude(double v) => v * v;
        public static double AddScaled(double x, double mu, double g) => x + mu * g;
        public static double RealInner(double g, double x, double trial) => g * (trial - x);
        public static double DirectionalScale => 1;
    }

    private readonly struct ComplexProblem(IComplexObjective objective, IComplexProjection? projection) : IAscentProblem<Complex>
    {
        public double Evaluate(ReadOnlySpan<Complex> x) => objective.Evaluate(x);
        public void Gradient(ReadOnlySpan<Complex> x, Span<Complex> gradient) => objective.Gradient(x, gradient);
        public void Project(Span<Complex> x) => projection?.Project(x);
        public static double SquaredMagnitude(Complex v) => v.Real * v.Real + v.Imaginary * v.Imaginary;
        public static Complex AddScaled(Complex x, double mu, Complex g) => x + mu * g;
        public static double RealInner(Complex g, Complex x, Complex trial)
        {
            Complex dx = trial - x;
            return g.Real * dx.Real + g.Imaginary * dx.Imaginary;
        }
        public static double DirectionalScale => 2;
    }
}

using PhyToolkit.Optimization.Objectives;
namespace PhyToolkit.Optimization.Alternating;

public sealed partial class AlternatingOptimizer
{
    /// <summary>Two-loop fitness: every particle runs the inner solver from the same warm start; tracks the gbest pair.</summary>
    private sealed class TwoLoopBatch<T> : IBatchObjective where T : struct
    {
        private readonly AlternatingProblem<T> _p;
        private readonly IInnerSolver<T>[] _solvers;
        private readonly int _n2, _d1;
        private T[] _rows = [];
        private double[] _x = [], _f = [];
        private readonly T[] _warm;

        public TwoLoopBatch(AlternatingProblem<T> p, int workers)
        {
            _p = p;
            _d1 = p.Block1Bounds.Dimension;
            _n2 = p.Block2Start.Length;
            _solvers = new IInnerSolver<T>[workers];
            for (int w = 0; w < workers; w++)
                _solvers[w] = p.InnerSolverFactory() ?? throw new InvalidOperationException("InnerSolverFactory returned null.");
            _warm = (T[])p.Block2Start.Clone();
            BestBlock1 = new double[_d1];
            BestBlock2 = (T[])p.Block2Start.Clone();
        }

        public double BestValue { get; private set; } = double.NegativeInfinity;
        public bool HasBest { get; private set; }
        public double[] BestBlock1 { get; }
        public T[] BestBlock2 { get; }

        public void Evaluate(ReadOnlySpan<double> points, Span<double> fitness)
        {
            int s = fitness.Length;
            if (_f.Length != s) { _f = new double[s]; _x = new double[s * _d1]; _rows = new T[s * _n2]; }
            points.CopyTo(_x);
            int workers = Math.Min(_solvers.Length, s);
            if (workers == 1) Chunk(0, 0, s);
            else
                Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers },
                    w => Chunk(w, (int)((long)s * w / workers), (int)((long)s * (w + 1) / workers)));

            for (int i = 0; i < s; i++)
            {
                double f = _f[i];
                if (_p.Penalty != null) f -= _p.Penalty(_x.AsSpan(i * _d1, _d1));
                if (double.IsNaN(f)) f = double.NegativeInfinity;
                fitness[i] = f;
                if (f > BestValue)
                {
                    BestValue = f; HasBest = true;
                    Array.Copy(_x, i * _d1, BestBlock1, 0, _d1);
                    Array.Copy(_rows, i * _n2, BestBlock2, 0, _n2);
                }
            }
            BestBlock2.AsSpan().CopyTo(_warm); // warm start of the next batch = y of the gbest
        }

        private void Chunk(int w, int from, int to)
        {
            var solver = _solvers[w];
            for (int i = from; i < to; i++)
                _f[i] = solver.Solve(_x.AsSpan(i * _d1, _d1), _warm, _rows.AsSpan(i * _n2, _n2));
        }
    }

    /// <summary>F(·, y) at a fixed block 2 as a per-point objective (block alternation).</summary>
    private sealed class FixedBlock2Objective<T>(IJointObjective<T> joint) : IObjective where T : struct
    {
        public T[] Block2 { get; set; } = [];
        public double Evaluate(ReadOnlySpan<double> x) => joint.Evaluate(x, Block2);
    }
}

using PhyToolkit.Core.LinearAlgebra;

namespace PhyToolkit.Learning.Decentralized;

/// <summary>
/// Push-sum state and mixing for n nodes with d-dimensional models: each node holds a numerator x_i ∈ R^d and a scalar
/// weight w_i (initially 1); the de-biased model is z_i = x_i / w_i. One mixing step with uniform weights
/// p_i = 1/(|O_i(k)| + 1) (SGP's <c>UniformMixing</c>) is x_i ← p_i x_i + Σ_{l: i ∈ O_l(k)} p_l x_l and the same for
/// w_i, i.e. x(k+1) = P(k) x(k) with the column-stochastic P(k) (Kempe et al. push-sum; SGP, Assran et al.,
/// arXiv:1811.10792, Alg. 1).
/// </summary>
/// <remarks>
/// Invariants (exact up to rounding, tested to 1e-12): Σ_i w_i = n and Σ_i x_i are unchanged by <see cref="Mix"/>;
/// without local updates every z_i converges to the average of the initial x_i on a jointly strongly connected sequence.
/// Mixing accumulates in node order into a second buffer, so the result is deterministic. Cost O(n·d·(1 + max out-degree)).
/// </remarks>
public sealed class PushSumMixer
{
    private double[] _x, _xNext;
    private double[] _w, _wNext;
    private readonly int[] _peers;

    /// <summary>Creates the state: every numerator zero and every weight 1 (set models with <see cref="Reset"/>).</summary>
    /// <param name="topology">The communication graph sequence.</param>
    /// <param name="dimension">d ≥ 1.</param>
    public PushSumMixer(IDirectedTopology topology, int dimension)
    {
        ArgumentNullException.ThrowIfNull(topology);
        Topology = topology;
        NodeCount = topology.NodeCount;
        Dimension = Guard.AtLeast(dimension, 1, nameof(dimension));
        _x = new double[NodeCount * Dimension]; _xNext = new double[_x.Length];
        _w = new double[NodeCount]; _wNext = new double[NodeCount];
        Array.Fill(_w, 1.0);
        _peers = new int[topology.MaxOutDegree];
    }

    /// <summary>The topology.</summary>
    public IDirectedTopology Topology { get; }

    /// <summary>n.</summary>
    public int NodeCount { get; }

    /// <summary>d.</summary>
    public int Dimension { get; }

    /// <summary>The numerator x_i (writable: local updates act on it).</summary>
    public Span<double> Numerator(int node) => _x.AsSpan(Guard.InRange(node, 0, NodeCount - 1, nameof(node)) * Dimension, Dimension);

    /// <summary>The push-sum weight w_i.</summary>
    public double Weight(int node) => _w[Guard.InRange(node, 0, NodeCount - 1, nameof(node))];

    /// <summary>Sets every numerator to <paramref name="x0"/> and every weight to 1.</summary>
    public void Reset(ReadOnlySpan<double> x0)
    {
        Guard.Length(x0, Dimension, nameof(x0));
        for (int i = 0; i < NodeCount; i++) x0.CopyTo(_x.AsSpan(i * Dimension, Dimension));
        Array.Fill(_w, 1.0);
    }

    /// <summary>Writes the de-biased model z_i = x_i / w_i into <paramref name="z"/>.</summary>
    public void Debiased(int node, Span<double> z)
    {
        Guard.Length(z.Length, Dimension, nameof(z));
        var x = Numerator(node);
        double inv = 1.0 / _w[node];
        for (int j = 0; j < Dimension; j++) z[j] = x[j] * inv;
    }

    /// <summary>One push-sum step over the graph of iteration <paramref name="iteration"/> (see the class summary).</summary>
    public void Mix(long iteration)
    {
        Array.Clear(_xNext); Array.Clear(_wNext);
        int d = Dimension;
        for (int i = 0; i < NodeCount; i++)
        {
            int c = Topology.OutPeers(iteration, i, _peers);
            double p = 1.0 / (c + 1);
            var xi = _x.AsSpan(i * d, d);
            Accumulate(i, p, xi);
            for (int m = 0; m < c; m++) Accumulate(_peers[m], p, xi);
            void Accumulate(int target, double weight, ReadOnlySpan<double> src)
            {
                var dst = _xNext.AsSpan(target * d, d);
                for (int j = 0; j < d; j++) dst[j] += weight * src[j];
                _wNext[target] += weight * _w[i];
            }
        }
        (_x, _xNext) = (_xNext, _x);
        (_w, _wNext) = (_wNext, _w);
    }

    /// <summary>The column-stochastic mixing matrix P(k) (entry [l, i] = weight node i sends to node l), row-major n×n.</summary>
    public double[] MixingMatrix(long iteration)
    {
        int n = NodeCount;
        var P = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            int c = Topology.OutPeers(iteration, i, _peers);
            double p = 1.0 / (c + 1);
            P[i * n + i] += p;
            for (int m = 0; m < c; m++) P[_peers[m] * n + i] += p;
        }
        return P;
    }

    /// <summary>Σ_i w_i (= n by column stochasticity).</summary>
    public double TotalWeight()
    {
        double s = 0;
        foreach (double w in _w) s += w;
        return s;
    }

    /// <summary>Writes Σ_i x_i into <paramref name="sum"/>.</summary>
    public void NumeratorSum(Span<double> sum)
    {
        Guard.Length(sum.Length, Dimension, nameof(sum));
        sum.Clear();
        for (int i = 0; i < NodeCount; i++)
        {
            var xi = _x.AsSpan(i * Dimension, Dimension);
            for (int j = 0; j < Dimension; j++) sum[j] += xi[j];
        }
    }

    /// <summary>Writes the average de-biased model z̄ = (1/n) Σ_i z_i into <paramref name="average"/>.</summary>
    public void AverageModel(Span<double> average)
    {
        Guard.Length(average.Length, Dimension, nameof(average));
        average.Clear();
        for (int i = 0; i < NodeCount; i++)
        {
            var xi = _x.AsSpan(i * Dimension, Dimension);
            double inv = 1.0 / (_w[i] * NodeCount);
            for (int j = 0; j < Dimension; j++) average[j] += xi[j] * inv;
        }
    }

    /// <summary>Consensus error (1/n) Σ_i ‖z_i − z̄‖² of the de-biased models.</summary>
    public double ConsensusError()
    {
        var avg = new double[Dimension];
        var z = new double[Dimension];
        AverageModel(avg);
        double s = 0;
        for (int i = 0; i < NodeCount; i++)
        {
            Debiased(i, z);
            s += VectorOps.DistanceSquared(z, avg);
        }
        return s / NodeCount;
    }
}

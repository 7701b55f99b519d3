namespace PhyToolkit.Learning.Diffusion.Solvers;

/// <summary>
/// Early stopping by windowed moving variance (ES-WMV), as the toolkit implements it (docs/inverse-imaging.md
/// [proposal]; DMPlug describes the rule, its parameters were not reached): keep the last W iterates;
/// <c>v_k = mean over pixels of the variance across the window</c>; remember the iterate at the running minimum of
/// v_k (a new minimum must be below 0.99 × the best); stop when no new minimum came for P iterations.
/// </summary>
public sealed class EsWmv
{
    private readonly double[][] _window;
    private readonly int _n;
    private int _count, _sinceBest;
    private double _best = double.PositiveInfinity;

    /// <summary>Creates the detector.</summary>
    /// <param name="pixels">Image length.</param>
    /// <param name="window">W ≥ 2 (default 50, our choice).</param>
    /// <param name="patience">P ≥ 1 (default 300, our choice).</param>
    public EsWmv(int pixels, int window = 50, int patience = 300)
    {
        _n = Guard.AtLeast(pixels, 1, nameof(pixels));
        Window = Guard.AtLeast(window, 2, nameof(window));
        Patience = Guard.AtLeast(patience, 1, nameof(patience));
        _window = new double[window][];
        Selected = new double[pixels];
    }

    /// <summary>W.</summary>
    public int Window { get; }

    /// <summary>P.</summary>
    public int Patience { get; }

    /// <summary>The remembered iterate (the last one seen until the window first fills).</summary>
    public double[] Selected { get; }

    /// <summary>1-based iteration of <see cref="Selected"/>.</summary>
    public int SelectedIteration { get; private set; }

    /// <summary>True once the patience ran out.</summary>
    public bool Stopped { get; private set; }

    /// <summary>Feeds iterate k (1-based, consecutive); returns true when the rule says stop.</summary>
    public bool Add(int iteration, ReadOnlySpan<double> x)
    {
        Guard.Length(x.Length, _n, nameof(x));
        _window[_count % Window] = x.ToArray();
        _count++;
        if (Stopped) return true;
        if (_count < Window)
        {
            x.CopyTo(Selected);
            SelectedIteration = iteration;
            return false;
        }
        double v = 0;
        for (int p = 0; p < _n; p++)
        {
            double mean = 0, sq = 0;
            for (int w = 0; w < Window; w++) mean += _window[w][p];
            mean /= Window;
            for (int w = 0; w < Window; w++) { double d = _window[w][p] - mean; sq += d * d; }
            v += sq / Window;
        }
        v /= _n;
        if (v < 0.99 * _best || double.IsPositiveInfinity(_best))
        {
            _best = v;
            _sinceBest = 0;
            x.CopyTo(Selected);
            SelectedIteration = iteration;
        }
        else if (++_sinceBest >= Patience) Stopped = true;
        return Stopped;
    }
}

namespace PhyToolkit.Learning.Privacy;

/// <summary>
/// The accumulated RDP curve of one privacy unit (one node's data set): ε_total(α) = Σ_steps ε_step(α) at a fixed set of
/// integer orders. Summation is RDP's composition theorem (Mironov, arXiv:1702.07476, Prop. 1) and holds for a noise
/// multiplier and sampling rate that change from step to step (adaptive composition).
/// </summary>
public sealed class RdpLedger
{
    private readonly double[] _rdp;
    private readonly Dictionary<(double Q, double Sigma), double[]> _cache = [];

    /// <summary>Default orders: 2..64, then 72, 80, 96, 112, 128, 160, 192, 256 (our choice; covers ε from ≈ 0.05 to ≫ 10 at δ ≥ 1e-8).</summary>
    public static IReadOnlyList<int> DefaultOrders { get; } =
        [.. Enumerable.Range(2, 63), 72, 80, 96, 112, 128, 160, 192, 256];

    /// <summary>Creates an empty ledger.</summary>
    /// <param name="orders">Distinct integer orders ≥ 2 (default <see cref="DefaultOrders"/>).</param>
    public RdpLedger(IReadOnlyList<int>? orders = null)
    {
        var o = (orders ?? DefaultOrders).ToArray();
        if (o.Length == 0) throw new ArgumentException("orders is empty; allowed: at least one integer order >= 2.", nameof(orders));
        foreach (int a in o) Guard.AtLeast(a, 2, nameof(orders));
        if (o.Distinct().Count() != o.Length) throw new ArgumentException("orders lists an order twice.", nameof(orders));
        Orders = o;
        _rdp = new double[o.Length];
    }

    /// <summary>The integer orders α.</summary>
    public IReadOnlyList<int> Orders { get; }

    /// <summary>ε_total(α) per order, aligned with <see cref="Orders"/>.</summary>
    public ReadOnlySpan<double> Rdp => _rdp;

    /// <summary>Number of mechanism invocations recorded.</summary>
    public long Steps { get; private set; }

    /// <summary>
    /// Composes <paramref name="steps"/> invocations of the sampled Gaussian mechanism with rate <paramref name="samplingRate"/>
    /// and multiplier <paramref name="noiseMultiplier"/> (<see cref="SampledGaussianRdp"/>; q = 1 is the plain Gaussian mechanism).
    /// </summary>
    public void Record(double samplingRate, double noiseMultiplier, long steps = 1)
    {
        Guard.AtLeast(steps, 0L, nameof(steps));
        var curve = Curve(samplingRate, noiseMultiplier);
        for (int m = 0; m < _rdp.Length; m++) _rdp[m] += steps * curve[m];
        Steps += steps;
    }

    /// <summary>Adds another ledger's curve (same orders) to this one.</summary>
    public void Add(RdpLedger other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (!other.Orders.SequenceEqual(Orders)) throw new ArgumentException("other has different orders.", nameof(other));
        for (int m = 0; m < _rdp.Length; m++) _rdp[m] += other._rdp[m];
        Steps += other.Steps;
    }

    /// <summary>Forgets every recorded step.</summary>
    public void Clear() { Array.Clear(_rdp); Steps = 0; }

    /// <summary>(ε, δ)-DP of the composition so far: the conversion minimised over the orders; also returns the best order.</summary>
    /// <param name="delta">δ ∈ (0, 1).</param>
    /// <param name="conversion">RDP → (ε, δ) conversion (default <see cref="RdpConversion.Classic"/>).</param>
    public (double Epsilon, int Order) Epsilon(double delta, RdpConversion conversion = RdpConversion.Classic) =>
        ToEpsilon(_rdp, Orders, delta, conversion);

    /// <summary>ε = min over orders of the chosen conversion of an RDP curve (see <see cref="RdpConversion"/>); clipped below at 0.</summary>
    public static (double Epsilon, int Order) ToEpsilon(ReadOnlySpan<double> rdp, IReadOnlyList<int> orders, double delta, RdpConversion conversion = RdpConversion.Classic)
    {
        ArgumentNullException.ThrowIfNull(orders);
        Guard.Length(rdp.Length, orders.Count, nameof(rdp));
        RequireDelta(delta, nameof(delta));
        double best = double.PositiveInfinity; int bestOrder = orders[0];
        double logDelta = Math.Log(delta);
        for (int m = 0; m < rdp.Length; m++)
        {
            double a = orders[m];
            double eps = conversion switch
            {
                RdpConversion.Classic => rdp[m] - logDelta / (a - 1),
                RdpConversion.Improved => rdp[m] + Math.Log((a - 1) / a) - (logDelta + Math.Log(a)) / (a - 1),
                _ => throw new ArgumentOutOfRangeException(nameof(conversion), conversion, "unknown conversion"),
            };
            if (eps < best) { best = eps; bestOrder = orders[m]; }
        }
        return (Math.Max(0, best), bestOrder);
    }

    /// <summary>Refuses δ outside the open interval (0, 1).</summary>
    public static double RequireDelta(double delta, string name) =>
        !(delta > 0 && delta < 1) ? throw new ArgumentOutOfRangeException(name, delta, $"{name} = {delta}; allowed: a number in (0, 1).") : delta;

    private double[] Curve(double q, double sigma)
    {
        if (_cache.TryGetValue((q, sigma), out var c)) return c;
        c = new double[Orders.Count];
        for (int m = 0; m < c.Length; m++) c[m] = SampledGaussianRdp.Rdp(q, sigma, Orders[m]);
        if (_cache.Count > 4096) _cache.Clear();
        _cache[(q, sigma)] = c;
        return c;
    }
}

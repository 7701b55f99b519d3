using System.Globalization;
using PhyToolkit.Core.Random;

namespace PhyToolkit.Antennas;

/// <summary>
/// The square movement region <c>C = [0, A] × [0, A]</c> (A in wavelengths) with a minimum inter-antenna spacing D,
/// docs/fa-plkg.md [C]: feasibility checks, the pairwise push-apart repair of §3.1, random feasible layouts, and the
/// smallest region that can hold M antennas. Layouts are flat spans <c>x0, y0, x1, y1, …</c> of length 2M.
/// </summary>
/// <remarks>
/// Immutable and thread-safe. Spec defaults: A = 3λ, D = λ/2 (§5.2, "our choice" following the MA literature,
/// arXiv 2210.05396).
/// </remarks>
public sealed class PlanarRegion
{
    /// <summary>Default feasibility tolerance in wavelengths (docs/fa-plkg.md item 7: 1e-9).</summary>
    public const double DefaultTolerance = 1e-9;

    /// <summary>Default number of push-apart sweeps (docs/fa-plkg.md: "up to 50 sweeps").</summary>
    public const int DefaultRepairSweeps = 50;

    // Maximal minimum distance d_n of n points in the unit square (proven optima: n ≤ 5 elementary, n = 6 Graham,
    // n = 7 Schaer, n = 8, 9 Schaer & Meir; see e.g. Szabó et al., "Packing up to 200 equal circles in a square").
    // The smallest square side holding n points at spacing D is D / d_n. Index = n.
    private static readonly double[] UnitSquareMaxMinDistance =
    [
        double.PositiveInfinity, double.PositiveInfinity,
        Math.Sqrt(2), Math.Sqrt(6) - Math.Sqrt(2), 1.0, Math.Sqrt(2) / 2, Math.Sqrt(13) / 6,
        4 - 2 * Math.Sqrt(3), (Math.Sqrt(6) - Math.Sqrt(2)) / 2, 0.5,
    ];

    /// <summary>Largest antenna count for which <see cref="SmallestFeasibleSide"/> is the proven exact optimum.</summary>
    public const int ExactSmallestSideMaxCount = 9;

    /// <summary>Creates the region <c>[0, A]²</c> with minimum spacing D.</summary>
    /// <param name="sideWavelengths">Side A in wavelengths; finite and &gt; 0.</param>
    /// <param name="minSpacingWavelengths">Minimum spacing D in wavelengths; finite and ≥ 0 (spec default 0.5).</param>
    /// <exception cref="ArgumentOutOfRangeException">A ≤ 0, D &lt; 0, or either is NaN/infinite.</exception>
    public PlanarRegion(double sideWavelengths, double minSpacingWavelengths = 0.5)
    {
        if (!double.IsFinite(sideWavelengths) || sideWavelengths <= 0)
            throw new ArgumentOutOfRangeException(nameof(sideWavelengths), sideWavelengths, "the region side A must be a finite number > 0 (wavelengths)");
        if (!double.IsFinite(minSpacingWavelengths) || minSpacingWavelengths < 0)
            throw new ArgumentOutOfRangeException(nameof(minSpacingWavelengths), minSpacingWavelengths, "the minimum spacing D must be a finite number ≥ 0 (wavelengths)");
        SideWavelengths = sideWavelengths;
        MinSpacingWavelengths = minSpacingWavelengths;
    }

    /// <summary>Side A of the square region in wavelengths.</summary>
    public double SideWavelengths { get; }

    /// <summary>Minimum inter-antenna spacing D in wavelengths.</summary>
    public double MinSpacingWavelengths { get; }

    /// <summary>
    /// Smallest square side A such that M antennas fit at mutual spacing ≥ D. For M ≤ 9 this is the proven optimum
    /// D / d_M of the "spreading points in a square" problem (d_2 = √2, d_3 = √6 − √2, d_4 = 1, d_5 = √2/2,
    /// d_6 = √13/6, d_7 = 4 − 2√3, d_8 = (√6 − √2)/2, d_9 = 1/2) [literature]. For M &gt; 9 it returns the square-grid side
    /// (⌈√M⌉ − 1)·D of docs/fa-plkg.md, which always fits but may exceed the (unknown) optimum; the optimum is at least
    /// <see cref="SideLowerBound"/>.
    /// </summary>
    /// <param name="antennaCount">M ≥ 1.</param>
    /// <param name="minSpacingWavelengths">D ≥ 0, finite.</param>
    public static double SmallestFeasibleSide(int antennaCount, double minSpacingWavelengths)
    {
        ValidateCountAndSpacing(antennaCount, minSpacingWavelengths);
        if (antennaCount == 1 || minSpacingWavelengths == 0) return 0;
        if (antennaCount <= ExactSmallestSideMaxCount) return minSpacingWavelengths / UnitSquareMaxMinDistance[antennaCount];
        return GridSide(antennaCount, minSpacingWavelengths);
    }

    /// <summary>
    /// A side below which M antennas provably cannot fit at spacing D. Exact (equal to <see cref="SmallestFeasibleSide"/>)
    /// for M ≤ 9; for M &gt; 9 it is Oler's inequality for point sets with unit minimum distance in a convex region,
    /// M ≤ (2/√3)·s² + 2s + 1 with s = A/D (N. Oler, Canad. Math. Bull. 4, 1961) [literature], solved for s.
    /// </summary>
    /// <param name="antennaCount">M ≥ 1.</param>
    /// <param name="minSpacingWavelengths">D ≥ 0, finite.</param>
    public static double SideLowerBound(int antennaCount, double minSpacingWavelengths)
    {
        ValidateCountAndSpacing(antennaCount, minSpacingWavelengths);
        if (antennaCount <= ExactSmallestSideMaxCount) return SmallestFeasibleSide(antennaCount, minSpacingWavelengths);
        double a = 2 / Math.Sqrt(3);
        double s = (-2 + Math.Sqrt(4 + 4 * a * (antennaCount - 1))) / (2 * a);
        return s * minSpacingWavelengths;
    }

    /// <summary>Square-grid side (⌈√M⌉ − 1)·D: a ⌈√M⌉ × ⌈√M⌉ grid at pitch D fits (docs/fa-plkg.md).</summary>
    /// <param name="antennaCount">M ≥ 1.</param>
    /// <param name="minSpacingWavelengths">D ≥ 0, finite.</param>
    public static double GridSide(int antennaCount, double minSpacingWavelengths)
    {
        ValidateCountAndSpacing(antennaCount, minSpacingWavelengths);
        int k = (int)Math.Ceiling(Math.Sqrt(antennaCount));
        while ((k - 1) * (k - 1) >= antennaCount && k > 1) k--; // guard against round-up of the square root
        while (k * k < antennaCount) k++;
        return (k - 1) * minSpacingWavelengths;
    }

    /// <summary>
    /// True unless M antennas provably cannot fit (A &lt; <see cref="SideLowerBound"/> − tolerance). For M ≤ 9 the answer
    /// is exact; for M &gt; 9 a region between the lower bound and <see cref="GridSide"/> may still be infeasible.
    /// </summary>
    /// <param name="antennaCount">M ≥ 1.</param>
    public bool CanFit(int antennaCount) =>
        SideWavelengths >= SideLowerBound(antennaCount, MinSpacingWavelengths) - DefaultTolerance;

    /// <summary>
    /// Throws <see cref="ArgumentException"/> naming <paramref name="paramName"/> when M antennas provably cannot fit;
    /// the message states the smallest feasible A (or, for M &gt; 9, the interval that contains it).
    /// </summary>
    /// <param name="antennaCount">M; must be ≥ 1.</param>
    /// <param name="paramName">Parameter name reported in the exception.</param>
    public void EnsureCanFit(int antennaCount, string paramName)
    {
        if (antennaCount < 1)
            throw new ArgumentOutOfRangeException(paramName, antennaCount, "the antenna count M must be ≥ 1");
        if (!CanFit(antennaCount))
            throw new ArgumentException(CapacityMessage(antennaCount, SideWavelengths, MinSpacingWavelengths), paramName);
    }

    /// <summary>The error text used when M antennas cannot fit in side A at spacing D.</summary>
    /// <param name="antennaCount">M ≥ 1.</param>
    /// <param name="sideWavelengths">The requested side A.</param>
    /// <param name="minSpacingWavelengths">D ≥ 0.</param>
    public static string CapacityMessage(int antennaCount, double sideWavelengths, double minSpacingWavelengths)
    {
        string head = $"{antennaCount} antennas cannot fit in A = {F(sideWavelengths)} λ at spacing D = {F(minSpacingWavelengths)} λ; ";
        if (antennaCount <= ExactSmallestSideMaxCount)
            return head + $"the smallest feasible A is {F(SmallestFeasibleSide(antennaCount, minSpacingWavelengths))} λ";
        return head + $"the smallest feasible A is between {F(SideLowerBound(antennaCount, minSpacingWavelengths))} λ (Oler's bound) " +
               $"and {F(GridSide(antennaCount, minSpacingWavelengths))} λ (a square grid fits)";
    }

    /// <summary>True when (x, y) lies in <c>[0, A]²</c> up to <paramref name="tolerance"/> (wavelengths).</summary>
    public bool Contains(double x, double y, double tolerance = DefaultTolerance) =>
        x >= -tolerance && x <= SideWavelengths + tolerance && y >= -tolerance && y <= SideWavelengths + tolerance;

    /// <summary>
    /// Feasibility of a layout (docs/fa-plkg.md constraints): every point in the box and every pair at distance
    /// ≥ D − <paramref name="tolerance"/>. NaN coordinates are infeasible.
    /// </summary>
    /// <param name="positions">Flat layout <c>x0, y0, …</c>, even length ≥ 2.</param>
    /// <param name="tolerance">Slack in wavelengths, ≥ 0 (default 1e-9).</param>
    public bool IsFeasible(ReadOnlySpan<double> positions, double tolerance = DefaultTolerance)
    {
        int m = CheckLayout(positions, nameof(positions));
        for (int i = 0; i < m; i++)
            if (!Contains(positions[2 * i], positions[2 * i + 1], tolerance)) return false; // NaN fails here too
        return CountSpacingViolations(positions, tolerance) == 0;
    }

    /// <summary>
    /// Number V of pairs closer than D − <paramref name="tolerance"/> (the PSO penalty count of docs/fa-plkg.md).
    /// A pair with a NaN coordinate counts as a violation.
    /// </summary>
    /// <param name="positions">Flat layout, even length ≥ 2.</param>
    /// <param name="tolerance">Slack in wavelengths, ≥ 0.</param>
    public int CountSpacingViolations(ReadOnlySpan<double> positions, double tolerance = DefaultTolerance)
    {
        int m = CheckLayout(positions, nameof(positions));
        double limit = MinSpacingWavelengths - tolerance;
        double limit2 = limit > 0 ? limit * limit : 0;
        int v = 0;
        for (int i = 0; i < m; i++)
            for (int j = i + 1; j < m; j++)
            {
                double dx = positions[2 * i] - positions[2 * j], dy = positions[2 * i + 1] - positions[2 * j + 1];
                double d2 = dx * dx + dy * dy;
                if (!(d2 >= limit2)) v++;
            }
        return v;
    }

    /// <summary>Clamps every coordinate to [0, A] (projection onto the box).</summary>
    /// <param name="positions">Flat layout, even length ≥ 2, finite.</param>
    public void ClampToBox(Span<double> positions)
    {
        CheckLayout(positions, nameof(positions));
        for (int i = 0; i < positions.Length; i++) positions[i] = Math.Clamp(positions[i], 0, SideWavelengths);
    }

    /// <summary>
    /// Deterministic repair of a layout, in two stages.
    /// <para>1. Pairwise push-apart (docs/fa-plkg.md "optional repair"): clamp to the box, then sweep the pairs
    /// (m &lt; n) in order; a pair closer than D is moved apart symmetrically by (D − d)/2 each along
    /// <c>e_mn = (t_m − t_n)/d</c> and clamped. If a wall blocks one point, the remaining deficit is given to the other
    /// point; coincident points use a fixed pair-dependent direction. At most <paramref name="maxSweeps"/> sweeps.</para>
    /// <para>2. Only if stage 1 leaves violations (our choice; push-apart alone fails for ~6 % of random starts piled on
    /// the walls even at low density): keep antennas greedily in index order while they are ≥ D from the kept ones, and
    /// move each other antenna (index order) to the nearest point of a lattice of pitch min(A, D)/4 covering the box that
    /// is ≥ D from every kept antenna.</para>
    /// </summary>
    /// <param name="positions">Flat layout to repair in place; even length ≥ 2, finite.</param>
    /// <param name="maxSweeps">Maximum number of push-apart sweeps, ≥ 1 (default 50).</param>
    /// <returns>True when the result satisfies <see cref="IsFeasible"/> with tolerance 1e-9; false otherwise (the
    /// layout is then in the box but violates the spacing; this happens only near the packing limit).</returns>
    /// <exception cref="ArgumentException">Odd/empty span or non-finite coordinates.</exception>
    public bool TryRepair(Span<double> positions, int maxSweeps = DefaultRepairSweeps) => TryRepair(positions, maxSweeps, relocate: true);

    /// <summary>Stage 1 only (pure docs/fa-plkg.md push-apart) when <paramref name="relocate"/> is false; see
    /// <see cref="TryRepair(Span{double}, int)"/>.</summary>
    /// <param name="positions">Flat layout to repair in place.</param>
    /// <param name="maxSweeps">Maximum number of push-apart sweeps, ≥ 1.</param>
    /// <param name="relocate">Whether to run the lattice relocation stage when push-apart fails.</param>
    public bool TryRepair(Span<double> positions, int maxSweeps, bool relocate)
    {
        int m = CheckLayout(positions, nameof(positions));
        if (maxSweeps < 1) throw new ArgumentOutOfRangeException(nameof(maxSweeps), maxSweeps, "maxSweeps must be ≥ 1");
        for (int i = 0; i < positions.Length; i++)
            if (!double.IsFinite(positions[i]))
                throw new ArgumentException($"positions[{i}] = {F(positions[i])}; all coordinates must be finite", nameof(positions));
        ClampToBox(positions);
        double dMin = MinSpacingWavelengths;
        if (dMin == 0 || m == 1) return true;
        double target = dMin * (1 + 1e-12);
        for (int sweep = 0; sweep < maxSweeps; sweep++)
        {
            bool moved = false;
            for (int a = 0; a < m; a++)
                for (int b = a + 1; b < m; b++)
                {
                    if (Distance(positions, a, b) >= dMin) continue;
                    PushApart(positions, a, b, target, a * m + b);
                    moved = true;
                }
            if (!moved) break;
        }
        if (IsFeasible(positions, DefaultTolerance)) return true;
        if (!relocate) return false;
        Relocate(positions, m, target);
        return IsFeasible(positions, DefaultTolerance);
    }

    private void Relocate(Span<double> p, int m, double target)
    {
        Span<bool> kept = m <= 256 ? stackalloc bool[m] : new bool[m];
        for (int a = 0; a < m; a++)
        {
            kept[a] = true;
            for (int b = 0; b < a && kept[a]; b++)
                if (kept[b] && Distance(p, a, b) < target) kept[a] = false;
        }
        double pitch = Math.Min(SideWavelengths, MinSpacingWavelengths) / 4;
        int n = (int)Math.Floor(SideWavelengths / pitch + 1e-9) + 1;
        double t2 = target * target;
        for (int a = 0; a < m; a++)
        {
            if (kept[a]) continue;
            double x0 = p[2 * a], y0 = p[2 * a + 1];
            double bestD2 = double.PositiveInfinity, bx = 0, by = 0;
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                {
                    double x = Math.Min(i * pitch, SideWavelengths), y = Math.Min(j * pitch, SideWavelengths);
                    double d2 = (x - x0) * (x - x0) + (y - y0) * (y - y0);
                    if (d2 >= bestD2) continue;
                    bool free = true;
                    for (int b = 0; b < m && free; b++)
                    {
                        if (!kept[b]) continue;
                        double dx = x - p[2 * b], dy = y - p[2 * b + 1];
                        free = dx * dx + dy * dy >= t2;
                    }
                    if (free) { bestD2 = d2; bx = x; by = y; }
                }
            if (double.IsPositiveInfinity(bestD2)) return; // no free lattice point: report failure
            p[2 * a] = bx; p[2 * a + 1] = by; kept[a] = true;
        }
    }

    /// <summary>
    /// Random feasible layout by sequential rejection sampling (random sequential adsorption): antenna m is drawn
    /// uniformly in the box and redrawn until it is ≥ D from antennas 0..m−1; after <paramref name="maxDrawsPerAntenna"/>
    /// failed draws the whole layout restarts, at most <paramref name="maxRestarts"/> times. Deterministic for a given
    /// RNG state. Draw order: x then y per candidate.
    /// </summary>
    /// <remarks>
    /// Our choice. The law is not exactly uniform over the feasible set (whole-layout rejection would be, but its
    /// acceptance rate ≈ exp(−M²πD²/(2A²)) is impractical for M = 16). docs/fa-plkg.md (RP benchmark) only asks for
    /// "rejection-sampled" feasible layouts.
    /// </remarks>
    /// <param name="positions">Output, length 2M.</param>
    /// <param name="rng">Seeded generator, advanced in place.</param>
    /// <param name="maxDrawsPerAntenna">≥ 1 (default 2000).</param>
    /// <param name="maxRestarts">≥ 1 (default 50).</param>
    /// <returns>True and a layout passing <see cref="IsFeasible"/>; false if the budget ran out.</returns>
    /// <exception cref="ArgumentException">M antennas provably cannot fit (the message gives the smallest feasible A).</exception>
    public bool TrySampleFeasible(Span<double> positions, ref Xoshiro256StarStar rng, int maxDrawsPerAntenna = 2000, int maxRestarts = 50)
    {
        int m = CheckLayout(positions, nameof(positions));
        EnsureCanFit(m, nameof(positions));
        if (maxDrawsPerAntenna < 1) throw new ArgumentOutOfRangeException(nameof(maxDrawsPerAntenna), maxDrawsPerAntenna, "must be ≥ 1");
        if (maxRestarts < 1) throw new ArgumentOutOfRangeException(nameof(maxRestarts), maxRestarts, "must be ≥ 1");
        double a = SideWavelengths, d2Min = MinSpacingWavelengths * MinSpacingWavelengths;
        for (int restart = 0; restart < maxRestarts; restart++)
        {
            int placed = 0;
            while (placed < m)
            {
                bool ok = false;
                for (int draw = 0; draw < maxDrawsPerAntenna && !ok; draw++)
                {
                    double x = a * rng.NextDouble(), y = a * rng.NextDouble();
                    ok = true;
                    for (int j = 0; j < placed; j++)
                    {
                        double dx = x - positions[2 * j], dy = y - positions[2 * j + 1];
                        if (dx * dx + dy * dy < d2Min) { ok = false; break; }
                    }
                    if (ok) { positions[2 * placed] = x; positions[2 * placed + 1] = y; }
                }
                if (!ok) break;
                placed++;
            }
            if (placed == m) return true;
        }
        return false;
    }

    /// <summary>As <see cref="TrySampleFeasible"/>, but throws when the sampling budget runs out.</summary>
    /// <param name="positions">Output, length 2M.</param>
    /// <param name="rng">Seeded generator, advanced in place.</param>
    /// <exception cref="ArgumentException">M antennas provably cannot fit.</exception>
    /// <exception cref="InvalidOperationException">No feasible layout found within the default budget (region too tight
    /// for sequential sampling; message includes the smallest feasible A).</exception>
    public void SampleFeasible(Span<double> positions, ref Xoshiro256StarStar rng)
    {
        if (!TrySampleFeasible(positions, ref rng))
        {
            int m = positions.Length / 2;
            throw new InvalidOperationException(
                $"no feasible layout of {m} antennas found by sequential rejection sampling in A = {F(SideWavelengths)} λ at D = {F(MinSpacingWavelengths)} λ; " +
                $"reference: the smallest A that fits them is {(m <= ExactSmallestSideMaxCount ? F(SmallestFeasibleSide(m, MinSpacingWavelengths)) : "at most " + F(GridSide(m, MinSpacingWavelengths)))} λ");
        }
    }

    private void PushApart(Span<double> p, int a, int b, double target, int pairIndex)
    {
        for (int stage = 0; stage < 3; stage++)
        {
            double dx = p[2 * a] - p[2 * b], dy = p[2 * a + 1] - p[2 * b + 1];
            double d = Math.Sqrt(dx * dx + dy * dy);
            if (d >= target) return;
            double ex, ey;
            if (d > 1e-12 * Math.Max(1, target)) { ex = dx / d; ey = dy / d; }
            else
            {
                double angle = 2.399963229728653 * (pairIndex + 1) + stage; // golden angle: fixed, pair-dependent
                ex = Math.Cos(angle); ey = Math.Sin(angle);
            }
            double deficit = target - d;
            double wa = stage == 0 ? 0.5 : (stage == 1 ? 1.0 : 0.0);
            double wb = 1 - wa;
            p[2 * a] = Math.Clamp(p[2 * a] + wa * deficit * ex, 0, SideWavelengths);
            p[2 * a + 1] = Math.Clamp(p[2 * a + 1] + wa * deficit * ey, 0, SideWavelengths);
            p[2 * b] = Math.Clamp(p[2 * b] - wb * deficit * ex, 0, SideWavelengths);
            p[2 * b + 1] = Math.Clamp(p[2 * b + 1] - wb * deficit * ey, 0, SideWavelengths);
        }
    }

    private static double Distance(ReadOnlySpan<double> p, int a, int b)
    {
        double dx = p[2 * a] - p[2 * b], dy = p[2 * a + 1] - p[2 * b + 1];
        return Math.Sqrt(dx * dx + dy * dy);
    }

    private static int CheckLayout(ReadOnlySpan<double> positions, string paramName)
    {
        if (positions.Length < 2 || positions.Length % 2 != 0)
            throw new ArgumentException($"a planar layout needs an even length 2M ≥ 2 (x0, y0, x1, y1, …); got length {positions.Length}", paramName);
        return positions.Length / 2;
    }

    private static void ValidateCountAndSpacing(int antennaCount, double minSpacingWavelengths)
    {
        if (antennaCount < 1)
            throw new ArgumentOutOfRangeException(nameof(antennaCount), antennaCount, "the antenna count M must be ≥ 1");
        if (!double.IsFinite(minSpacingWavelengths) || minSpacingWavelengths < 0)
            throw new ArgumentOutOfRangeException(nameof(minSpacingWavelengths), minSpacingWavelengths, "the minimum spacing D must be a finite number ≥ 0");
    }

    private static string F(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}

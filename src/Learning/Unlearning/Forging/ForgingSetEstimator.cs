using PhyToolkit.Core.Random;

namespace PhyToolkit.Learning.Unlearning.Forging;

/// <summary>
/// Monte Carlo estimators of the ε-forging measure μ(ε) = λ_d({ z ∈ D : ‖G(z) − g*‖ ≤ ε }) of Dixit, Hui and Saab,
/// arXiv 2509.05865 (measure [P]; estimators E1 global uniform, E2 local SVD-aligned box, E3 branch check and the
/// log–log slope fit are [Proposed]). Every method is deterministic for a given seed.
/// </summary>
public static partial class ForgingSetEstimator
{
    /// <summary>
    /// E1, global uniform Monte Carlo: N uniform points in D, h hits, μ̂ = vol(D)·h/N, se = vol(D)·√(p̂(1 − p̂)/N).
    /// Usable while p̂·N ≳ 400 [Proposed].
    /// </summary>
    /// <param name="map">Gradient map G.</param>
    /// <param name="targetGradient">g* (length p, finite).</param>
    /// <param name="epsilon">ε &gt; 0 in the given convention.</param>
    /// <param name="domain">Bounded domain D (dimension d).</param>
    /// <param name="convention">Norm (A) or squared (B) tolerance.</param>
    /// <param name="samples">N ≥ 1.</param>
    /// <param name="seed">Seed of the Xoshiro256** stream.</param>
    public static ForgingSetEstimate GlobalUniform(IGradientMap map, ReadOnlySpan<double> targetGradient, double epsilon,
        ForgingDomain domain, ForgingConvention convention, int samples, ulong seed)
    {
        CheckCommon(map, targetGradient, epsilon, domain, samples);
        double tol2 = Tol2(epsilon, convention);
        var rng = new Xoshiro256StarStar(seed);
        var z = new double[map.DataDimension];
        var g = new double[map.ParameterDimension];
        long hits = 0;
        for (int s = 0; s < samples; s++)
        {
            domain.Sample(ref rng, z);
            map.Gradient(z, g);
            if (Dist2(g, targetGradient) <= tol2) hits++;
        }
        double ph = (double)hits / samples;
        return new ForgingSetEstimate(epsilon, domain.Volume * ph, domain.Volume * Math.Sqrt(ph * (1 - ph) / samples),
            hits, samples, -1, 0, double.NaN);
    }

    /// <summary>
    /// E2, local SVD-aligned box around the target z*: right singular vectors v_i of J(z*), stiff half-widths
    /// h_i = κ·tol/σ_i (tol = ε for Convention A, √ε for B), null half-widths = half-extent of D along v_i;
    /// u ~ U[−1, 1]^d, z = z* + Σ h_i u_i v_i, hit when z ∈ D and the tolerance test passes; μ̂ = 2^d (Π h_i)·h/N.
    /// Adaptive guard: a hit with |u_i| &gt; 0.9 in a stiff direction multiplies κ by 1.5 and redoes [Proposed].
    /// Only the preimage branch through z* is seen; see <see cref="WithBranchCheck"/>.
    /// </summary>
    /// <param name="map">Gradient map G.</param>
    /// <param name="target">z* (length d, inside D); g* = G(z*).</param>
    /// <param name="epsilon">ε &gt; 0 in the given convention.</param>
    /// <param name="domain">Bounded domain D.</param>
    /// <param name="convention">Norm (A) or squared (B) tolerance.</param>
    /// <param name="samples">N ≥ 1 per attempt.</param>
    /// <param name="seed">Seed of the Xoshiro256** stream.</param>
    /// <param name="options">Box settings; null for the spec defaults.</param>
    public static ForgingSetEstimate LocalBox(IGradientMap map, ReadOnlySpan<double> target, double epsilon,
        ForgingDomain domain, ForgingConvention convention, int samples, ulong seed, LocalBoxOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(map);
        Guard.Length(target.Length, map.DataDimension, nameof(target));
        var gStar = new double[map.ParameterDimension];
        map.Gradient(target, gStar);
        CheckCommon(map, gStar, epsilon, domain, samples);
        if (!domain.Contains(target)) throw new ArgumentException("target lies outside the forging domain.", nameof(target));
        options ??= new LocalBoxOptions();
        options.Validate();
        var analysis = VariationAnalysis.At(map, target, options.RelativeTolerance);
        var (est, _) = RunLocal(map, target.ToArray(), gStar, analysis, epsilon, domain, convention, samples, seed, options, []);
        return est;
    }

    /// <summary>
    /// E3, branch check: E2 around z*, then E1 (<paramref name="globalSamples"/> points) at ε; E1 hits outside the E2 box
    /// are clustered greedily (radius <paramref name="clusterRadius"/>), each cluster centroid is refined to a preimage
    /// of g* by Levenberg–Marquardt, and a further E2 box around each new preimage is added (hits already inside an
    /// earlier box are not counted again) [Proposed]. For M1, M3 and M4 the preimage is unique up to null directions [D],
    /// so no branch is added.
    /// </summary>
    /// <param name="map">Gradient map G.</param>
    /// <param name="target">z* (inside D).</param>
    /// <param name="epsilon">ε &gt; 0; use the largest ε of the grid for the check.</param>
    /// <param name="domain">Bounded domain D.</param>
    /// <param name="convention">Norm (A) or squared (B).</param>
    /// <param name="localSamples">N per E2 box.</param>
    /// <param name="globalSamples">N of the E1 pass.</param>
    /// <param name="seed">Seed; sub-streams are mixed from it.</param>
    /// <param name="clusterRadius">Greedy clustering radius &gt; 0 in data units (our choice; e.g. a tenth of the domain side).</param>
    /// <param name="options">Box settings; null for the spec defaults.</param>
    /// <returns>The summed estimate (Branches = number of boxes) and the number of E1 hits outside the first box.</returns>
    public static (ForgingSetEstimate Estimate, long OutsideHits) WithBranchCheck(IGradientMap map, ReadOnlySpan<double> target,
        double epsilon, ForgingDomain domain, ForgingConvention convention, int localSamples, int globalSamples, ulong seed,
        double clusterRadius, LocalBoxOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(map);
        Guard.Length(target.Length, map.DataDimension, nameof(target));
        Guard.Positive(clusterRadius, nameof(clusterRadius));
        Guard.AtLeast(globalSamples, 1, nameof(globalSamples));
        var gStar = new double[map.ParameterDimension];
        map.Gradient(target, gStar);
        CheckCommon(map, gStar, epsilon, domain, localSamples);
        if (!domain.Contains(target)) throw new ArgumentException("target lies outside the forging domain.", nameof(target));
        options ??= new LocalBoxOptions();
        options.Validate();
        int d = map.DataDimension;
        var boxes = new List<LocalForgingBox>();
        var first = VariationAnalysis.At(map, target, options.RelativeTolerance);
        var (est, box) = RunLocal(map, target.ToArray(), gStar, first, epsilon, domain, convention, localSamples,
            SeedMixer.Mix(seed, 0), options, boxes);
        boxes.Add(box);
        double measure = est.Measure, variance = est.StdErr * est.StdErr;
        long hits = est.Hits, samples = est.Samples;

        // E1 pass: collect hits outside the first box and cluster them greedily.
        double tol2 = Tol2(epsilon, convention);
        var rng = new Xoshiro256StarStar(SeedMixer.Mix(seed, 1));
        var z = new double[d];
        var g = new double[map.ParameterDimension];
        var centres = new List<double[]>();
        var sums = new List<double[]>();
        var counts = new List<int>();
        long outside = 0;
        for (int s = 0; s < globalSamples; s++)
        {
            domain.Sample(ref rng, z);
            map.Gradient(z, g);
            if (Dist2(g, gStar) > tol2 || box.Contains(z)) continue;
            outside++;
            int c = 0;
            for (; c < centres.Count; c++)
                if (Math.Sqrt(Dist2(centres[c], z)) <= clusterRadius) break;
            if (c == centres.Count)
            {
                centres.Add((double[])z.Clone());
                sums.Add(new double[d]);
                counts.Add(0);
            }
            for (int j = 0; j < d; j++) sums[c][j] += z[j];
            counts[c]++;
        }

        int branches = 1;
        for (int c = 0; c < centres.Count; c++)
        {
            var start = new double[d];
            for (int j = 0; j < d; j++) start[j] = sums[c][j] / counts[c];
            var zc = LevenbergMarquardt.Solve(map, gStar, start, domain, null, 0, 200);
            map.Gradient(zc, g);
            if (Dist2(g, gStar) > tol2) continue;
            bool known = false;
            foreach (var b in boxes) known |= b.Contains(zc);
            if (known) continue;
            var an = VariationAnalysis.At(map, zc, options.RelativeTolerance);
            var (e2, b2) = RunLocal(map, zc, gStar, an, epsilon, domain, convention, localSamples,
                SeedMixer.Mix(seed, (ulong)(2 + c)), options, boxes);
            boxes.Add(b2);
            measure += e2.Measure;
            variance += e2.StdErr * e2.StdErr;
            hits += e2.Hits;
            samples += e2.Samples;
            branches++;
        }
        return (new ForgingSetEstimate(epsilon, measure, Math.Sqrt(variance), hits, samples, first.R, branches, est.Kappa), outside);
    }

    /// <summary>
    /// E2 over an ε grid, each ε with its own sub-stream Mix(seed, index) so the points are independent.
    /// </summary>
    /// <param name="map">Gradient map.</param>
    /// <param name="target">z*.</param>
    /// <param name="epsilons">ε grid (each &gt; 0).</param>
    /// <param name="domain">Domain D.</param>
    /// <param name="convention">Convention.</param>
    /// <param name="samples">N per ε.</param>
    /// <param name="seed">Master seed.</param>
    /// <param name="options">Box settings; null for defaults.</param>
    public static ForgingSetEstimate[] LocalBoxCurve(IGradientMap map, ReadOnlySpan<double> target, ReadOnlySpan<double> epsilons,
        ForgingDomain domain, ForgingConvention convention, int samples, ulong seed, LocalBoxOptions? options = null)
    {
        if (epsilons.Length < 1) throw new ArgumentException("epsilons must have at least one entry.", nameof(epsilons));
        var result = new ForgingSetEstimate[epsilons.Length];
        for (int i = 0; i < epsilons.Length; i++)
            result[i] = LocalBox(map, target, epsilons[i], domain, convention, samples, SeedMixer.Mix(seed, (ulong)i), options);
        return result;
    }

    /// <summary>
    /// Slope fit: weighted least squares of log μ̂ on log ε with weights w = (μ̂/se)² (the inverse variance of log μ̂ by
    /// the delta method); SE(s) = 1/√(Σ w (x − x̄_w)²) [Proposed].
    /// </summary>
    /// <param name="estimates">At least two estimates at distinct ε, each with Measure &gt; 0 and StdErr &gt; 0.</param>
    public static SlopeFit FitSlope(IReadOnlyList<ForgingSetEstimate> estimates)
    {
        ArgumentNullException.ThrowIfNull(estimates);
        if (estimates.Count < 2) throw new ArgumentException("estimates must have at least two entries.", nameof(estimates));
        double sw = 0, sx = 0, sy = 0;
        var x = new double[estimates.Count];
        var y = new double[estimates.Count];
        var w = new double[estimates.Count];
        for (int i = 0; i < estimates.Count; i++)
        {
            var e = estimates[i];
            if (!(e.Measure > 0) || !(e.StdErr > 0))
                throw new ArgumentException($"estimates[{i}] has Measure = {e.Measure}, StdErr = {e.StdErr}; allowed: both > 0 (no hits cannot be fitted).", nameof(estimates));
            x[i] = Math.Log(e.Epsilon);
            y[i] = Math.Log(e.Measure);
            w[i] = (e.Measure / e.StdErr) * (e.Measure / e.StdErr);
            sw += w[i]; sx += w[i] * x[i]; sy += w[i] * y[i];
        }
        double xm = sx / sw, ym = sy / sw, sxx = 0, sxy = 0;
        for (int i = 0; i < x.Length; i++)
        {
            sxx += w[i] * (x[i] - xm) * (x[i] - xm);
            sxy += w[i] * (x[i] - xm) * (y[i] - ym);
        }
        if (!(sxx > 0)) throw new ArgumentException("estimates must have at least two distinct epsilons.", nameof(estimates));
        double s = sxy / sxx;
        return new SlopeFit(s, 1 / Math.Sqrt(sxx), ym - s * xm);
    }

    private static (ForgingSetEstimate, LocalForgingBox) RunLocal(IGradientMap map, double[] center, double[] gStar,
        VariationAnalysis analysis, double epsilon, ForgingDomain domain, ForgingConvention convention, int samples,
        ulong seed, LocalBoxOptions options, List<LocalForgingBox> exclude)
    {
        int d = map.DataDimension;
        double tol = convention == ForgingConvention.Norm ? epsilon : Math.Sqrt(epsilon);
        double tol2 = tol * tol;
        var basis = analysis.RightVectors;
        var v = new double[d];
        var extent = new double[d];
        for (int i = 0; i < d; i++)
        {
            for (int j = 0; j < d; j++) v[j] = basis[i, j];
            extent[i] = domain.HalfExtent(v, center);
        }
        double kappa = options.Kappa;
        var u = new double[d];
        var z = new double[d];
        var g = new double[map.ParameterDimension];
        for (int attempt = 0; ; attempt++)
        {
            var h = new double[d];
            var guarded = new bool[d];
            for (int i = 0; i < d; i++)
            {
                bool stiff = i < analysis.StiffCount;
                double hi = stiff ? kappa * tol / analysis.SingularValues[i] : extent[i];
                guarded[i] = stiff && hi < extent[i];
                h[i] = Math.Min(hi, extent[i]);
            }
            var box = new LocalForgingBox(center, basis, h, guarded);
            var rng = new Xoshiro256StarStar(seed);
            long hits = 0;
            bool fired = false;
            for (int s = 0; s < samples; s++)
            {
                for (int i = 0; i < d; i++) u[i] = rng.NextDouble(-1, 1);
                box.ToPoint(u, z);
                if (!domain.Contains(z)) continue;
                map.Gradient(z, g);
                if (Dist2(g, gStar) > tol2) continue;
                bool dup = false;
                foreach (var b in exclude) dup |= b.Contains(z);
                if (dup) continue;
                hits++;
                for (int i = 0; i < d; i++)
                    if (guarded[i] && Math.Abs(u[i]) > options.GuardThreshold) fired = true;
            }
            if (fired && attempt < options.MaxGuardRetries)
            {
                kappa *= options.GuardGrowth;
                continue;
            }
            double ph = (double)hits / samples;
            var est = new ForgingSetEstimate(epsilon, box.Volume * ph, box.Volume * Math.Sqrt(ph * (1 - ph) / samples),
                hits, samples, analysis.R, 1, kappa);
            return (est, box);
        }
    }

    private static void CheckCommon(IGradientMap map, ReadOnlySpan<double> targetGradient, double epsilon, ForgingDomain domain, int samples)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(domain);
        Guard.Positive(epsilon, nameof(epsilon));
        Guard.AtLeast(samples, 1, nameof(samples));
        Guard.Length(targetGradient.Length, map.ParameterDimension, nameof(targetGradient));
        foreach (double v in targetGradient) Guard.Finite(v, nameof(targetGradient));
        if (domain.Dimension != map.DataDimension)
            throw new ArgumentException($"domain has dimension {domain.Dimension}; allowed: the map's data dimension {map.DataDimension}.", nameof(domain));
    }

    private static double Tol2(double epsilon, ForgingConvention convention) =>
        convention == ForgingConvention.Norm ? epsilon * epsilon : epsilon;

    internal static double Dist2(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++) { double t = a[i] - b[i]; s += t * t; }
        return s;
    }
}

using System.Numerics;
using MathNet.Numerics.IntegralTransforms;

namespace PhyToolkit.Learning.PhysicsInformed;

/// <summary>
/// Fourier pseudo-spectral solver of the periodic viscous Burgers equation u_t + (u²/2)_x = ν u_xx
/// (the forward model of the Morephy-Net Burgers benchmark, arXiv 2509.00663; discretisation our choice, docs/morephy.md).
/// </summary>
/// <remarks>
/// <para>Space: u is held by its N Fourier coefficients û_k, k = 2π m / L, m = −N/2+1 … N/2 (MathNet FFT,
/// <see cref="FourierOptions.Matlab"/> convention). The nonlinear term N(û) = −(i k / 2)·FFT[(IFFT û)²] is de-aliased by the
/// 2/3 rule: modes with |m| &gt; N/3 are zeroed before the product and in the result (Orszag 1971), and the Nyquist mode is
/// always zero.</para>
/// <para>Time: integrating-factor RK4 (Trefethen, <i>Spectral Methods in MATLAB</i>, program 27): with L̂ = −ν k² and
/// E = exp(L̂ h/2), E² = exp(L̂ h),
/// a = h N(v), b = h N(E(v + a/2)), c = h N(E v + b/2), d = h N(E² v + E c),
/// v ← E² v + (E² a + 2E(b + c) + d)/6.
/// The diffusion is integrated exactly, so the step limit comes only from the advection CFL, h·max|u|·k_max ≲ 2.8.</para>
/// <para>An instance is not thread-safe (it owns its scratch buffers); use one per worker.</para>
/// </remarks>
public sealed class BurgersSpectralSolver
{
    private readonly int _n;
    private readonly double[] _k;
    private readonly bool[] _keep;
    private readonly Complex[] _v, _a, _b, _c, _d, _w, _tmp;
    private double _cachedH = double.NaN;
    private readonly double[] _e, _e2;

    /// <summary>Creates the solver; <paramref name="options"/> are validated.</summary>
    public BurgersSpectralSolver(BurgersSolverOptions options)
    {
        Options = (options ?? throw new ArgumentNullException(nameof(options))).Validate();
        _n = options.GridPoints;
        _k = new double[_n];
        _keep = new bool[_n];
        int cutoff = _n / 3;
        for (int j = 0; j < _n; j++)
        {
            int m = j <= _n / 2 ? j : j - _n;
            if (j == _n / 2) m = 0; // Nyquist mode carries no derivative information; it is zeroed.
            _k[j] = 2 * Math.PI * m / options.PeriodLength;
            _keep[j] = j != _n / 2 && Math.Abs(m) <= cutoff;
        }
        _v = new Complex[_n]; _a = new Complex[_n]; _b = new Complex[_n]; _c = new Complex[_n];
        _d = new Complex[_n]; _w = new Complex[_n]; _tmp = new Complex[_n];
        _e = new double[_n]; _e2 = new double[_n];
    }

    /// <summary>The validated settings.</summary>
    public BurgersSolverOptions Options { get; }

    /// <summary>Number of grid points N.</summary>
    public int GridPoints => _n;

    /// <summary>Grid point x_j = x0 + j L / N, j = 0 … N−1.</summary>
    public double GridPoint(int j) => Options.DomainStart + j * Options.PeriodLength / _n;

    /// <summary>The grid x_0 … x_{N−1} as a new array.</summary>
    public double[] Grid()
    {
        var x = new double[_n];
        for (int j = 0; j < _n; j++) x[j] = GridPoint(j);
        return x;
    }

    /// <summary>
    /// Integrates from u(·, 0) = <paramref name="u0"/> (values on <see cref="Grid"/>) and writes u(·, t_r) for every
    /// output time into row r of <paramref name="snapshots"/> (T×N row-major, T = <paramref name="outputTimes"/>.Length).
    /// </summary>
    /// <param name="u0">Initial values on the grid, length N, finite.</param>
    /// <param name="outputTimes">Non-decreasing times ≥ 0 (t = 0 returns the de-aliased, Nyquist-free projection of u0).</param>
    /// <param name="snapshots">Output, length T·N.</param>
    /// <exception cref="ArithmeticException">The solution became non-finite (time step too long for the advection CFL).</exception>
    public void Solve(ReadOnlySpan<double> u0, ReadOnlySpan<double> outputTimes, Span<double> snapshots)
    {
        Guard.Length(u0.Length, _n, nameof(u0));
        Guard.Length(snapshots.Length, outputTimes.Length * _n, nameof(snapshots));
        for (int j = 0; j < _n; j++)
        {
            if (!double.IsFinite(u0[j])) throw new ArgumentException($"u0[{j}] = {u0[j]} is not finite.", nameof(u0));
            _v[j] = new Complex(u0[j], 0);
        }
        double prev = 0;
        for (int r = 0; r < outputTimes.Length; r++)
        {
            double t = outputTimes[r];
            if (!double.IsFinite(t) || t < prev)
                throw new ArgumentOutOfRangeException(nameof(outputTimes), t, $"outputTimes[{r}] must be finite, ≥ 0 and ≥ the previous time {prev}.");
            prev = t;
        }
        Fourier.Forward(_v, FourierOptions.Matlab);
        Project(_v);

        double time = 0;
        for (int r = 0; r < outputTimes.Length; r++)
        {
            double span = outputTimes[r] - time;
            if (span > 0)
            {
                int steps = (int)Math.Ceiling(span / Options.TimeStep - 1e-9);
                double h = span / steps;
                PrepareFactors(h);
                for (int s = 0; s < steps; s++) Step(h);
                time = outputTimes[r];
            }
            Array.Copy(_v, _tmp, _n);
            Fourier.Inverse(_tmp, FourierOptions.Matlab);
            var row = snapshots.Slice(r * _n, _n);
            for (int j = 0; j < _n; j++)
            {
                double u = _tmp[j].Real;
                if (!double.IsFinite(u))
                    throw new ArithmeticException($"Burgers solution became non-finite before t = {outputTimes[r]}; reduce TimeStep ({Options.TimeStep}) or raise GridPoints.");
                row[j] = u;
            }
        }
    }

    /// <summary>Convenience overload: returns u(x_j, t_r) as a T×N array.</summary>
    public double[,] Solve(double[] u0, double[] outputTimes)
    {
        ArgumentNullException.ThrowIfNull(u0);
        ArgumentNullException.ThrowIfNull(outputTimes);
        var flat = new double[outputTimes.Length * _n];
        Solve(u0, outputTimes, flat);
        var result = new double[outputTimes.Length, _n];
        Buffer.BlockCopy(flat, 0, result, 0, flat.Length * sizeof(double));
        return result;
    }

    private void Project(Complex[] v)
    {
        for (int j = 0; j < _n; j++) if (!_keep[j]) v[j] = Complex.Zero;
    }

    private void PrepareFactors(double h)
    {
        if (h == _cachedH) return;
        for (int j = 0; j < _n; j++)
        {
            double lh = -Options.ViscosityNu * _k[j] * _k[j] * h;
            _e[j] = Math.Exp(lh / 2);
            _e2[j] = Math.Exp(lh);
        }
        _cachedH = h;
    }

    // out = h·N(in) with N(û) = −(i k/2) FFT[(IFFT û)²], de-aliased (2/3 rule).
    private void Nonlinear(Complex[] input, Complex[] output, double h)
    {
        for (int j = 0; j < _n; j++) _tmp[j] = _keep[j] ? input[j] : Complex.Zero;
        Fourier.Inverse(_tmp, FourierOptions.Matlab);
        for (int j = 0; j < _n; j++) { double u = _tmp[j].Real; _tmp[j] = new Complex(u * u, 0); }
        Fourier.Forward(_tmp, FourierOptions.Matlab);
        for (int j = 0; j < _n; j++)
            output[j] = _keep[j] ? new Complex(0, -0.5 * h * _k[j]) * _tmp[j] : Complex.Zero;
    }

    private void Step(double h)
    {
        var e = _e; var e2 = _e2;
        Nonlinear(_v, _a, h);
        for (int j = 0; j < _n; j++) _w[j] = e[j] * (_v[j] + 0.5 * _a[j]);
        Nonlinear(_w, _b, h);
        for (int j = 0; j < _n; j++) _w[j] = e[j] * _v[j] + 0.5 * _b[j];
        Nonlinear(_w, _c, h);
        for (int j = 0; j < _n; j++) _w[j] = e2[j] * _v[j] + e[j] * _c[j];
        Nonlinear(_w, _d, h);
        for (int j = 0; j < _n; j++)
            _v[j] = e2[j] * _v[j] + (e2[j] * _a[j] + 2 * e[j] * (_b[j] + _c[j]) + _d[j]) / 6;
    }
}

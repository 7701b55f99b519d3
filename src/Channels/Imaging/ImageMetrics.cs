namespace PhyToolkit.Channels.Imaging;

/// <summary>
/// Image-quality metrics as the paper code computes them (docs/inverse-imaging.md, [code]): images on [-1, 1] are
/// clamped to [-1, 1] and mapped to [0, 1] by <c>(x + 1)/2</c>, then PSNR and SSIM are taken with data range 1
/// (scikit-image definitions). LPIPS and FID need downloaded networks and are not provided.
/// </summary>
public static class ImageMetrics
{
    /// <summary>SSIM window side (scikit-image default <c>win_size = 7</c>).</summary>
    public const int SsimWindow = 7;

    /// <summary>PSNR in dB, <c>10·log10(1/MSE)</c> over all pixels of the [0,1]-mapped, clamped images (+∞ when equal).</summary>
    /// <param name="estimate">Estimate on [-1, 1].</param>
    /// <param name="truth">Reference on [-1, 1], same length.</param>
    public static double PsnrDb(ReadOnlySpan<double> estimate, ReadOnlySpan<double> truth)
    {
        Guard.Length(estimate.Length, truth.Length, nameof(estimate));
        if (truth.Length == 0) throw new ArgumentException("truth is empty; allowed: at least one pixel.", nameof(truth));
        double mse = 0;
        for (int i = 0; i < truth.Length; i++)
        {
            double d = ToUnit(estimate[i]) - ToUnit(truth[i]);
            mse += d * d;
        }
        mse /= truth.Length;
        return 10 * Math.Log10(1 / mse);
    }

    /// <summary>SSIM of two [-1, 1] images after clamping and mapping to [0, 1] (see <see cref="SsimUnit"/>).</summary>
    public static double Ssim(ReadOnlySpan<double> estimate, ReadOnlySpan<double> truth, ImageShape shape)
    {
        Guard.Length(estimate.Length, shape.Length, nameof(estimate));
        Guard.Length(truth.Length, shape.Length, nameof(truth));
        var a = new double[shape.Length];
        var b = new double[shape.Length];
        for (int i = 0; i < a.Length; i++) { a[i] = ToUnit(estimate[i]); b[i] = ToUnit(truth[i]); }
        return SsimUnit(a, b, shape);
    }

    /// <summary>
    /// Mean SSIM of two images on [0, 1] as scikit-image's <c>structural_similarity(data_range=1)</c> defines it
    /// (Wang et al., IEEE TIP 2004, eq. (13)): 7×7 uniform windows, <c>K1 = 0.01</c>, <c>K2 = 0.03</c>,
    /// <c>C1 = K1²</c>, <c>C2 = K2²</c>, sample (co)variances with the 49/48 factor, local index
    /// <c>S = (2μ_aμ_b + C1)(2σ_ab + C2) / ((μ_a² + μ_b² + C1)(σ_a² + σ_b² + C2))</c>, averaged over the window centres
    /// at least 3 pixels from every border (scikit-image crops that margin).
    /// </summary>
    /// <param name="a">First image on [0, 1].</param>
    /// <param name="b">Second image on [0, 1].</param>
    /// <param name="shape">Shape; both sides ≥ 7.</param>
    public static double SsimUnit(ReadOnlySpan<double> a, ReadOnlySpan<double> b, ImageShape shape)
    {
        Guard.Length(a.Length, shape.Length, nameof(a));
        Guard.Length(b.Length, shape.Length, nameof(b));
        if (shape.Height < SsimWindow || shape.Width < SsimWindow)
            throw new ArgumentOutOfRangeException(nameof(shape), shape, $"shape = {shape}; allowed: both sides >= {SsimWindow} (the SSIM window).");
        const double c1 = 0.01 * 0.01, c2 = 0.03 * 0.03;
        const int np = SsimWindow * SsimWindow, r = SsimWindow / 2;
        const double covNorm = np / (np - 1.0);
        int w = shape.Width;
        double total = 0;
        int count = 0;
        for (int i = r; i < shape.Height - r; i++)
            for (int j = r; j < w - r; j++)
            {
                double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
                for (int di = -r; di <= r; di++)
                    for (int dj = -r; dj <= r; dj++)
                    {
                        int k = (i + di) * w + j + dj;
                        double u = a[k], v = b[k];
                        sa += u; sb += v; saa += u * u; sbb += v * v; sab += u * v;
                    }
                double ma = sa / np, mb = sb / np;
                double va = covNorm * (saa / np - ma * ma), vb = covNorm * (sbb / np - mb * mb), vab = covNorm * (sab / np - ma * mb);
                total += (2 * ma * mb + c1) * (2 * vab + c2) / ((ma * ma + mb * mb + c1) * (va + vb + c2));
                count++;
            }
        return total / count;
    }

    /// <summary>Measurement residual <c>‖A(x) − y‖ / sqrt(m)</c> (m = measurement length), comparable to σ on [-1, 1].</summary>
    public static double MeasurementResidual(IForwardOperator op, ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        ArgumentNullException.ThrowIfNull(op);
        var ax = new double[op.OutputShape.Length];
        op.Apply(x, ax);
        Guard.Length(y.Length, ax.Length, nameof(y));
        double s = 0;
        for (int i = 0; i < ax.Length; i++) s += (ax[i] - y[i]) * (ax[i] - y[i]);
        return Math.Sqrt(s / ax.Length);
    }

    private static double ToUnit(double v) => (Math.Clamp(v, -1, 1) + 1) / 2;
}

using PhyToolkit.Channels.Imaging;

namespace PhyToolkit.Optimization.Inverse;

/// <summary>
/// Wiener deconvolution for a periodic blur (docs/inverse-imaging.md, [proposal]):
/// <c>x̂(ω) = conj(K̂(ω)) ŷ(ω) / (|K̂(ω)|² + σ²/S_x(ω))</c>, with <c>S_x</c> either constant (one noise-to-signal
/// ratio) or a fitted <see cref="PowerLawSpectrum"/>. With constant <c>σ²/S_x = μ</c> it equals Tikhonov with Γ = I.
/// </summary>
public static class Wiener
{
    /// <summary>Constant noise-to-signal ratio <c>σ²/S_x = noiseToSignal</c> (≥ 0).</summary>
    public static double[] Solve(Convolution2D blur, ReadOnlySpan<double> y, double noiseToSignal)
    {
        ArgumentNullException.ThrowIfNull(blur);
        Guard.NonNegative(noiseToSignal, nameof(noiseToSignal));
        var r = new double[blur.InputShape.Length];
        Array.Fill(r, noiseToSignal);
        return FourierDeconvolution.Solve(blur, y, r);
    }

    /// <summary>Power-law prior spectrum and noise σ on the [-1, 1] scale (σ ≥ 0); the DC term is not regularized.</summary>
    public static double[] Solve(Convolution2D blur, ReadOnlySpan<double> y, PowerLawSpectrum spectrum, double noiseSigma)
    {
        ArgumentNullException.ThrowIfNull(blur);
        ArgumentNullException.ThrowIfNull(spectrum);
        Guard.NonNegative(noiseSigma, nameof(noiseSigma));
        var shape = blur.InputShape;
        var r = new double[shape.Length];
        for (int k = 0; k < shape.Height; k++)
            for (int l = 0; l < shape.Width; l++)
                r[k * shape.Width + l] = noiseSigma * noiseSigma / spectrum.At(k, l, shape);
        return FourierDeconvolution.Solve(blur, y, r);
    }
}

using System.Numerics;
using PhyToolkit.Channels.Imaging;

namespace PhyToolkit.Optimization.Inverse;

/// <summary>The one DFT-domain filter behind Tikhonov-by-FFT and Wiener: <c>x̂ = conj(K̂) ŷ / (|K̂|² + R(ω))</c>.</summary>
internal static class FourierDeconvolution
{
    public static double[] Solve(Convolution2D blur, ReadOnlySpan<double> y, ReadOnlySpan<double> regularization)
    {
        var shape = blur.InputShape;
        Guard.Length(y.Length, shape.Length, nameof(y));
        var k = blur.PeriodicSpectrum();
        var grid = new Complex[shape.Length];
        for (int i = 0; i < grid.Length; i++) grid[i] = y[i];
        Fft2D.Forward(grid, shape.Height, shape.Width);
        for (int i = 0; i < grid.Length; i++)
        {
            double denom = k[i].Real * k[i].Real + k[i].Imaginary * k[i].Imaginary + regularization[i];
            grid[i] = denom > 0 ? Complex.Conjugate(k[i]) * grid[i] / denom : Complex.Zero;
        }
        Fft2D.Inverse(grid, shape.Height, shape.Width);
        var x = new double[shape.Length];
        for (int i = 0; i < x.Length; i++) x[i] = grid[i].Real;
        return x;
    }
}

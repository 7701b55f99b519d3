using System.Numerics;

namespace PhyToolkit.Channels.Imaging;

public sealed partial class Convolution2D
{
    private void ApplyDirect(ReadOnlySpan<double> x, Span<double> y)
    {
        int h = InputShape.Height, w = InputShape.Width;
        for (int i = 0; i < h; i++)
            for (int j = 0; j < w; j++)
            {
                double sum = 0;
                for (int a = 0; a < KernelRows; a++)
                {
                    int r = Map(i - a + _rh, h);
                    if (r < 0) continue;
                    for (int b = 0; b < KernelColumns; b++)
                    {
                        int c = Map(j - b + _rw, w);
                        if (c < 0) continue;
                        sum += _kernel[a * KernelColumns + b] * x[r * w + c];
                    }
                }
                y[i * w + j] = sum;
            }
    }

    // Aᵀ by scattering every term of the forward sum back to the pixel it read.
    private void AdjointDirect(ReadOnlySpan<double> v, Span<double> result)
    {
        int h = InputShape.Height, w = InputShape.Width;
        result.Clear();
        for (int i = 0; i < h; i++)
            for (int j = 0; j < w; j++)
            {
                double vij = v[i * w + j];
                for (int a = 0; a < KernelRows; a++)
                {
                    int r = Map(i - a + _rh, h);
                    if (r < 0) continue;
                    for (int b = 0; b < KernelColumns; b++)
                    {
                        int c = Map(j - b + _rw, w);
                        if (c < 0) continue;
                        result[r * w + c] += _kernel[a * KernelColumns + b] * vij;
                    }
                }
            }
    }

    // Extension E (periodic: identity), circular convolution on the padded grid, crop C: A = C·Circ(K)·E and
    // Aᵀ = Eᵀ·Circ(K)ᴴ·Cᵀ (Circ(K)ᴴ multiplies by conj(K̂)).
    private void ApplyFft(ReadOnlySpan<double> input, Span<double> output, bool adjoint)
    {
        int h = InputShape.Height, w = InputShape.Width, hp = _padRows, wp = _padColumns;
        int oh = Boundary == BoundaryMode.Periodic ? 0 : _rh, ow = Boundary == BoundaryMode.Periodic ? 0 : _rw;
        var grid = new Complex[hp * wp];
        if (!adjoint)
        {
            for (int p = 0; p < hp; p++)
            {
                int r = Map(p - oh, h);
                if (r < 0) continue;
                for (int q = 0; q < wp; q++)
                {
                    int c = Map(q - ow, w);
                    if (c >= 0) grid[p * wp + q] = input[r * w + c];
                }
            }
        }
        else
        {
            for (int i = 0; i < h; i++)
                for (int j = 0; j < w; j++) grid[(i + oh) * wp + j + ow] = input[i * w + j];
        }
        Fft2D.Forward(grid, hp, wp);
        for (int k = 0; k < grid.Length; k++) grid[k] *= adjoint ? Complex.Conjugate(_spectrum[k]) : _spectrum[k];
        Fft2D.Inverse(grid, hp, wp);
        if (!adjoint)
        {
            for (int i = 0; i < h; i++)
                for (int j = 0; j < w; j++) output[i * w + j] = grid[(i + oh) * wp + j + ow].Real;
        }
        else
        {
            output.Clear();
            for (int p = 0; p < hp; p++)
            {
                int r = Map(p - oh, h);
                if (r < 0) continue;
                for (int q = 0; q < wp; q++)
                {
                    int c = Map(q - ow, w);
                    if (c >= 0) output[r * w + c] += grid[p * wp + q].Real;
                }
            }
        }
    }
}

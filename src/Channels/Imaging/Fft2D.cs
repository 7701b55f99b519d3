using System.Numerics;
using MathNet.Numerics.IntegralTransforms;

namespace PhyToolkit.Channels.Imaging;

/// <summary>
/// Unnormalized 2-D DFT on a row-major grid, <c>X[k,l] = Σ x[r,c] e^{−2πi(kr/H + lc/W)}</c>, and its inverse with the
/// 1/(HW) factor (Math.NET's "Matlab" convention, any size through Bluestein). One home for the imaging FFTs.
/// </summary>
public static class Fft2D
{
    /// <summary>In-place forward transform of a <paramref name="rows"/>×<paramref name="columns"/> grid.</summary>
    public static void Forward(Complex[] data, int rows, int columns) => Transform(data, rows, columns, inverse: false);

    /// <summary>In-place inverse transform (with the 1/(rows·columns) factor).</summary>
    public static void Inverse(Complex[] data, int rows, int columns) => Transform(data, rows, columns, inverse: true);

    private static void Transform(Complex[] data, int rows, int columns, bool inverse)
    {
        Guard.Length(data.Length, rows * columns, nameof(data));
        var row = new Complex[columns];
        for (int r = 0; r < rows; r++)
        {
            Array.Copy(data, r * columns, row, 0, columns);
            if (inverse) Fourier.Inverse(row, FourierOptions.Matlab); else Fourier.Forward(row, FourierOptions.Matlab);
            Array.Copy(row, 0, data, r * columns, columns);
        }
        var col = new Complex[rows];
        for (int c = 0; c < columns; c++)
        {
            for (int r = 0; r < rows; r++) col[r] = data[r * columns + c];
            if (inverse) Fourier.Inverse(col, FourierOptions.Matlab); else Fourier.Forward(col, FourierOptions.Matlab);
            for (int r = 0; r < rows; r++) data[r * columns + c] = col[r];
        }
    }

    /// <summary>
    /// The DFT of a centred odd kernel placed circularly on a <paramref name="rows"/>×<paramref name="columns"/> grid
    /// (kernel tap (a, b) at ((a − r_h) mod rows, (b − r_w) mod columns)), so that the product with the image spectrum
    /// is the convolution <c>y[i,j] = Σ K[a,b] x[i − a + r_h, j − b + r_w]</c> taken circularly.
    /// </summary>
    public static Complex[] KernelSpectrum(ReadOnlySpan<double> kernel, int kernelRows, int kernelColumns, int rows, int columns)
    {
        var k = new Complex[rows * columns];
        int rh = kernelRows / 2, rw = kernelColumns / 2;
        for (int a = 0; a < kernelRows; a++)
            for (int b = 0; b < kernelColumns; b++)
            {
                int i = ((a - rh) % rows + rows) % rows, j = ((b - rw) % columns + columns) % columns;
                k[i * columns + j] += kernel[a * kernelColumns + b];
            }
        Forward(k, rows, columns);
        return k;
    }
}

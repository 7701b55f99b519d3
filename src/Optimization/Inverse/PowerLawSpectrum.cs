using System.Numerics;
using PhyToolkit.Channels.Imaging;

namespace PhyToolkit.Optimization.Inverse;

/// <summary>
/// An image power spectrum <c>S_x(ω) = c·|ω|^(−β)</c> (|ω| in cycles per image side, DC excluded), fitted by least
/// squares of <c>log P</c> on <c>log|ω|</c> over the mean periodogram <c>P = |x̂|²/n</c> of training images
/// (docs/inverse-imaging.md, [proposal]).
/// </summary>
/// <param name="Scale">c &gt; 0.</param>
/// <param name="Exponent">β.</param>
public sealed record PowerLawSpectrum(double Scale, double Exponent)
{
    /// <summary>S_x at DFT index (k, l) of <paramref name="shape"/>; +∞ at DC.</summary>
    public double At(int k, int l, ImageShape shape)
    {
        double fk = k <= shape.Height / 2 ? k : k - shape.Height, fl = l <= shape.Width / 2 ? l : l - shape.Width;
        double f = Math.Sqrt(fk * fk + fl * fl);
        return f == 0 ? double.PositiveInfinity : Scale * Math.Pow(f, -Exponent);
    }

    /// <summary>Fits c and β on the mean periodogram of <paramref name="images"/> (each of length shape.Length).</summary>
    public static PowerLawSpectrum Fit(IReadOnlyList<double[]> images, ImageShape shape)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.Count == 0) throw new ArgumentException("images is empty; allowed: at least one image.", nameof(images));
        var mean = new double[shape.Length];
        var grid = new Complex[shape.Length];
        foreach (var img in images)
        {
            Guard.Length(img.Length, shape.Length, nameof(images));
            for (int i = 0; i < grid.Length; i++) grid[i] = img[i];
            Fft2D.Forward(grid, shape.Height, shape.Width);
            for (int i = 0; i < grid.Length; i++) mean[i] += (grid[i].Real * grid[i].Real + grid[i].Imaginary * grid[i].Imaginary) / shape.Length / images.Count;
        }
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        int m = 0;
        for (int k = 0; k < shape.Height; k++)
            for (int l = 0; l < shape.Width; l++)
            {
                double fk = k <= shape.Height / 2 ? k : k - shape.Height, fl = l <= shape.Width / 2 ? l : l - shape.Width;
                double f = Math.Sqrt(fk * fk + fl * fl);
                double p = mean[k * shape.Width + l];
                if (f == 0 || !(p > 0)) continue;
                double lx = Math.Log(f), ly = Math.Log(p);
                sx += lx; sy += ly; sxx += lx * lx; sxy += lx * ly; m++;
            }
        if (m < 2) throw new ArgumentException("The images have fewer than two non-zero frequencies to fit.", nameof(images));
        double slope = (m * sxy - sx * sy) / (m * sxx - sx * sx);
        double intercept = (sy - slope * sx) / m;
        return new PowerLawSpectrum(Math.Exp(intercept), -slope);
    }
}

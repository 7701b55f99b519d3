using PhyToolkit.Channels.Imaging;
using PhyToolkit.Channels.Imaging.Sources;

namespace PhyToolkit.Optimization.Tests.Inverse;

internal static class InverseTestData
{
    public static double MaxAbsDiff(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double d = 0;
        for (int i = 0; i < a.Length; i++) d = Math.Max(d, Math.Abs(a[i] - b[i]));
        return d;
    }

    public static double[] ShapesImage(ImageShape shape, long index)
    {
        var img = new double[shape.Length];
        new Shapes(shape, 77).Render(index, img);
        return img;
    }

    /// <summary>3×3 kernel 0.6 centre, 0.1 on the 4-neighbours: K̂ ∈ [0.2, 1], so the periodic blur is invertible (condition 5).</summary>
    public static Convolution2D WellPosedBlur(ImageShape shape, ConvolutionMethod method = ConvolutionMethod.Direct) =>
        new(shape, [0, 0.1, 0, 0.1, 0.6, 0.1, 0, 0.1, 0], 3, 3, BoundaryMode.Periodic, method);
}

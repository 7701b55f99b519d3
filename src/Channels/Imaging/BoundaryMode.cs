namespace PhyToolkit.Channels.Imaging;

/// <summary>How a convolution reads pixels outside the image.</summary>
public enum BoundaryMode
{
    /// <summary>Outside pixels are 0 ("same"-size zero padding).</summary>
    Zero,

    /// <summary>The image repeats (circular convolution; diagonal in the 2-D DFT).</summary>
    Periodic,

    /// <summary>Mirror without repeating the edge pixel: index −1 reads 1 (PyTorch ReflectionPad2d, the DPS/DMILO code's
    /// padding [code]). Needs kernel radius &lt; image side.</summary>
    Reflect,
}

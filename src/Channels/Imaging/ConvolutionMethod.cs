namespace PhyToolkit.Channels.Imaging;

/// <summary>How <see cref="Convolution2D"/> evaluates A and Aᵀ; both give the same numbers to round-off.</summary>
public enum ConvolutionMethod
{
    /// <summary>Direct sums over the kernel (cost ∝ pixels · kernel size).</summary>
    Direct,

    /// <summary>2-D FFT on the (padded) grid (cost ∝ pixels · log pixels).</summary>
    Fft,
}

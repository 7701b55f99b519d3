using System.Numerics;

namespace PhyToolkit.Channels.Imaging;

/// <summary>
/// Same-size 2-D convolution with a known odd kernel, the deblurring operator (docs/inverse-imaging.md, [code] and
/// [proposal]): <c>y[i, j] = Σ_{a,b} K[a, b] · x̃[i − a + r_h, j − b + r_w]</c> with radius <c>r = (size − 1)/2</c>
/// and x̃ the image extended by the <see cref="Boundary"/> rule. Linear. Evaluated directly or by FFT
/// (<see cref="Method"/>; the two agree to round-off). Odd kernel sizes keep A square (the paper's even 64×64 kernel
/// with reflection padding of 32 makes the output one pixel larger).
/// </summary>
/// <remarks>
/// <see cref="LipschitzSquared"/>: for <see cref="BoundaryMode.Periodic"/> A is diagonal in the DFT and
/// <c>L = max |K̂(ω)|²</c> over the image grid exactly; for the other modes L is estimated by power iteration on AᵀA
/// (<see cref="OperatorNorm"/>, 200 iterations from a fixed seed; our choice).
/// </remarks>
public sealed partial class Convolution2D : IForwardOperator
{
    private readonly double[] _kernel;
    private readonly int _rh, _rw, _padRows, _padColumns;
    private readonly Complex[] _spectrum; // kernel DFT on the padded grid (FFT method)
    private readonly Lazy<double> _lipschitz;

    /// <summary>Builds the operator.</summary>
    /// <param name="shape">Image shape (input = output).</param>
    /// <param name="kernel">Kernel, row-major, finite; copied.</param>
    /// <param name="kernelRows">Kernel rows: odd, ≤ image height.</param>
    /// <param name="kernelColumns">Kernel columns: odd, ≤ image width.</param>
    /// <param name="boundary">Boundary rule.</param>
    /// <param name="method">Evaluation method.</param>
    public Convolution2D(ImageShape shape, ReadOnlySpan<double> kernel, int kernelRows, int kernelColumns,
        BoundaryMode boundary = BoundaryMode.Reflect, ConvolutionMethod method = ConvolutionMethod.Direct)
    {
        InputShape = shape.Validated(nameof(shape));
        CheckKernelSide(kernelRows, shape.Height, nameof(kernelRows), "image height");
        CheckKernelSide(kernelColumns, shape.Width, nameof(kernelColumns), "image width");
        Guard.Length(kernel.Length, kernelRows * kernelColumns, nameof(kernel));
        foreach (double k in kernel) Guard.Finite(k, nameof(kernel));
        if (!Enum.IsDefined(boundary)) throw new ArgumentOutOfRangeException(nameof(boundary), boundary, $"boundary = {boundary}; allowed: Zero, Periodic, Reflect.");
        if (!Enum.IsDefined(method)) throw new ArgumentOutOfRangeException(nameof(method), method, $"method = {method}; allowed: Direct, Fft.");
        _kernel = kernel.ToArray();
        KernelRows = kernelRows;
        KernelColumns = kernelColumns;
        Boundary = boundary;
        Method = method;
        _rh = kernelRows / 2;
        _rw = kernelColumns / 2;
        _padRows = boundary == BoundaryMode.Periodic ? shape.Height : shape.Height + 2 * _rh;
        _padColumns = boundary == BoundaryMode.Periodic ? shape.Width : shape.Width + 2 * _rw;
        _spectrum = Fft2D.KernelSpectrum(_kernel, kernelRows, kernelColumns, _padRows, _padColumns);
        LipschitzIsExact = boundary == BoundaryMode.Periodic;
        _lipschitz = new Lazy<double>(() => LipschitzIsExact ? PeriodicLipschitz() : OperatorNorm.PowerIteration(this, 200, 0x1D2C3B4AUL));
    }

    private static void CheckKernelSide(int size, int imageSide, string name, string what)
    {
        if (size < 1 || size % 2 == 0 || size > imageSide)
            throw new ArgumentOutOfRangeException(name, size, $"{name} = {size}; allowed: an odd integer in [1, {imageSide}] (the {what}).");
    }

    /// <summary>Kernel rows (odd).</summary>
    public int KernelRows { get; }

    /// <summary>Kernel columns (odd).</summary>
    public int KernelColumns { get; }

    /// <summary>The kernel, row-major.</summary>
    public ReadOnlySpan<double> Kernel => _kernel;

    /// <summary>Boundary rule.</summary>
    public BoundaryMode Boundary { get; }

    /// <summary>Evaluation method.</summary>
    public ConvolutionMethod Method { get; }

    /// <inheritdoc />
    public ImageShape InputShape { get; }

    /// <inheritdoc />
    public ImageShape OutputShape => InputShape;

    /// <inheritdoc />
    public bool IsLinear => true;

    /// <inheritdoc />
    public double LipschitzSquared => _lipschitz.Value;

    /// <inheritdoc />
    public bool LipschitzIsExact { get; }

    /// <summary>Same operator evaluated with another method (shares nothing mutable).</summary>
    public Convolution2D WithMethod(ConvolutionMethod method) => new(InputShape, _kernel, KernelRows, KernelColumns, Boundary, method);

    /// <summary>
    /// The kernel's DFT on the image grid (periodic boundary only): <c>K̂[k, l]</c>, row-major. A periodic convolution is
    /// <c>ŷ = K̂ · x̂</c>, which the FFT solvers (Tikhonov, Wiener) use.
    /// </summary>
    public Complex[] PeriodicSpectrum()
    {
        if (Boundary != BoundaryMode.Periodic)
            throw new InvalidOperationException($"The kernel spectrum diagonalizes A only for Boundary = Periodic (this operator has {Boundary}).");
        return (Complex[])_spectrum.Clone();
    }

    private double PeriodicLipschitz()
    {
        double max = 0;
        foreach (Complex k in _spectrum) max = Math.Max(max, k.Real * k.Real + k.Imaginary * k.Imaginary);
        return max;
    }

    /// <summary>Index of extended coordinate <paramref name="i"/> in [0, n), or −1 for a zero pixel.</summary>
    private int Map(int i, int n)
    {
        if ((uint)i < (uint)n) return i;
        return Boundary switch
        {
            BoundaryMode.Zero => -1,
            BoundaryMode.Periodic => ((i % n) + n) % n,
            _ => i < 0 ? -i : 2 * (n - 1) - i,
        };
    }

    /// <inheritdoc />
    public void Apply(ReadOnlySpan<double> x, Span<double> y)
    {
        OperatorChecks.Lengths(this, x.Length, y.Length, nameof(x), nameof(y));
        if (Method == ConvolutionMethod.Fft) ApplyFft(x, y, adjoint: false);
        else ApplyDirect(x, y);
    }

    /// <inheritdoc />
    public void Adjoint(ReadOnlySpan<double> v, Span<double> result)
    {
        OperatorChecks.Lengths(this, result.Length, v.Length, nameof(result), nameof(v));
        if (Method == ConvolutionMethod.Fft) ApplyFft(v, result, adjoint: true);
        else AdjointDirect(v, result);
    }

    /// <inheritdoc />
    public void JacobianAdjoint(ReadOnlySpan<double> x, ReadOnlySpan<double> v, Span<double> result) => Adjoint(v, result);
}

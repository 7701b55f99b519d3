namespace PhyToolkit.Channels.Imaging;

/// <summary>
/// The size of a grayscale image stored row-major: pixel (row r, column c) sits at index <c>r·Width + c</c>. Images and
/// measurements of the imaging module are flat <c>double</c> spans in this layout, on the <c>[-1, 1]</c> scale unless a
/// member says otherwise (docs/inverse-imaging.md, [paper]: images are scaled to [-1, 1] before A is applied).
/// </summary>
/// <param name="Height">Rows, ≥ 1.</param>
/// <param name="Width">Columns, ≥ 1.</param>
public readonly record struct ImageShape(int Height, int Width)
{
    /// <summary>Number of pixels, <c>Height·Width</c>.</summary>
    public int Length => Height * Width;

    /// <summary>Throws when either side is &lt; 1 (a zero-size image).</summary>
    /// <param name="name">Argument name used in the message.</param>
    public ImageShape Validated(string name)
    {
        if (Height < 1 || Width < 1)
            throw new ArgumentOutOfRangeException(name, this, $"{name} = {Height}x{Width}; allowed: height >= 1 and width >= 1.");
        return this;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Height}x{Width}";
}

namespace PhyToolkit.Channels.KeyGeneration.Batched;

/// <summary>
/// Blittable double-precision complex number for the ILGPU kernels (System.Numerics.Complex is not usable on devices).
/// Plain IEEE arithmetic, no special handling of infinities (our choice; the kernels only see finite values).
/// </summary>
internal readonly struct Complex64
{
    public Complex64(double re, double im) { Re = re; Im = im; }

    public double Re { get; }
    public double Im { get; }

    public static Complex64 operator +(Complex64 a, Complex64 b) => new(a.Re + b.Re, a.Im + b.Im);
    public static Complex64 operator -(Complex64 a, Complex64 b) => new(a.Re - b.Re, a.Im - b.Im);
    public static Complex64 operator *(Complex64 a, Complex64 b) => new(a.Re * b.Re - a.Im * b.Im, a.Re * b.Im + a.Im * b.Re);
    public static Complex64 operator *(Complex64 a, double b) => new(a.Re * b, a.Im * b);
    public static Complex64 operator -(Complex64 a) => new(-a.Re, -a.Im);

    /// <summary>conj(a)·b.</summary>
    public static Complex64 ConjMul(Complex64 a, Complex64 b) => new(a.Re * b.Re + a.Im * b.Im, a.Re * b.Im - a.Im * b.Re);

    /// <summary>a·conj(b).</summary>
    public static Complex64 MulConj(Complex64 a, Complex64 b) => new(a.Re * b.Re + a.Im * b.Im, a.Im * b.Re - a.Re * b.Im);

    public Complex64 Conjugate() => new(Re, -Im);
    public double AbsSquared => Re * Re + Im * Im;
}

using PhyToolkit.Core.Random;
using TorchSharp;
using static TorchSharp.torch;

namespace PhyToolkit.Learning.Optimizers;

/// <summary>Applies <see cref="FloatQuant"/> elementwise to CPU float32/float64 tensors in place.</summary>
internal sealed class TensorQuantizer
{
    private Xoshiro256StarStar _rng;

    public TensorQuantizer(QuantSpec spec)
    {
        Spec = spec;
        _rng = new Xoshiro256StarStar(spec.Seed);
    }

    public QuantSpec Spec { get; }

    /// <summary>Rejects float32 parameters when a format keeps more mantissa bits than float32 holds.</summary>
    public void Validate(IEnumerable<TorchSharp.Modules.Parameter> parameters)
    {
        int maxBits = 0;
        foreach (var f in new[] { Spec.Gradient, Spec.Weight, Spec.FirstMoment, Spec.SecondMoment })
            if (f is not null) maxBits = Math.Max(maxBits, f.MantissaBits);
        foreach (var p in parameters)
        {
            if (p.dtype != ScalarType.Float32 && p.dtype != ScalarType.Float64)
                throw new ArgumentException($"Quantised optimisers support float32/float64 parameters, not {p.dtype}.", "parameters");
            if (p.dtype == ScalarType.Float32 && maxBits > 23)
                throw new ArgumentOutOfRangeException("quantization", maxBits, "A format keeps more than 23 mantissa bits but a parameter is float32; allowed: [1, 23].");
        }
    }

    /// <summary>Rounds <paramref name="t"/> in place (no-op when <paramref name="format"/> is null).</summary>
    public void Apply(Tensor t, FloatFormat? format)
    {
        if (format is null) return;
        if (t.dtype == ScalarType.Float32)
        {
            if (format.MantissaBits > 23)
                throw new ArgumentException($"Format {format} has more mantissa bits than float32 data holds.", nameof(format));
            var data = t.data<float>().ToArray();
            FloatQuant.Quantize(data.AsSpan(), format, Spec.Mode, ref _rng);
            using var src = torch.tensor(data, t.shape);
            t.copy_(src);
        }
        else if (t.dtype == ScalarType.Float64)
        {
            var data = t.data<double>().ToArray();
            FloatQuant.Quantize(data.AsSpan(), format, Spec.Mode, ref _rng);
            using var src = torch.tensor(data, t.shape, ScalarType.Float64);
            t.copy_(src);
        }
        else
        {
            throw new NotSupportedException($"Quantisation supports float32 and float64 tensors, not {t.dtype}.");
        }
    }

    /// <summary>Returns a quantised copy of <paramref name="t"/> (or <paramref name="t"/> itself when format is null).</summary>
    public Tensor Copy(Tensor t, FloatFormat? format)
    {
        if (format is null) return t;
        var c = t.contiguous().clone();
        Apply(c, format);
        return c;
    }
}

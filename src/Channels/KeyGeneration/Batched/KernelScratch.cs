using ILGPU;

namespace PhyToolkit.Channels.KeyGeneration.Batched;

/// <summary>
/// One particle's complex matrix inside the ILGPU scratch buffer. Particle-interleaved layout (entry e of particle i at
/// doubles <c>(2e)·S + i</c> and <c>(2e + 1)·S + i</c>), so consecutive threads touch consecutive addresses (coalesced on GPUs).
/// </summary>
internal readonly struct KernelScratch
{
    public KernelScratch(ArrayView<double> data, int stride, int particle, int offset)
    {
        Data = data; Stride = stride; Particle = particle; Offset = offset;
    }

    public ArrayView<double> Data { get; }
    public int Stride { get; }
    public int Particle { get; }
    public int Offset { get; }

    public Complex64 Get(int e)
    {
        long b = 2L * (Offset + e) * Stride + Particle;
        return new Complex64(Data[b], Data[b + Stride]);
    }

    public void Set(int e, Complex64 z)
    {
        long b = 2L * (Offset + e) * Stride + Particle;
        Data[b] = z.Re;
        Data[b + Stride] = z.Im;
    }

    public double GetReal(int e) => Data[2L * (Offset + e) * Stride + Particle];

    public void SetReal(int e, double x) => Data[2L * (Offset + e) * Stride + Particle] = x;
}

using TorchSharp;
using static TorchSharp.torch;

namespace PhyToolkit.Learning.Optimizers;

/// <summary>
/// Reusable buffers of one Newton–Schulz run in the wide orientation (m = min(rows, cols), n = max(rows, cols)):
/// two m×n iterates and two m×m Gram/polynomial matrices. Reusing them makes a Muon/AdaGO step allocate no tensors
/// for the iteration itself.
/// </summary>
internal sealed class NewtonSchulzWorkspace : IDisposable
{
    public NewtonSchulzWorkspace(long rows, long cols, ScalarType dtype, Device device)
    {
        Rows = rows;
        Cols = cols;
        DType = dtype;
        DeviceType = device.type;
        long m = Math.Min(rows, cols), n = Math.Max(rows, cols);
        Y = torch.empty(new[] { m, n }, dtype: dtype, device: device).DetachFromDisposeScope();
        Next = torch.empty(new[] { m, n }, dtype: dtype, device: device).DetachFromDisposeScope();
        Gram = torch.empty(new[] { m, m }, dtype: dtype, device: device).DetachFromDisposeScope();
        Poly = torch.empty(new[] { m, m }, dtype: dtype, device: device).DetachFromDisposeScope();
    }

    public long Rows { get; }

    public long Cols { get; }

    public ScalarType DType { get; }

    public DeviceType DeviceType { get; }

    /// <summary>True when the matrix is taller than wide and the iteration runs on its transpose.</summary>
    public bool Transposed => Rows > Cols;

    /// <summary>The current iterate (m×n). Before the iteration runs, the caller writes the input here (in the wide
    /// orientation, see <see cref="Wide"/>).</summary>
    public Tensor Y { get; private set; }

    /// <summary>The other iterate buffer (m×n).</summary>
    public Tensor Next { get; private set; }

    /// <summary>A = Y Yᵀ (m×m).</summary>
    public Tensor Gram { get; }

    /// <summary>B = b·A + c·A² (m×m).</summary>
    public Tensor Poly { get; }

    /// <summary>The iterate in the caller's orientation: a rows×cols view of <see cref="Y"/> (no copy; owned by the
    /// workspace when not transposed, so the caller must not dispose it).</summary>
    public Tensor Output() => Transposed ? Y.t() : Y;

    /// <summary><paramref name="matrix"/> (rows×cols) in the wide orientation: its transpose view when tall, else itself.</summary>
    public Tensor Wide(Tensor matrix) => Transposed ? matrix.t() : matrix;

    public bool Matches(long rows, long cols, ScalarType dtype, Device device) =>
        rows == Rows && cols == Cols && dtype == DType && device.type == DeviceType;

    /// <summary>Exchanges <see cref="Y"/> and <see cref="Next"/> (after Next received the new iterate).</summary>
    public void Swap() => (Y, Next) = (Next, Y);

    public void Dispose()
    {
        Y.Dispose();
        Next.Dispose();
        Gram.Dispose();
        Poly.Dispose();
    }
}

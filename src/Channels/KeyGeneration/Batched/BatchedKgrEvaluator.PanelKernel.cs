using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using V = System.Runtime.Intrinsics.Vector256<double>;

namespace PhyToolkit.Channels.KeyGeneration.Batched;

public sealed partial class BatchedKgrEvaluator
{
    // ---- The one complex SIMD kernel of the managed path: a strided row-times-panel product. ----
    // For output entries c = 0 … cols − 1 (2 at a time, then the last one) it accumulates over t = 0 … count − 1
    //   rr = Σ xr·yr, ii = Σ xi·yi, ri = Σ xr·yi, ir = Σ xi·yr,   x = a[t·aStep], y = b[t·bStep + c·cStep]
    // (fused multiply-adds, four separate sums so no negation enters the chains), and finishes
    //   x·y:        re = rr − ii, im = ri + ir     (Conjugate.None)
    //   conj(x)·y:  re = rr + ii, im = ri − ir     (Conjugate.Row)
    //   x·conj(y):  re = rr + ii, im = ir − ri     (Conjugate.Panel)
    // into d[c·dStep] as d = (re, im)·factor (store) or d = (d − (re, im))·factor (substitution step, factor = 1/pivot).
    // Products, triangular products, forward and adjoint back substitution, the Hermitian products XᴴY and UUᴴ and the
    // Cholesky column update are this kernel with different strides and finishes. Two columns at a time keeps the 8
    // accumulators, 2 row and 4 panel values in the 16 YMM registers; a 4-column unroll needs 26 and spills (measured:
    // the 4-wide kernel ran at 0.85× the pre-merge kernels, this one at 1.03×/1.17×/1.28× at M = 9/16/32, same process,
    // interleaved rounds, CPU time, load average 15 on 2 cores, 2026-12-04; results bit-identical).
    private enum Conjugate { None, Row, Panel }

    // The column step of the panel: 1 (entries of a row, the common case: a compile-time constant, so the four column
    // loads of the unrolled loop use constant address offsets) or a run-time stride (GramLower, the Cholesky update).
    private interface IColumnStep { static abstract int Of(int step); }
    private struct UnitStep : IColumnStep { public static int Of(int step) => 1; }
    private struct AnyStep : IColumnStep { public static int Of(int step) => step; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void RowTimesPanel(ref V ar, ref V ai, int aStep, ref V br, ref V bi, int bStep, int cStep, int count,
        ref V dr, ref V di, int dStep, int cols, Conjugate conj, V factor, bool subtract)
    {
        if (cStep == 1) RowTimesPanel<UnitStep>(ref ar, ref ai, aStep, ref br, ref bi, bStep, 1, count, ref dr, ref di, dStep, cols, conj, factor, subtract);
        else RowTimesPanel<AnyStep>(ref ar, ref ai, aStep, ref br, ref bi, bStep, cStep, count, ref dr, ref di, dStep, cols, conj, factor, subtract);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void RowTimesPanel<TStep>(ref V ar, ref V ai, int aStep, ref V br, ref V bi, int bStep, int cStep, int count,
        ref V dr, ref V di, int dStep, int cols, Conjugate conj, V factor, bool subtract) where TStep : struct, IColumnStep
    {
        int c1 = TStep.Of(cStep);
        int c = 0;
        for (; c + 1 < cols; c += 2)
        {
            V rr0 = V.Zero, ii0 = V.Zero, ri0 = V.Zero, ir0 = V.Zero, rr1 = V.Zero, ii1 = V.Zero, ri1 = V.Zero, ir1 = V.Zero;
            ref V xr = ref ar, xi = ref ai;
            ref V yr = ref Unsafe.Add(ref br, c * c1), yi = ref Unsafe.Add(ref bi, c * c1);
            for (int t = 0; t < count; t++)
            {
                V ur = xr, ui = xi;
                V yr0 = yr, yi0 = yi, yr1 = Unsafe.Add(ref yr, c1), yi1 = Unsafe.Add(ref yi, c1);
                rr0 = Fma(ur, yr0, rr0); ii0 = Fma(ui, yi0, ii0); ri0 = Fma(ur, yi0, ri0); ir0 = Fma(ui, yr0, ir0);
                rr1 = Fma(ur, yr1, rr1); ii1 = Fma(ui, yi1, ii1); ri1 = Fma(ur, yi1, ri1); ir1 = Fma(ui, yr1, ir1);
                xr = ref Unsafe.Add(ref xr, aStep); xi = ref Unsafe.Add(ref xi, aStep);
                yr = ref Unsafe.Add(ref yr, bStep); yi = ref Unsafe.Add(ref yi, bStep);
            }
            int d = c * dStep;
            Finish(ref Unsafe.Add(ref dr, d), ref Unsafe.Add(ref di, d), rr0, ii0, ri0, ir0, conj, factor, subtract);
            Finish(ref Unsafe.Add(ref dr, d + dStep), ref Unsafe.Add(ref di, d + dStep), rr1, ii1, ri1, ir1, conj, factor, subtract);
        }
        for (; c < cols; c++)
        {
            V rr0 = V.Zero, ii0 = V.Zero, ri0 = V.Zero, ir0 = V.Zero;
            ref V xr = ref ar, xi = ref ai;
            ref V yr = ref Unsafe.Add(ref br, c * c1), yi = ref Unsafe.Add(ref bi, c * c1);
            for (int t = 0; t < count; t++)
            {
                V ur = xr, ui = xi, yr0 = yr, yi0 = yi;
                rr0 = Fma(ur, yr0, rr0); ii0 = Fma(ui, yi0, ii0); ri0 = Fma(ur, yi0, ri0); ir0 = Fma(ui, yr0, ir0);
                xr = ref Unsafe.Add(ref xr, aStep); xi = ref Unsafe.Add(ref xi, aStep);
                yr = ref Unsafe.Add(ref yr, bStep); yi = ref Unsafe.Add(ref yi, bStep);
            }
            Finish(ref Unsafe.Add(ref dr, c * dStep), ref Unsafe.Add(ref di, c * dStep), rr0, ii0, ri0, ir0, conj, factor, subtract);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Finish(ref V dr, ref V di, V rr, V ii, V ri, V ir, Conjugate conj, V factor, bool subtract)
    {
        V re = conj == Conjugate.None ? rr - ii : rr + ii;
        V im = conj switch { Conjugate.None => ri + ir, Conjugate.Row => ri - ir, _ => ir - ri };
        if (subtract) { dr = (dr - re) * factor; di = (di - im) * factor; }
        else { dr = re * factor; di = im * factor; }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref V Ref(V[] a, int i) => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(a), i);

    // Forward substitution L·X = B for `cols` right-hand sides, in place on B (n×cols): x_i = (b_i − Σ_(k<i) L_ik·x_k)/L_ii.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ForwardSolve(V[] lr, V[] li, int n, V[] br, V[] bi, int cols)
    {
        for (int i = 0; i < n; i++)
            RowTimesPanel(ref Ref(lr, i * n), ref Ref(li, i * n), 1, ref Ref(br, 0), ref Ref(bi, 0), cols, 1, i,
                ref Ref(br, i * cols), ref Ref(bi, i * cols), 1, cols, Conjugate.None, V.One / lr[i * n + i], subtract: true);
    }

    // Back substitution Lᴴ·X = B in place on B (n×cols, row-major), L n×n lower triangular with a real positive diagonal
    // (only the lower triangle is read): x_i = (b_i − Σ_(t>i) conj(L_ti)·x_t)/L_ii for i = n − 1, …, 0.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BackwardSolveAdjoint(V[] lr, V[] li, int n, V[] br, V[] bi, int cols)
    {
        for (int i = n - 1; i >= 0; i--)
        {
            int first = Math.Min(i + 1, n - 1); // the row after i (unused when i = n − 1: count is 0)
            RowTimesPanel(ref Ref(lr, first * n + i), ref Ref(li, first * n + i), n, ref Ref(br, first * cols), ref Ref(bi, first * cols), cols, 1,
                n - 1 - i, ref Ref(br, i * cols), ref Ref(bi, i * cols), 1, cols, Conjugate.Row, V.One / lr[i * n + i], subtract: true);
        }
    }

    // C = A·B (A n×inner, B inner×cols, all row-major).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Multiply(V[] ar, V[] ai, V[] br, V[] bi, V[] cr, V[] ci, int n, int inner, int cols)
    {
        for (int i = 0; i < n; i++)
            RowTimesPanel(ref Ref(ar, i * inner), ref Ref(ai, i * inner), 1, ref Ref(br, 0), ref Ref(bi, 0), cols, 1, inner,
                ref Ref(cr, i * cols), ref Ref(ci, i * cols), 1, cols, Conjugate.None, V.One, subtract: false);
    }

    // C = L·B with L n×n lower triangular (only the lower triangle is read) and B n×cols, row-major.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void LowerMultiply(V[] lr, V[] li, int n, V[] br, V[] bi, V[] cr, V[] ci, int cols)
    {
        for (int i = 0; i < n; i++)
            RowTimesPanel(ref Ref(lr, i * n), ref Ref(li, i * n), 1, ref Ref(br, 0), ref Ref(bi, 0), cols, 1, i + 1,
                ref Ref(cr, i * cols), ref Ref(ci, i * cols), 1, cols, Conjugate.None, V.One, subtract: false);
    }

    // Lower triangle of scale·XᴴY for X, Y rows×cols (row-major): entry (a, b), b ≤ a, = scale·Σ_t conj(X_ta)·Y_tb.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AdjointProductLower(V[] xr, V[] xi, V[] yr, V[] yi, V[] outR, V[] outI, int rows, int cols, V scale)
    {
        for (int a = 0; a < cols; a++)
            RowTimesPanel(ref Ref(xr, a), ref Ref(xi, a), cols, ref Ref(yr, 0), ref Ref(yi, 0), cols, 1, rows,
                ref Ref(outR, a * cols), ref Ref(outI, a * cols), 1, a + 1, Conjugate.Row, scale, subtract: false);
    }

    // Lower triangle of scale·UUᴴ for U rows×cols (row-major): entry (a, b), b ≤ a, = scale·Σ_t U_at·conj(U_bt).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void GramLower(V[] ur, V[] ui, V[] outR, V[] outI, int rows, int cols, V scale)
    {
        for (int a = 0; a < rows; a++)
            RowTimesPanel(ref Ref(ur, a * cols), ref Ref(ui, a * cols), 1, ref Ref(ur, 0), ref Ref(ui, 0), 1, cols, cols,
                ref Ref(outR, a * rows), ref Ref(outI, a * rows), 1, a + 1, Conjugate.Panel, scale, subtract: false);
    }
}

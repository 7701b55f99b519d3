// TEMPORARY (A/B measurement of the kernel merge; removed in the next commit): the kernels before the merge.
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using V = System.Runtime.Intrinsics.Vector256<double>;

namespace PhyToolkit.Channels.KeyGeneration.Batched;

public sealed partial class BatchedKgrEvaluator
{
    /// <summary>Temporary A/B switch: use the kernels from before the merge.</summary>
    public static bool LegacyKernels { get; set; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ref V LegacyAt(V[] a, int i) => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(a), i);

    // Forward substitution L·X = B for `cols` right-hand sides, in place on B (n×cols); two columns at a time.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void LegacyForwardSolve(V[] lr, V[] li, int n, V[] br, V[] bi, int cols)
    {
        ref V l0 = ref MemoryMarshal.GetArrayDataReference(lr);
        ref V m0 = ref MemoryMarshal.GetArrayDataReference(li);
        ref V b0 = ref MemoryMarshal.GetArrayDataReference(br);
        ref V c0 = ref MemoryMarshal.GetArrayDataReference(bi);
        for (int i = 0; i < n; i++)
        {
            int ino = i * n, ic = i * cols;
            V inv = V.One / Unsafe.Add(ref l0, ino + i);
            int c = 0;
            for (; c + 3 < cols; c += 4)
            {
                V pr0 = V.Zero, nr0 = V.Zero, pi0 = V.Zero, qi0 = V.Zero, pr1 = V.Zero, nr1 = V.Zero, pi1 = V.Zero, qi1 = V.Zero;
                V pr2 = V.Zero, nr2 = V.Zero, pi2 = V.Zero, qi2 = V.Zero, pr3 = V.Zero, nr3 = V.Zero, pi3 = V.Zero, qi3 = V.Zero;
                for (int k = 0; k < i; k++)
                {
                    V xr = Unsafe.Add(ref l0, ino + k), xi = Unsafe.Add(ref m0, ino + k);
                    ref V yr = ref Unsafe.Add(ref b0, k * cols + c);
                    ref V yi = ref Unsafe.Add(ref c0, k * cols + c);
                    V yr0 = yr, yi0 = yi, yr1 = Unsafe.Add(ref yr, 1), yi1 = Unsafe.Add(ref yi, 1);
                    V yr2 = Unsafe.Add(ref yr, 2), yi2 = Unsafe.Add(ref yi, 2), yr3 = Unsafe.Add(ref yr, 3), yi3 = Unsafe.Add(ref yi, 3);
                    pr0 = Fma(xr, yr0, pr0); nr0 = Fma(xi, yi0, nr0); pi0 = Fma(xr, yi0, pi0); qi0 = Fma(xi, yr0, qi0);
                    pr1 = Fma(xr, yr1, pr1); nr1 = Fma(xi, yi1, nr1); pi1 = Fma(xr, yi1, pi1); qi1 = Fma(xi, yr1, qi1);
                    pr2 = Fma(xr, yr2, pr2); nr2 = Fma(xi, yi2, nr2); pi2 = Fma(xr, yi2, pi2); qi2 = Fma(xi, yr2, qi2);
                    pr3 = Fma(xr, yr3, pr3); nr3 = Fma(xi, yi3, nr3); pi3 = Fma(xr, yi3, pi3); qi3 = Fma(xi, yr3, qi3);
                }
                ref V r = ref Unsafe.Add(ref b0, ic + c);
                ref V q = ref Unsafe.Add(ref c0, ic + c);
                r = (r - (pr0 - nr0)) * inv; q = (q - (pi0 + qi0)) * inv;
                Unsafe.Add(ref r, 1) = (Unsafe.Add(ref r, 1) - (pr1 - nr1)) * inv; Unsafe.Add(ref q, 1) = (Unsafe.Add(ref q, 1) - (pi1 + qi1)) * inv;
                Unsafe.Add(ref r, 2) = (Unsafe.Add(ref r, 2) - (pr2 - nr2)) * inv; Unsafe.Add(ref q, 2) = (Unsafe.Add(ref q, 2) - (pi2 + qi2)) * inv;
                Unsafe.Add(ref r, 3) = (Unsafe.Add(ref r, 3) - (pr3 - nr3)) * inv; Unsafe.Add(ref q, 3) = (Unsafe.Add(ref q, 3) - (pi3 + qi3)) * inv;
            }
            for (; c + 1 < cols; c += 2)
            {
                V pr0 = V.Zero, nr0 = V.Zero, pi0 = V.Zero, qi0 = V.Zero, pr1 = V.Zero, nr1 = V.Zero, pi1 = V.Zero, qi1 = V.Zero;
                for (int k = 0; k < i; k++)
                {
                    V xr = Unsafe.Add(ref l0, ino + k), xi = Unsafe.Add(ref m0, ino + k);
                    int kc = k * cols + c;
                    V yr0 = Unsafe.Add(ref b0, kc), yi0 = Unsafe.Add(ref c0, kc);
                    V yr1 = Unsafe.Add(ref b0, kc + 1), yi1 = Unsafe.Add(ref c0, kc + 1);
                    pr0 = Fma(xr, yr0, pr0); nr0 = Fma(xi, yi0, nr0); pi0 = Fma(xr, yi0, pi0); qi0 = Fma(xi, yr0, qi0);
                    pr1 = Fma(xr, yr1, pr1); nr1 = Fma(xi, yi1, nr1); pi1 = Fma(xr, yi1, pi1); qi1 = Fma(xi, yr1, qi1);
                }
                ref V r0 = ref Unsafe.Add(ref b0, ic + c);
                ref V q0 = ref Unsafe.Add(ref c0, ic + c);
                r0 = (r0 - (pr0 - nr0)) * inv; q0 = (q0 - (pi0 + qi0)) * inv;
                ref V r1 = ref Unsafe.Add(ref b0, ic + c + 1);
                ref V q1 = ref Unsafe.Add(ref c0, ic + c + 1);
                r1 = (r1 - (pr1 - nr1)) * inv; q1 = (q1 - (pi1 + qi1)) * inv;
            }
            for (; c < cols; c++)
            {
                V pr0 = V.Zero, nr0 = V.Zero, pi0 = V.Zero, qi0 = V.Zero;
                for (int k = 0; k < i; k++)
                {
                    V xr = Unsafe.Add(ref l0, ino + k), xi = Unsafe.Add(ref m0, ino + k);
                    int kc = k * cols + c;
                    V yr0 = Unsafe.Add(ref b0, kc), yi0 = Unsafe.Add(ref c0, kc);
                    pr0 = Fma(xr, yr0, pr0); nr0 = Fma(xi, yi0, nr0); pi0 = Fma(xr, yi0, pi0); qi0 = Fma(xi, yr0, qi0);
                }
                ref V r0 = ref Unsafe.Add(ref b0, ic + c);
                ref V q0 = ref Unsafe.Add(ref c0, ic + c);
                r0 = (r0 - (pr0 - nr0)) * inv; q0 = (q0 - (pi0 + qi0)) * inv;
            }
        }
    }

    // C = A·B (A n×inner, B inner×cols, all row-major), two output columns at a time.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void LegacyMultiply(V[] ar, V[] ai, V[] br, V[] bi, V[] cr, V[] ci, int n, int inner, int cols)
    {
        ref V a0 = ref MemoryMarshal.GetArrayDataReference(ar);
        ref V a1 = ref MemoryMarshal.GetArrayDataReference(ai);
        ref V b0 = ref MemoryMarshal.GetArrayDataReference(br);
        ref V b1 = ref MemoryMarshal.GetArrayDataReference(bi);
        for (int i = 0; i < n; i++)
        {
            int ia = i * inner;
            int c = 0;
            for (; c + 3 < cols; c += 4)
            {
                V pr0 = V.Zero, nr0 = V.Zero, pi0 = V.Zero, qi0 = V.Zero, pr1 = V.Zero, nr1 = V.Zero, pi1 = V.Zero, qi1 = V.Zero;
                V pr2 = V.Zero, nr2 = V.Zero, pi2 = V.Zero, qi2 = V.Zero, pr3 = V.Zero, nr3 = V.Zero, pi3 = V.Zero, qi3 = V.Zero;
                for (int t = 0; t < inner; t++)
                {
                    V xr = Unsafe.Add(ref a0, ia + t), xi = Unsafe.Add(ref a1, ia + t);
                    ref V yr = ref Unsafe.Add(ref b0, t * cols + c);
                    ref V yi = ref Unsafe.Add(ref b1, t * cols + c);
                    V yr0 = yr, yi0 = yi, yr1 = Unsafe.Add(ref yr, 1), yi1 = Unsafe.Add(ref yi, 1);
                    V yr2 = Unsafe.Add(ref yr, 2), yi2 = Unsafe.Add(ref yi, 2), yr3 = Unsafe.Add(ref yr, 3), yi3 = Unsafe.Add(ref yi, 3);
                    pr0 = Fma(xr, yr0, pr0); nr0 = Fma(xi, yi0, nr0); pi0 = Fma(xr, yi0, pi0); qi0 = Fma(xi, yr0, qi0);
                    pr1 = Fma(xr, yr1, pr1); nr1 = Fma(xi, yi1, nr1); pi1 = Fma(xr, yi1, pi1); qi1 = Fma(xi, yr1, qi1);
                    pr2 = Fma(xr, yr2, pr2); nr2 = Fma(xi, yi2, nr2); pi2 = Fma(xr, yi2, pi2); qi2 = Fma(xi, yr2, qi2);
                    pr3 = Fma(xr, yr3, pr3); nr3 = Fma(xi, yi3, nr3); pi3 = Fma(xr, yi3, pi3); qi3 = Fma(xi, yr3, qi3);
                }
                int o = i * cols + c;
                LegacyAt(cr, o) = pr0 - nr0; LegacyAt(ci, o) = pi0 + qi0;
                LegacyAt(cr, o + 1) = pr1 - nr1; LegacyAt(ci, o + 1) = pi1 + qi1;
                LegacyAt(cr, o + 2) = pr2 - nr2; LegacyAt(ci, o + 2) = pi2 + qi2;
                LegacyAt(cr, o + 3) = pr3 - nr3; LegacyAt(ci, o + 3) = pi3 + qi3;
            }
            for (; c + 1 < cols; c += 2)
            {
                V pr0 = V.Zero, nr0 = V.Zero, pi0 = V.Zero, qi0 = V.Zero, pr1 = V.Zero, nr1 = V.Zero, pi1 = V.Zero, qi1 = V.Zero;
                for (int t = 0; t < inner; t++)
                {
                    V xr = Unsafe.Add(ref a0, ia + t), xi = Unsafe.Add(ref a1, ia + t);
                    int tc = t * cols + c;
                    V yr0 = Unsafe.Add(ref b0, tc), yi0 = Unsafe.Add(ref b1, tc);
                    V yr1 = Unsafe.Add(ref b0, tc + 1), yi1 = Unsafe.Add(ref b1, tc + 1);
                    pr0 = Fma(xr, yr0, pr0); nr0 = Fma(xi, yi0, nr0); pi0 = Fma(xr, yi0, pi0); qi0 = Fma(xi, yr0, qi0);
                    pr1 = Fma(xr, yr1, pr1); nr1 = Fma(xi, yi1, nr1); pi1 = Fma(xr, yi1, pi1); qi1 = Fma(xi, yr1, qi1);
                }
                LegacyAt(cr, i * cols + c) = pr0 - nr0; LegacyAt(ci, i * cols + c) = pi0 + qi0;
                LegacyAt(cr, i * cols + c + 1) = pr1 - nr1; LegacyAt(ci, i * cols + c + 1) = pi1 + qi1;
            }
            for (; c < cols; c++)
            {
                V pr0 = V.Zero, nr0 = V.Zero, pi0 = V.Zero, qi0 = V.Zero;
                for (int t = 0; t < inner; t++)
                {
                    V xr = Unsafe.Add(ref a0, ia + t), xi = Unsafe.Add(ref a1, ia + t);
                    int tc = t * cols + c;
                    V yr0 = Unsafe.Add(ref b0, tc), yi0 = Unsafe.Add(ref b1, tc);
                    pr0 = Fma(xr, yr0, pr0); nr0 = Fma(xi, yi0, nr0); pi0 = Fma(xr, yi0, pi0); qi0 = Fma(xi, yr0, qi0);
                }
                LegacyAt(cr, i * cols + c) = pr0 - nr0; LegacyAt(ci, i * cols + c) = pi0 + qi0;
            }
        }
    }

    // Lower triangle of scale·XᴴY for X, Y rows×cols (row-major): entry (a, b), b ≤ a, = scale·Σ_t conj(X_ta)·Y_tb.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void LegacyAdjointProductLower(V[] xr, V[] xi, V[] yr, V[] yi, V[] outR, V[] outI, int rows, int cols, V scale)
    {
        ref V x0 = ref MemoryMarshal.GetArrayDataReference(xr);
        ref V x1 = ref MemoryMarshal.GetArrayDataReference(xi);
        ref V y0 = ref MemoryMarshal.GetArrayDataReference(yr);
        ref V y1 = ref MemoryMarshal.GetArrayDataReference(yi);
        for (int a = 0; a < cols; a++)
        {
            int b = 0;
            for (; b + 1 <= a; b += 2)
            {
                V pr0 = V.Zero, qr0 = V.Zero, pi0 = V.Zero, ni0 = V.Zero, pr1 = V.Zero, qr1 = V.Zero, pi1 = V.Zero, ni1 = V.Zero;
                for (int t = 0; t < rows; t++)
                {
                    int ta = t * cols + a, tb = t * cols + b;
                    V ur = Unsafe.Add(ref x0, ta), ui = Unsafe.Add(ref x1, ta);
                    V vr0 = Unsafe.Add(ref y0, tb), vi0 = Unsafe.Add(ref y1, tb), vr1 = Unsafe.Add(ref y0, tb + 1), vi1 = Unsafe.Add(ref y1, tb + 1);
                    pr0 = Fma(ur, vr0, pr0); qr0 = Fma(ui, vi0, qr0); pi0 = Fma(ur, vi0, pi0); ni0 = Fma(ui, vr0, ni0);
                    pr1 = Fma(ur, vr1, pr1); qr1 = Fma(ui, vi1, qr1); pi1 = Fma(ur, vi1, pi1); ni1 = Fma(ui, vr1, ni1);
                }
                // re(conj u·v) = ur·vr + ui·vi, im = ur·vi − ui·vr
                LegacyAt(outR, a * cols + b) = (pr0 + qr0) * scale; LegacyAt(outI, a * cols + b) = (pi0 - ni0) * scale;
                LegacyAt(outR, a * cols + b + 1) = (pr1 + qr1) * scale; LegacyAt(outI, a * cols + b + 1) = (pi1 - ni1) * scale;
            }
            for (; b <= a; b++)
            {
                V pr0 = V.Zero, qr0 = V.Zero, pi0 = V.Zero, ni0 = V.Zero;
                for (int t = 0; t < rows; t++)
                {
                    int ta = t * cols + a, tb = t * cols + b;
                    V ur = Unsafe.Add(ref x0, ta), ui = Unsafe.Add(ref x1, ta), vr0 = Unsafe.Add(ref y0, tb), vi0 = Unsafe.Add(ref y1, tb);
                    pr0 = Fma(ur, vr0, pr0); qr0 = Fma(ui, vi0, qr0); pi0 = Fma(ur, vi0, pi0); ni0 = Fma(ui, vr0, ni0);
                }
                LegacyAt(outR, a * cols + b) = (pr0 + qr0) * scale; LegacyAt(outI, a * cols + b) = (pi0 - ni0) * scale;
            }
        }
    }

    // Lower triangle of scale·UUᴴ for U rows×cols (row-major): entry (a, b), b ≤ a, = scale·Σ_t U_at·conj(U_bt).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void LegacyGramLower(V[] ur, V[] ui, V[] outR, V[] outI, int rows, int cols, V scale)
    {
        ref V u0 = ref MemoryMarshal.GetArrayDataReference(ur);
        ref V u1 = ref MemoryMarshal.GetArrayDataReference(ui);
        for (int a = 0; a < rows; a++)
        {
            int ao = a * cols;
            int b = 0;
            for (; b + 1 <= a; b += 2)
            {
                int bo = b * cols, bo1 = bo + cols;
                V pr0 = V.Zero, qr0 = V.Zero, pi0 = V.Zero, ni0 = V.Zero, pr1 = V.Zero, qr1 = V.Zero, pi1 = V.Zero, ni1 = V.Zero;
                for (int t = 0; t < cols; t++)
                {
                    V xr = Unsafe.Add(ref u0, ao + t), xi = Unsafe.Add(ref u1, ao + t);
                    V yr0 = Unsafe.Add(ref u0, bo + t), yi0 = Unsafe.Add(ref u1, bo + t), yr1 = Unsafe.Add(ref u0, bo1 + t), yi1 = Unsafe.Add(ref u1, bo1 + t);
                    pr0 = Fma(xr, yr0, pr0); qr0 = Fma(xi, yi0, qr0); pi0 = Fma(xi, yr0, pi0); ni0 = Fma(xr, yi0, ni0);
                    pr1 = Fma(xr, yr1, pr1); qr1 = Fma(xi, yi1, qr1); pi1 = Fma(xi, yr1, pi1); ni1 = Fma(xr, yi1, ni1);
                }
                // re(x·conj y) = xr·yr + xi·yi, im = xi·yr − xr·yi
                LegacyAt(outR, a * rows + b) = (pr0 + qr0) * scale; LegacyAt(outI, a * rows + b) = (pi0 - ni0) * scale;
                LegacyAt(outR, a * rows + b + 1) = (pr1 + qr1) * scale; LegacyAt(outI, a * rows + b + 1) = (pi1 - ni1) * scale;
            }
            for (; b <= a; b++)
            {
                int bo = b * cols;
                V pr0 = V.Zero, qr0 = V.Zero, pi0 = V.Zero, ni0 = V.Zero;
                for (int t = 0; t < cols; t++)
                {
                    V xr = Unsafe.Add(ref u0, ao + t), xi = Unsafe.Add(ref u1, ao + t), yr0 = Unsafe.Add(ref u0, bo + t), yi0 = Unsafe.Add(ref u1, bo + t);
                    pr0 = Fma(xr, yr0, pr0); qr0 = Fma(xi, yi0, qr0); pi0 = Fma(xi, yr0, pi0); ni0 = Fma(xr, yi0, ni0);
                }
                LegacyAt(outR, a * rows + b) = (pr0 + qr0) * scale; LegacyAt(outI, a * rows + b) = (pi0 - ni0) * scale;
            }
        }
    }


    // C = L·B with L n×n lower triangular (only the lower triangle is read) and B n×cols, row-major.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void LegacyLowerMultiply(V[] lr, V[] li, int n, V[] br, V[] bi, V[] cr, V[] ci, int cols)
    {
        ref V l0 = ref MemoryMarshal.GetArrayDataReference(lr);
        ref V l1 = ref MemoryMarshal.GetArrayDataReference(li);
        ref V b0 = ref MemoryMarshal.GetArrayDataReference(br);
        ref V b1 = ref MemoryMarshal.GetArrayDataReference(bi);
        for (int i = 0; i < n; i++)
        {
            int ino = i * n;
            int c = 0;
            for (; c + 1 < cols; c += 2)
            {
                V pr0 = V.Zero, nr0 = V.Zero, pi0 = V.Zero, qi0 = V.Zero, pr1 = V.Zero, nr1 = V.Zero, pi1 = V.Zero, qi1 = V.Zero;
                for (int t = 0; t <= i; t++)
                {
                    V xr = Unsafe.Add(ref l0, ino + t), xi = Unsafe.Add(ref l1, ino + t);
                    int tc = t * cols + c;
                    V yr0 = Unsafe.Add(ref b0, tc), yi0 = Unsafe.Add(ref b1, tc), yr1 = Unsafe.Add(ref b0, tc + 1), yi1 = Unsafe.Add(ref b1, tc + 1);
                    pr0 = Fma(xr, yr0, pr0); nr0 = Fma(xi, yi0, nr0); pi0 = Fma(xr, yi0, pi0); qi0 = Fma(xi, yr0, qi0);
                    pr1 = Fma(xr, yr1, pr1); nr1 = Fma(xi, yi1, nr1); pi1 = Fma(xr, yi1, pi1); qi1 = Fma(xi, yr1, qi1);
                }
                LegacyAt(cr, i * cols + c) = pr0 - nr0; LegacyAt(ci, i * cols + c) = pi0 + qi0;
                LegacyAt(cr, i * cols + c + 1) = pr1 - nr1; LegacyAt(ci, i * cols + c + 1) = pi1 + qi1;
            }
            for (; c < cols; c++)
            {
                V pr0 = V.Zero, nr0 = V.Zero, pi0 = V.Zero, qi0 = V.Zero;
                for (int t = 0; t <= i; t++)
                {
                    V xr = Unsafe.Add(ref l0, ino + t), xi = Unsafe.Add(ref l1, ino + t);
                    int tc = t * cols + c;
                    V yr0 = Unsafe.Add(ref b0, tc), yi0 = Unsafe.Add(ref b1, tc);
                    pr0 = Fma(xr, yr0, pr0); nr0 = Fma(xi, yi0, nr0); pi0 = Fma(xr, yi0, pi0); qi0 = Fma(xi, yr0, qi0);
                }
                LegacyAt(cr, i * cols + c) = pr0 - nr0; LegacyAt(ci, i * cols + c) = pi0 + qi0;
            }
        }
    }

    // Back substitution Lᴴ·X = B in place on B (n×cols, row-major), L n×n lower triangular with a real positive diagonal
    // (only the lower triangle is read): x_i = (b_i − Σ_(t>i) conj(L_ti)·x_t)/L_ii for i = n − 1, …, 0.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void LegacyBackwardSolveAdjoint(V[] lr, V[] li, int n, V[] br, V[] bi, int cols)
    {
        ref V l0 = ref MemoryMarshal.GetArrayDataReference(lr);
        ref V l1 = ref MemoryMarshal.GetArrayDataReference(li);
        ref V b0 = ref MemoryMarshal.GetArrayDataReference(br);
        ref V b1 = ref MemoryMarshal.GetArrayDataReference(bi);
        for (int i = n - 1; i >= 0; i--)
        {
            V inv = V.One / Unsafe.Add(ref l0, i * n + i);
            int ic = i * cols;
            int c = 0;
            for (; c + 1 < cols; c += 2)
            {
                V pr0 = V.Zero, qr0 = V.Zero, pi0 = V.Zero, ni0 = V.Zero, pr1 = V.Zero, qr1 = V.Zero, pi1 = V.Zero, ni1 = V.Zero;
                for (int t = i + 1; t < n; t++)
                {
                    V xr = Unsafe.Add(ref l0, t * n + i), xi = Unsafe.Add(ref l1, t * n + i);
                    int tc = t * cols + c;
                    V yr0 = Unsafe.Add(ref b0, tc), yi0 = Unsafe.Add(ref b1, tc), yr1 = Unsafe.Add(ref b0, tc + 1), yi1 = Unsafe.Add(ref b1, tc + 1);
                    // conj(x)·y: re = xr·yr + xi·yi, im = xr·yi − xi·yr
                    pr0 = Fma(xr, yr0, pr0); qr0 = Fma(xi, yi0, qr0); pi0 = Fma(xr, yi0, pi0); ni0 = Fma(xi, yr0, ni0);
                    pr1 = Fma(xr, yr1, pr1); qr1 = Fma(xi, yi1, qr1); pi1 = Fma(xr, yi1, pi1); ni1 = Fma(xi, yr1, ni1);
                }
                ref V r0 = ref Unsafe.Add(ref b0, ic + c);
                ref V q0 = ref Unsafe.Add(ref b1, ic + c);
                r0 = (r0 - (pr0 + qr0)) * inv; q0 = (q0 - (pi0 - ni0)) * inv;
                ref V r1 = ref Unsafe.Add(ref b0, ic + c + 1);
                ref V q1 = ref Unsafe.Add(ref b1, ic + c + 1);
                r1 = (r1 - (pr1 + qr1)) * inv; q1 = (q1 - (pi1 - ni1)) * inv;
            }
            for (; c < cols; c++)
            {
                V pr0 = V.Zero, qr0 = V.Zero, pi0 = V.Zero, ni0 = V.Zero;
                for (int t = i + 1; t < n; t++)
                {
                    V xr = Unsafe.Add(ref l0, t * n + i), xi = Unsafe.Add(ref l1, t * n + i);
                    int tc = t * cols + c;
                    V yr0 = Unsafe.Add(ref b0, tc), yi0 = Unsafe.Add(ref b1, tc);
                    pr0 = Fma(xr, yr0, pr0); qr0 = Fma(xi, yi0, qr0); pi0 = Fma(xr, yi0, pi0); ni0 = Fma(xi, yr0, ni0);
                }
                ref V r0 = ref Unsafe.Add(ref b0, ic + c);
                ref V q0 = ref Unsafe.Add(ref b1, ic + c);
                r0 = (r0 - (pr0 + qr0)) * inv; q0 = (q0 - (pi0 - ni0)) * inv;
            }
        }
    }
    // In-place Cholesky of the lower triangle of (ar, ai) (n×n), with `shift` added to the diagonal first.
    // If `logDet` is not empty, accumulates per lane Σ log1p(pivot − shift) (the I + X form of HermitianMatrix.CholeskyIdentityPlus).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void LegacyCholeskyLower(V[] ar, V[] ai, int n, V shift, Span<double> logDet)
    {
        V logSum = V.Zero;
        ref V r0 = ref MemoryMarshal.GetArrayDataReference(ar);
        ref V i0 = ref MemoryMarshal.GetArrayDataReference(ai);
        for (int j = 0; j < n; j++)
        {
            int jn = j * n;
            V acc = V.Zero, acc2 = V.Zero;
            for (int k = 0; k < j; k++)
            {
                V x = Unsafe.Add(ref r0, jn + k), y = Unsafe.Add(ref i0, jn + k);
                acc = Fma(x, x, acc); acc2 = Fma(y, y, acc2);
            }
            V delta = Unsafe.Add(ref r0, jn + j) - (acc + acc2);
            V d = delta + shift;
            if (!logDet.IsEmpty) logSum += Log1P(delta);
            V ljj = Vector256.Sqrt(d), inv = V.One / ljj;
            Unsafe.Add(ref r0, jn + j) = ljj; Unsafe.Add(ref i0, jn + j) = V.Zero;
            for (int i = j + 1; i < n; i++)
            {
                int ino = i * n;
                // s = A_ij − Σ_k L_ik·conj(L_jk)
                V pr = V.Zero, pr2 = V.Zero, pi = V.Zero, ni = V.Zero;
                for (int k = 0; k < j; k++)
                {
                    V xr = Unsafe.Add(ref r0, ino + k), xi = Unsafe.Add(ref i0, ino + k);
                    V yr = Unsafe.Add(ref r0, jn + k), yi = Unsafe.Add(ref i0, jn + k);
                    pr = Fma(xr, yr, pr); pr2 = Fma(xi, yi, pr2);   // re(x·conj y) = xr·yr + xi·yi
                    pi = Fma(xi, yr, pi); ni = Fma(xr, yi, ni);     // im(x·conj y) = xi·yr − xr·yi
                }
                Unsafe.Add(ref r0, ino + j) = (Unsafe.Add(ref r0, ino + j) - (pr + pr2)) * inv;
                Unsafe.Add(ref i0, ino + j) = (Unsafe.Add(ref i0, ino + j) - (pi - ni)) * inv;
            }
        }
        if (!logDet.IsEmpty)
            for (int lane = 0; lane < BatchedKgrWorkspace.Lanes; lane++) logDet[lane] += logSum.GetElement(lane);
    }


}

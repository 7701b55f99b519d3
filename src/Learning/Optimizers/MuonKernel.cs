using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PhyToolkit.Learning.Optimizers;

/// <summary>The Muon update of one matrix parameter (KellerJordan/Muon <c>muon_update</c>, lerp momentum form).</summary>
internal static class MuonKernel
{
    /// <summary>sqrt(max(1, rows/cols)) of the (shape[0], −1) view.</summary>
    public static double ShapeScale(long[] shape)
    {
        var (rows, cols) = MatrixShape(shape);
        return Math.Sqrt(Math.Max(1.0, (double)rows / cols));
    }

    /// <summary>(shape[0], product of the other dimensions): the (out, −1) flattening of conv kernels.</summary>
    public static (long Rows, long Cols) MatrixShape(long[] shape)
    {
        long cols = 1;
        for (int i = 1; i < shape.Length; i++) cols *= shape[i];
        return (shape[0], cols);
    }

    /// <summary>
    /// B ← βB + (1−β)G (in place), then writes U = nesterov ? (1−β)G + βB : B, viewed as (out, −1), into
    /// <c>ws.Y</c> in the wide orientation (no temporary of the matrix's size).
    /// </summary>
    public static void LoadDirection(Tensor grad, Tensor buffer, double beta, bool nesterov, NewtonSchulzWorkspace ws, TensorQuantizer? q = null)
    {
        // Scalars held by `using` (never implicit double → Scalar temporaries): see AdamKernel.Step.
        using Scalar sb = beta, sa = 1 - beta;
        buffer.mul_(sb).add_(grad, alpha: sa);
        q?.Apply(buffer, q.Spec.FirstMoment);                                                  // M = Q_M(βM + (1−β)G)
        using var b2 = buffer.reshape(ws.Rows, ws.Cols);                                     // a view unless the buffer is non-contiguous
        if (nesterov)
        {
            using var g2 = grad.reshape(ws.Rows, ws.Cols);
            ws.Y.copy_(ws.Wide(g2)).mul_(sa).add_(ws.Wide(b2), alpha: sb);
        }
        else
        {
            ws.Y.copy_(ws.Wide(b2));
        }
    }

    /// <summary>
    /// W ← W(1 − decay) − step·O with O the workspace's NS result (in W's (out, −1) orientation); returns ‖ΔW‖_F.
    /// </summary>
    /// <remarks>‖O‖_F costs one O(mn) reduction; with decay ≠ 0 the exact ‖decay·W + step·O‖_F needs one temporary.</remarks>
    public static double Apply(Tensor param, NewtonSchulzWorkspace ws, double decay, double step)
    {
        // A contiguous parameter is updated through its (out, −1) view; any other layout (e.g. channels-last kernels)
        // receives O reshaped to its own shape (one copy).
        bool flat = param.is_contiguous();
        using var target = flat ? param.view(ws.Rows, ws.Cols) : param.alias();
        using var o = flat ? ws.Output().alias() : ws.Output().reshape(param.shape);
        double updateNorm;
        using Scalar sStep = step, sDecay = decay, sKeep = 1 - decay, sMinusStep = -step;   // held explicitly: see AdamKernel.Step
        if (decay != 0)
        {
            using var delta = o.mul(sStep).add_(target, alpha: sDecay);
            using var n = TensorValues.Norm(delta);
            updateNorm = TensorValues.ToDouble(n);
            param.mul_(sKeep);
        }
        else
        {
            using var n = TensorValues.Norm(ws.Y);
            updateNorm = Math.Abs(step) * TensorValues.ToDouble(n);
        }
        target.add_(o, alpha: sMinusStep);
        return updateNorm;
    }

    /// <summary>One Muon step: W ← W(1 − lr·λ) − lr·sqrt(max(1, m/n))·NS5(U).</summary>
    public static void Step(Tensor param, Tensor grad, ParameterState st, MuonOptions o, NewtonSchulzWorkspace ws, TensorQuantizer? q = null)
    {
        st.Step++;
        double lr = o.LearningRate!.Value, wd = o.WeightDecay!.Value, beta = o.Momentum!.Value;
        if (q is not null) grad = q.Copy(grad, q.Spec.Gradient);                               // G = Q_G(∇f)
        LoadDirection(grad, st.Momentum!, beta, o.Nesterov!.Value, ws, q);
        NewtonSchulz.Iterate(ws, o.NsSteps!.Value);
        st.LastUpdateNorm = Apply(param, ws, lr * wd, lr * ShapeScale(param.shape));
        st.UpdateNormHistory?.Add(st.LastUpdateNorm);
        q?.Apply(param, q.Spec.Weight);                                                        // W = Q_W(W − η O)
    }
}

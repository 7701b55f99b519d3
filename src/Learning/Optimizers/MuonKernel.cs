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
        long rows = shape[0];
        long cols = 1;
        for (int i = 1; i < shape.Length; i++) cols *= shape[i];
        return Math.Sqrt(Math.Max(1.0, (double)rows / cols));
    }

    /// <summary>U = nesterov ? (1−β)G + βB : B, after B ← βB + (1−β)G (B updated in place).</summary>
    public static Tensor Direction(Tensor grad, Tensor buffer, double beta, bool nesterov)
    {
        using Scalar sb = beta, sa = 1 - beta;   // held explicitly: see AdamKernel.Step
        buffer.mul_(sb).add_(grad, alpha: sa);
        return nesterov ? grad.mul(sa).add_(buffer, alpha: sb) : buffer;
    }

    /// <summary>NS5 of U viewed as (shape[0], −1), reshaped back to U's shape.</summary>
    public static Tensor Orthogonalized(Tensor u, int nsSteps)
    {
        var shape = u.shape;
        var mat = u.dim() == 2 ? u : u.reshape(shape[0], -1);
        return NewtonSchulz.Orthogonalize(mat, nsSteps).reshape(shape);
    }

    /// <summary>One Muon step: W ← W(1 − lr·λ) − lr·sqrt(max(1, m/n))·NS5(U).</summary>
    public static void Step(Tensor param, Tensor grad, ParameterState st, MuonOptions o, TensorQuantizer? q = null)
    {
        st.Step++;
        double lr = o.LearningRate!.Value, wd = o.WeightDecay!.Value, beta = o.Momentum!.Value;
        if (q is not null) grad = q.Copy(grad, q.Spec.Gradient);                               // G = Q_G(∇f)
        using Scalar sb = beta, sa = 1 - beta, decay = 1 - lr * wd, step = -lr * ShapeScale(param.shape);   // held explicitly: see AdamKernel.Step
        st.Momentum!.mul_(sb).add_(grad, alpha: sa);
        q?.Apply(st.Momentum, q.Spec.FirstMoment);                                             // M = Q_M(βM + (1−β)G)
        var u = o.Nesterov!.Value ? grad.mul(sa).add_(st.Momentum, alpha: sb) : st.Momentum;
        var update = Orthogonalized(u, o.NsSteps!.Value);
        if (wd != 0) param.mul_(decay);
        param.add_(update, alpha: step);
        q?.Apply(param, q.Spec.Weight);                                                        // W = Q_W(W − η O)
    }
}

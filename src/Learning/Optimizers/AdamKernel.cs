using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PhyToolkit.Learning.Optimizers;

/// <summary>The Adam/AdamW update, written with the same operation order as TorchSharp's Adam so trajectories agree.</summary>
internal static class AdamKernel
{
    public static void InitState(ParameterState st, Parameter p)
    {
        st.ExpAvg = torch.zeros_like(p).DetachFromDisposeScope();
        st.ExpAvgSq = torch.zeros_like(p).DetachFromDisposeScope();
    }

    /// <summary>One step on one parameter; must run under no_grad inside a dispose scope.</summary>
    public static void Step(Tensor param, Tensor grad, ParameterState st, AdamOptions o, TensorQuantizer? q = null)
    {
        if (q is not null) grad = q.Copy(grad, q.Spec.Gradient);                               // g = Q_G(∇f)
        double lr = o.LearningRate!.Value, b1 = o.Beta1!.Value, b2 = o.Beta2!.Value, eps = o.Eps!.Value, wd = o.WeightDecay!.Value;
        st.Step++;
        if (wd != 0) param.mul_(1 - lr * wd);
        double bc1 = 1 - Math.Pow(b1, st.Step);
        double bc2 = 1 - Math.Pow(b2, st.Step);
        st.ExpAvg!.mul_(b1).add_(grad, alpha: 1 - b1);
        q?.Apply(st.ExpAvg, q.Spec.FirstMoment);                                               // m = Q_M(β1 m + (1−β1) g)
        st.ExpAvgSq!.mul_(b2).addcmul_(grad, grad, value: 1 - b2);
        q?.Apply(st.ExpAvgSq, q.Spec.SecondMoment);                                            // v = Q_V(β2 v + (1−β2) g²)
        var denom = (st.ExpAvgSq.sqrt() / Math.Sqrt(bc2)).add_(eps);
        param.addcdiv_(st.ExpAvg, denom, value: -lr / bc1);
        q?.Apply(param, q.Spec.Weight);                                                        // W = Q_W(W − η u)
    }
}

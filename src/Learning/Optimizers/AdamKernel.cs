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
        double bc1 = 1 - Math.Pow(b1, st.Step);
        double bc2 = 1 - Math.Pow(b2, st.Step);
        // Explicit scalars held by `using`, and every alpha passed explicitly: an implicit double → Scalar temporary (including
        // TorchSharp's own default alpha = 1 of add_(Scalar)) can be finalised by the GC while the native call still reads it
        // ("Unknown scalar type" / "Expected false to be true" under GC pressure with TorchSharp 0.107).
        using Scalar decay = 1 - lr * wd, sb1 = b1, sa1 = 1 - b1, sb2 = b2, sa2 = 1 - b2, sqrtBc2 = Math.Sqrt(bc2), sEps = eps, step = -lr / bc1, one = 1;
        if (wd != 0) param.mul_(decay);
        st.ExpAvg!.mul_(sb1).add_(grad, alpha: sa1);
        q?.Apply(st.ExpAvg, q.Spec.FirstMoment);                                               // m = Q_M(β1 m + (1−β1) g)
        st.ExpAvgSq!.mul_(sb2).addcmul_(grad, grad, value: sa2);
        q?.Apply(st.ExpAvgSq, q.Spec.SecondMoment);                                            // v = Q_V(β2 v + (1−β2) g²)
        var denom = st.ExpAvgSq.sqrt().div_(sqrtBc2).add_(sEps, one);
        param.addcdiv_(st.ExpAvg, denom, value: step);
        q?.Apply(param, q.Spec.Weight);                                                        // W = Q_W(W − η u)
    }
}

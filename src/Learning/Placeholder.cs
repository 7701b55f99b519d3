namespace PhyToolkit.Learning;
/// <summary>x</summary>
public static class Probe { /// <summary>x</summary>
 public static float Run() { var t = TorchSharp.torch.randn(3, 3, requires_grad: true); var y = (t * t).sum(); y.backward(); return t.grad!.sum().item<float>(); } }

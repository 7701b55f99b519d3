using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PhyToolkit.Learning.Optimizers;

/// <summary>Per-parameter state shared by the optimisers of this namespace (unused tensors stay null).</summary>
internal sealed class ParameterState : OptimizerState, IDisposable
{
    public ParameterState(Parameter parameter) : base(parameter) { }

    /// <summary>No-op: the owning optimiser creates the tensors it needs when the parameter is registered.</summary>
    public override void Initialize(OptimizerOptions options) { }

    /// <summary>Number of steps taken on this parameter.</summary>
    public long Step;

    /// <summary>Adam first moment m.</summary>
    public Tensor? ExpAvg;

    /// <summary>Adam second moment v.</summary>
    public Tensor? ExpAvgSq;

    /// <summary>Muon/AdaGO momentum buffer.</summary>
    public Tensor? Momentum;

    /// <summary>AdaGO accumulator v² (scalar per matrix).</summary>
    public double Accumulator;

    /// <summary>AdaGO step size α of the last step (0 before the first step).</summary>
    public double LastStepSize;

    /// <summary>Muon/AdaGO ‖ΔW‖_F of the last step (0 before the first step; diagnostic, not saved in state dicts).</summary>
    public double LastUpdateNorm;

    /// <summary>Per-step α_t (AdaGO) when history recording is on, else null (diagnostic, not saved).</summary>
    public List<double>? StepSizeHistory;

    /// <summary>Per-step ‖ΔW_t‖_F (Muon/AdaGO) when history recording is on, else null (diagnostic, not saved).</summary>
    public List<double>? UpdateNormHistory;

    public void Dispose()
    {
        ExpAvg?.Dispose();
        ExpAvgSq?.Dispose();
        Momentum?.Dispose();
        ExpAvg = ExpAvgSq = Momentum = null;
    }

    public override void to(Device device)
    {
        ExpAvg = Move(ExpAvg, device);
        ExpAvgSq = Move(ExpAvgSq, device);
        Momentum = Move(Momentum, device);
    }

    private static Tensor? Move(Tensor? t, Device device)
    {
        if (t is null) return null;
        var moved = t.to(device);
        if (!ReferenceEquals(moved, t)) t.Dispose();
        return moved;
    }

    public override void SaveStateDict(BinaryWriter writer)
    {
        writer.Write(Step);
        writer.Write(Accumulator);
        writer.Write(LastStepSize);
        SaveConditionalStateTensor(writer, ExpAvg);
        SaveConditionalStateTensor(writer, ExpAvgSq);
        SaveConditionalStateTensor(writer, Momentum);
    }

    public override void LoadStateDict(BinaryReader reader)
    {
        Step = reader.ReadInt64();
        Accumulator = reader.ReadDouble();
        LastStepSize = reader.ReadDouble();
        var device = _parameter.device;
        LoadInto(reader, ref ExpAvg, device);
        LoadInto(reader, ref ExpAvgSq, device);
        LoadInto(reader, ref Momentum, device);
    }

    private static void LoadInto(BinaryReader reader, ref Tensor? t, Device device)
    {
        Tensor r = t!;
        LoadConditionalStateTensor(reader, ref r, device);
        t = r;
    }

    public override void LoadStateDict(OptimizerState source)
    {
        if (source is not ParameterState s) throw new ArgumentException("State belongs to a different optimiser type.", nameof(source));
        Step = s.Step;
        Accumulator = s.Accumulator;
        LastStepSize = s.LastStepSize;
        ExpAvg = Copy(ExpAvg, s.ExpAvg);
        ExpAvgSq = Copy(ExpAvgSq, s.ExpAvgSq);
        Momentum = Copy(Momentum, s.Momentum);
    }

    private static Tensor? Copy(Tensor? mine, Tensor? theirs)
    {
        mine?.Dispose();
        return theirs?.detach().clone();
    }

    public override bool ApproximatelyEquals(OptimizerState other) =>
        other is ParameterState s && s.Step == Step && s.Accumulator == Accumulator
        && Close(ExpAvg, s.ExpAvg) && Close(ExpAvgSq, s.ExpAvgSq) && Close(Momentum, s.Momentum);

    private static bool Close(Tensor? a, Tensor? b) => a is null ? b is null : b is not null && a.allclose(b);
}

namespace PhyToolkit.Learning.Tests;
public class ProbeTests { [Fact] public void Runs() => Assert.Equal(0f, PhyToolkit.Learning.Probe.Run(), 0.0f == 0 ? 100f : 0f); }

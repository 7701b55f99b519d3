using CsCheck;
using PhyToolkit.Antennas;

namespace PhyToolkit.Antennas.Tests;

public class PortGridTests
{
    [Fact]
    public void PortsSpanTheRegion()
    {
        var grid = new PortGrid(10, 10, 3.0, [0, 99]);
        Assert.Equal(100, grid.PortCount);
        Assert.Equal(new Position(0, 0), grid.GetPortPosition(0));
        Assert.Equal(new Position(3, 3), grid.GetPortPosition(99));
        Assert.Equal(1.0 / 3, grid.GetPortPosition(1).X, 15);
        Assert.Equal(new Position(1.0 / 3 * 2, 1.0 / 3), grid.GetPortPosition(12));
        Assert.Equal(2, grid.ElementCount);
        Assert.Equal(new double[] { 0, 0, 3, 3 }, grid.Positions.ToArray());
    }

    [Fact]
    public void SelectingMoreThanNPortsThrows()
    {
        var ex = Assert.Throws<ArgumentException>(() => new PortGrid(2, 2, 1.0, [0, 1, 2, 3, 0]));
        Assert.Equal("ports", ex.ParamName);
        Assert.Contains("N = 4", ex.Message);
    }

    [Fact]
    public void SelectionRulesAreEnforced()
    {
        var grid = new PortGrid(10, 10, 3.0, [0], minSpacingWavelengths: 0.5);
        Assert.Throws<ArgumentException>(() => grid.SelectPorts([3, 3]));       // duplicate
        Assert.Throws<ArgumentException>(() => grid.SelectPorts([0, 100]));     // out of range
        Assert.Throws<ArgumentException>(() => grid.SelectPorts([0, 1]));       // 1/3 λ < D
        Assert.Throws<ArgumentException>(() => grid.SelectPorts([]));
        grid.SelectPorts([0, 2, 20]);
        Assert.Equal(new[] { 0, 2, 20 }, grid.ActivePorts.ToArray());
    }

    [Fact]
    public void SnapToFreePortsGivesDistinctSpacedPorts()
    {
        var grid = new PortGrid(10, 10, 3.0, [0], minSpacingWavelengths: 0.5);
        double[] p = [1.0, 1.0, 1.01, 1.0, 1.02, 1.0, 2.9, 2.9];
        var ports = new int[4];
        Assert.True(grid.TrySnapToFreePorts(p, ports));
        Assert.Equal(ports.Length, ports.Distinct().Count());
        Assert.True(new PlanarRegion(3.0, 0.5).IsFeasible(p));
        Assert.Equal(grid.NearestPort(1.0, 1.0), ports[0]);
        Assert.Equal(99, ports[3]);
        grid.SelectPorts(ports); // the snapped layout is a valid selection
        Assert.Equal(p, grid.Positions.ToArray());
    }

    [Fact]
    public void SnapReportsFailureWhenPortsRunOut()
    {
        var grid = new PortGrid(2, 1, 1.0, [0], minSpacingWavelengths: 0.5);
        double[] p = [0, 0, 0, 0];
        Assert.True(grid.TrySnapToFreePorts(p, new int[2]));
        var grid3 = new PortGrid(3, 1, 0.5, [0], minSpacingWavelengths: 0.5);
        double[] q = [0, 0, 0.25, 0, 0.5, 0];
        Assert.False(grid3.TrySnapToFreePorts(q, new int[3]));
    }
}

public class PortGridPropertyTests
{
    [Fact]
    public void SnappedPortsAreDistinctInRangeAndSpaced()
    {
        // Property (STYLE §5 "port selection staying within bounds"): on success every port index is in [0, N), all are
        // distinct, the positions equal the port coordinates and the spacing rule holds; the result is a valid selection.
        var gen = from m in Gen.Int[1, 12]
                  from spacing in Gen.Double[0.0, 0.6]
                  from p in Gen.Double[-1.0, 4.0].Array[2 * m]
                  select (m, spacing, p);
        gen.Sample(t =>
        {
            var (m, spacing, start) = t;
            var grid = new PortGrid(10, 10, 3.0, [0], spacing);
            var p = (double[])start.Clone();
            var ports = new int[m];
            if (!grid.TrySnapToFreePorts(p, ports)) return;
            Assert.All(ports, q => Assert.InRange(q, 0, grid.PortCount - 1));
            Assert.Equal(m, ports.Distinct().Count());
            for (int k = 0; k < m; k++) Assert.Equal(grid.GetPortPosition(ports[k]), new Position(p[2 * k], p[2 * k + 1]));
            grid.SelectPorts(ports); // throws if the spacing rule or distinctness were violated
        }, iter: 300, threads: 1);
    }
}

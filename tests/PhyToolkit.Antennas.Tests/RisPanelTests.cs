using PhyToolkit.Antennas;

namespace PhyToolkit.Antennas.Tests;

public class RisPanelTests
{
    [Fact]
    public void FourByFourPanelIsCentredAtHalfWavelengthPitch()
    {
        var ris = new RisPanel(4, 4);
        Assert.Equal(16, ris.ElementCount);
        Assert.Equal(new Position(-0.75, -0.75), ris.GetPosition(0));
        Assert.Equal(new Position(0.75, 0.75), ris.GetPosition(15));
        Assert.Equal(new Position(-0.25, -0.75), ris.GetPosition(1));
        double sx = 0;
        for (int k = 0; k < 16; k++) sx += ris.GetPosition(k).X;
        Assert.Equal(0, sx, 14);
    }

    [Fact]
    public void BadArgumentsThrow() =>
        Assert.Equal("spacingWavelengths", Assert.Throws<ArgumentOutOfRangeException>(() => new RisPanel(2, 2, -0.5)).ParamName);
}

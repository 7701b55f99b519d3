namespace PhyToolkit.Channels.PathLoss;

/// <summary>Large-scale path loss: the mean power gain beta(d) (linear, &lt;= 1 typically) at a distance in metres.</summary>
public interface IPathLoss
{
    /// <summary>Path loss in dB at <paramref name="distanceMeters"/> (&gt; 0).</summary>
    double LossDb(double distanceMeters);

    /// <summary>Mean power gain 10^(-LossDb/10) at <paramref name="distanceMeters"/>.</summary>
    double GainLinear(double distanceMeters);
}

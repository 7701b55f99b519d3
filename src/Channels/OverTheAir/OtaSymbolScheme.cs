namespace PhyToolkit.Channels.OverTheAir;

/// <summary>Symbol mapping used by the workers in an analog transmission.</summary>
public enum OtaSymbolScheme
{
    /// <summary>Pre-coder P1: binary stochastic symbols +-A (unbiased).</summary>
    BinaryStochastic,

    /// <summary>Naive amplitude x = DAC(A v) (biased baseline).</summary>
    NaiveAmplitude,
}

namespace PhyToolkit.Channels.OverTheAir;

/// <summary>
/// One ledger record: <paramref name="Symbols"/> real symbols sent by <paramref name="Link"/> in <paramref name="Round"/>
/// with total energy <paramref name="Energy"/> (sum of squared transmitted amplitudes). Link
/// <see cref="ChannelUseLedger.BroadcastLink"/> is the server's broadcast transmitter.
/// </summary>
/// <param name="Round">Round index (&gt;= 0).</param>
/// <param name="Direction">Uplink or downlink.</param>
/// <param name="Link">Worker index, or <see cref="ChannelUseLedger.BroadcastLink"/>.</param>
/// <param name="Kind">Payload or side information.</param>
/// <param name="Symbols">Real symbols transmitted.</param>
/// <param name="Energy">Sum of x^2 over those symbols (amplitude units squared); 0 when not modelled (digital).</param>
public readonly record struct ChannelUseEntry(int Round, LinkDirection Direction, int Link, ChannelUseKind Kind, long Symbols, double Energy);

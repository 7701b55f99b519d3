using PhyToolkit.Channels.LinkAdaptation;
using PhyToolkit.Core.Random;

namespace PhyToolkit.Channels.OverTheAir;

/// <summary>
/// Downlink broadcast of a vector (the model difference, docs/ota-fl.md, [Proposed]): the scale
/// <c>c = ||Delta||_inf</c> goes digitally, the pre-coded symbols are common to all receivers, each receiver m sees
/// <c>Q_m(h_m x + z_m)</c> and decodes its own independent-noise copy; with P1 every copy is exactly unbiased.
/// <para>Adaptive digital mode (<see cref="DownlinkOptions.AdaptiveDigital"/>): the caller quantises Δ with
/// <see cref="QuantizeForBroadcast"/> and applies the quantised Δ to the server model; <see cref="Broadcast"/> sends it as one
/// packet of d b + header bits at the MCS chosen for the weakest served receiver's SNR (instantaneous or mean), repeated (ARQ)
/// while some served receiver has not decoded it, up to the retransmission limit; every transmission is charged to the
/// broadcast link. With instantaneous CSI a receiver below every MCS threshold is not served (outage).
/// A receiver that decoded gets Δ exactly; one that did not gets 0 for this round (its copy lags until a resync).</para>
/// </summary>
public sealed class DownlinkBroadcaster
{
    private readonly IAnalogCoder _coder;
    private readonly DigitalCoder _digital;
    private readonly LinkHardware _tx;
    private IQuantizer[] _adc = Array.Empty<IQuantizer>();
    private double[] _post = Array.Empty<double>();
    private double[] _acc = Array.Empty<double>();
    private readonly double[]? _meanGains;
    private readonly StochasticVectorQuantizer? _quantizer;
    private AdaptivePacketLink? _link;
    private double[] _bler = Array.Empty<double>();
    private bool[] _decoded = Array.Empty<bool>();
    private bool[] _outage = Array.Empty<bool>();

    /// <summary>Creates the broadcaster (options validated; errors name the option).</summary>
    /// <param name="options">Configuration.</param>
    /// <param name="meanGains">Mean power gains β_m per receiver (&gt; 0); required for the adaptive digital mode with
    /// <see cref="CsiKind.Mean"/>, ignored otherwise.</param>
    public DownlinkBroadcaster(DownlinkOptions options, double[]? meanGains = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        LinkOptionChecks.Common(options.Scheme, options.Repetitions, options.SymbolAmplitude, options.NoiseStd, options.AdcBits, options.DacBits);
        if (!(options.DigitalCodeRate > 0 && options.DigitalCodeRate <= 1)) throw new ArgumentOutOfRangeException("options.DigitalCodeRate", options.DigitalCodeRate, "DigitalCodeRate must be in (0, 1]");
        if (options.Digital && options.AdaptiveDigital is { } ad)
        {
            (_quantizer, Packets, _meanGains) = LinkOptionChecks.AdaptiveDigital(ad, meanGains);
        }
        Options = options;
        _digital = new DigitalCoder(options.DigitalCodeRate);
        _coder = options.Scheme == OtaSymbolScheme.BinaryStochastic ? new BinaryStochasticCoder(options.Repetitions) : new NaiveAmplitudeCoder(options.Repetitions);
        IQuantizer dac = options.DacBits is int b ? new UniformQuantizer(b, options.SymbolAmplitude) : IdealQuantizer.Instance;
        _tx = new LinkHardware(options.SymbolAmplitude, options.NoiseStd, dac, null);
    }

    /// <summary>The configuration.</summary>
    public DownlinkOptions Options { get; }

    /// <summary>True in the adaptive digital mode (<see cref="DownlinkOptions.Digital"/> with <see cref="DownlinkOptions.AdaptiveDigital"/>).</summary>
    public bool IsAdaptiveDigital => _quantizer != null;

    /// <summary>Cumulative packet counters of the adaptive digital mode (a packet is "lost" when some receiver missed it); null otherwise.</summary>
    public PacketStatistics? Packets { get; }

    /// <summary>Receiver-rounds in which a receiver missed the adaptive digital broadcast after the last retransmission.</summary>
    public long MissedReceptions { get; private set; }

    /// <summary>The packet link of the adaptive digital mode for vectors of dimension <paramref name="dimension"/>.</summary>
    public AdaptivePacketLink AdaptiveLink(int dimension)
    {
        if (_quantizer == null) throw new InvalidOperationException("the downlink is not in the adaptive digital mode");
        if (_link == null || _link.PacketBits != _quantizer.PacketBits(dimension)) _link = Options.AdaptiveDigital!.CreateLink(dimension);
        return _link;
    }

    /// <summary>
    /// Adaptive digital mode: replaces <paramref name="delta"/> by its b-bit stochastic quantisation (unbiased), which the
    /// server applies to its own model and then broadcasts; returns the scale.
    /// </summary>
    public double QuantizeForBroadcast(Span<double> delta, ref Xoshiro256StarStar rng)
    {
        if (_quantizer == null) throw new InvalidOperationException("the downlink is not in the adaptive digital mode");
        return _quantizer.Quantize(delta, ref rng, delta);
    }

    /// <summary>Payload channel uses per coordinate (k or 32/r).</summary>
    public int SymbolsPerCoordinate => Options.Digital ? _digital.SymbolsPerCoordinate : Options.Repetitions;

    /// <summary>The receiver hardware of a link with amplitude gain <paramref name="gain"/> (ADC full scale h a).</summary>
    public LinkHardware ReceiverHardware(double gain)
    {
        double level = Options.Scheme == OtaSymbolScheme.BinaryStochastic ? BinaryStochasticCoder.SymbolLevel(_tx) : Options.SymbolAmplitude;
        IQuantizer adc = Options.AdcBits is int b ? new UniformQuantizer(b, Guard.Positive(gain, "gain") * level) : IdealQuantizer.Instance;
        return new LinkHardware(Options.SymbolAmplitude, Options.NoiseStd, _tx.Dac, adc);
    }

    /// <summary>Per-coordinate variance of receiver m's copy for normalised coordinate v (known to the server).</summary>
    public double Variance(double v, double gain) =>
        Options.Digital ? 0 : _coder.Variance(v, gain, ReceiverHardware(gain));

    /// <summary>Broadcasts <paramref name="delta"/>; writes each receiver's estimate (row-major receivers x d).</summary>
    /// <returns>The scale c sent digitally (0 for digital mode or an all-zero vector).</returns>
    public double Broadcast(ReadOnlySpan<double> delta, ReadOnlySpan<double> gains, int round,
        ref Xoshiro256StarStar symbolRng, ref Xoshiro256StarStar noiseRng, Span<double> received, ChannelUseLedger? ledger = null)
    {
        int d = delta.Length, R = gains.Length;
        if (R < 1) throw new ArgumentException("gains must hold at least one receiver", nameof(gains));
        if (received.Length != R * d) throw new ArgumentException($"received must have length receivers x d = {R * d}", nameof(received));
        if (round < 0) throw new ArgumentOutOfRangeException(nameof(round), round, "round must be >= 0");
        double A = Options.SymbolAmplitude, side = _digital.SymbolsPerCoordinate;
        double c = 0;
        for (int i = 0; i < d; i++)
        {
            if (!double.IsFinite(delta[i])) throw new ArgumentException($"delta[{i}] is not finite", nameof(delta));
            c = Math.Max(c, Math.Abs(delta[i]));
        }
        if (_quantizer != null) return BroadcastAdaptive(delta, gains, round, ref noiseRng, received, ledger, c);
        if (Options.Digital)
        {
            for (int m = 0; m < R; m++)
                for (int i = 0; i < d; i++) received[m * d + i] = DigitalCoder.Decode(delta[i]);
            long payload = (long)d * _digital.SymbolsPerCoordinate;
            ledger?.RecordSymbols(round, LinkDirection.Downlink, ChannelUseLedger.BroadcastLink, ChannelUseKind.Payload, payload, payload * A * A);
            ledger?.RecordAirtime(round, LinkDirection.Downlink, payload);
            return 0;
        }
        ledger?.RecordSymbols(round, LinkDirection.Downlink, ChannelUseLedger.BroadcastLink, ChannelUseKind.SideInformation, (long)side, side * A * A);
        ledger?.RecordAirtime(round, LinkDirection.Downlink, (long)side);
        if (c == 0) { received.Clear(); return 0; }

        if (_adc.Length < R) { _adc = new IQuantizer[R]; _post = new double[R]; _acc = new double[R]; }
        for (int m = 0; m < R; m++)
        {
            var hw = ReceiverHardware(gains[m]);
            _adc[m] = hw.Adc;
            _post[m] = _coder.PostcodeGain(gains[m], hw);
        }
        int k = Options.Repetitions;
        double energy = 0, sigma = Options.NoiseStd;
        bool p1 = Options.Scheme == OtaSymbolScheme.BinaryStochastic;
        double level = BinaryStochasticCoder.SymbolLevel(_tx);
        for (int i = 0; i < d; i++)
        {
            for (int m = 0; m < R; m++) _acc[m] = 0;
            double v = delta[i] / c;
            for (int r = 0; r < k; r++)
            {
                // P1 inlined (same draw as BinaryStochasticCoder.Precode)
                double x = p1 ? (symbolRng.NextDouble() < 0.5 * (1 + v) ? level : -level) : _coder.Precode(v, _tx, ref symbolRng);
                energy += x * x;
                for (int m = 0; m < R; m++)
                    _acc[m] += _adc[m].Quantize(gains[m] * x + sigma * noiseRng.NextGaussian(), ref noiseRng);
            }
            for (int m = 0; m < R; m++) received[m * d + i] = c * _post[m] * _acc[m] / k;
        }
        ledger?.RecordSymbols(round, LinkDirection.Downlink, ChannelUseLedger.BroadcastLink, ChannelUseKind.Payload, (long)k * d, energy);
        ledger?.RecordAirtime(round, LinkDirection.Downlink, (long)k * d);
        return c;
    }
    private double BroadcastAdaptive(ReadOnlySpan<double> delta, ReadOnlySpan<double> gains, int round, ref Xoshiro256StarStar noiseRng,
        Span<double> received, ChannelUseLedger? ledger, double scale)
    {
        int d = delta.Length, R = gains.Length;
        var link = AdaptiveLink(d);
        var ad = Options.AdaptiveDigital!;
        double A = Options.SymbolAmplitude, sigma = Options.NoiseStd;
        if (_bler.Length < R) { _bler = new double[R]; _decoded = new bool[R]; _outage = new bool[R]; }
        // the MCS is chosen for the weakest receiver the server serves (by the SNR it knows); errors are drawn per receiver at its
        // realised SNR. With instantaneous CSI receivers below every MCS threshold are in outage: not waited for, they miss Δ.
        double weakest = double.PositiveInfinity;
        int served = 0;
        for (int m = 0; m < R; m++)
        {
            double h = gains[m];
            if (!(h >= 0) || double.IsInfinity(h)) throw new ArgumentOutOfRangeException(nameof(gains), h, "gains must be finite and >= 0");
            double known = ad.Csi == CsiKind.Instantaneous ? UplinkAggregator.SnrOf(h * h, A, sigma) : UplinkAggregator.SnrOf(MeanGainOf(m), A, sigma);
            _decoded[m] = false;
            _outage[m] = ad.Csi == CsiKind.Instantaneous && link.InOutage(known);
            if (_outage[m]) continue;
            served++;
            weakest = Math.Min(weakest, known);
        }
        int missing = served, tx = 0, j = -1;
        long n = 0;
        if (served > 0)
        {
            j = link.Select(weakest);
            n = link.ChannelUses(j);
            for (int m = 0; m < R; m++) _bler[m] = _outage[m] ? 1 : link.BlockErrorRate(j, UplinkAggregator.SnrOf(gains[m] * gains[m], A, sigma));
            while (missing > 0 && tx <= link.MaxRetransmissions)
            {
                tx++;
                for (int m = 0; m < R; m++)
                    if (!_outage[m] && !_decoded[m] && noiseRng.NextDouble() >= _bler[m]) { _decoded[m] = true; missing--; }
            }
        }
        Packets!.Record(served > 0 ? new PacketOutcome(j, tx, missing == 0 && served == R, n) : PacketOutcome.Outage);
        MissedReceptions += missing + (R - served);
        if (ledger != null)
        {
            for (int r = 0; r < tx; r++)
                ledger.RecordSymbols(round, LinkDirection.Downlink, ChannelUseLedger.BroadcastLink, ChannelUseKind.Payload, n, n * A * A);
            ledger.RecordAirtime(round, LinkDirection.Downlink, tx * n);
        }
        for (int m = 0; m < R; m++)
        {
            var row = received.Slice(m * d, d);
            if (_decoded[m]) delta.CopyTo(row); else row.Clear();
        }
        return scale;
    }

    private double MeanGainOf(int receiver)
    {
        var b = _meanGains!;
        if ((uint)receiver >= (uint)b.Length) throw new ArgumentOutOfRangeException(nameof(receiver), receiver, $"receiver index must be in [0, {b.Length - 1}]");
        return b[receiver];
    }
}

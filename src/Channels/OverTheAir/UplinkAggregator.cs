using PhyToolkit.Channels.LinkAdaptation;
using PhyToolkit.Core.Random;

namespace PhyToolkit.Channels.OverTheAir;

/// <summary>
/// Uplink aggregation of the scheduled workers' vectors into an estimate of their mean (docs/ota-fl.md, [Proposed]).
/// <para><b>OtaTruncatedInversion</b>: workers report <c>c_m = ||u_m||_inf</c>, the server broadcasts <c>c = max c_m</c>;
/// worker m sends <c>x_m = f_m(h_m) s_m</c> with P1 (or naive) symbols for <c>v_m = u_m / c</c> in the same k d channel
/// uses; the server receives <c>Q(sum_m h_m x_m + z)</c> through a dithered ADC with <c>R - Delta/2 = S_max + margin sigma</c>,
/// <c>S_max = sum_m rho a / p_m</c>, and forms <c>g_hat = c Q / (a M rho)</c> (mean over k), unbiased for
/// <c>(1/M) sum_m u_m</c> up to the reported overload term. Without inverse-probability weighting it divides by the number
/// of participants |S| instead (biased toward near workers).</para>
/// <para><b>Orthogonal</b>/<b>Digital</b>: each worker uses <see cref="PointToPointLink"/> (ADC full scale set to the
/// noiseless received peak h A by an AGC, our choice); <c>g_hat = (1/M) sum_m u_hat_m</c>.</para>
/// <para><b>AdaptiveDigital</b>: each worker quantises u_m with the b-bit <see cref="StochasticVectorQuantizer"/> and sends
/// one packet of d b + header bits in its own slots through an <see cref="AdaptivePacketLink"/> (MCS from its instantaneous
/// SNR h_m² A²/σ² or its mean SNR β_m A²/σ², errors at the BLER of the realised SNR h_m² A²/σ², ARQ). With instantaneous
/// CSI a worker whose SNR is below every MCS threshold stays silent (outage: nothing charged, update dropped); with mean
/// CSI it attempts the lowest MCS. Every transmission is
/// charged to the worker's link (payload, energy A² per use) and to the airtime. The estimate averages the received updates,
/// <c>g_hat = (1/|R|) sum_{m in R} Q(u_m)</c> over the set R of delivered packets (0 when none arrived): unbiased for the mean
/// over R, hence for (1/M) sum_m u_m only when losses do not depend on the data (with distance-dependent losses and non-IID
/// data it leans toward the near workers, as truncation without 1/p_m does).</para>
/// </summary>
public sealed class UplinkAggregator
{
    private readonly TruncatedChannelInversion? _power;
    private readonly IAnalogCoder? _coder;
    private readonly DigitalCoder _digital;
    private readonly IQuantizer _dac;
    private readonly LinkHardware _symbolHardware;
    private double[] _energy = Array.Empty<double>();
    private double[] _factor = Array.Empty<double>();
    private readonly double[]? _meanGains;
    private readonly StochasticVectorQuantizer? _quantizer;
    private AdaptivePacketLink? _link;
    private double[] _quantised = Array.Empty<double>();

    /// <summary>Creates the aggregator.</summary>
    /// <param name="options">Configuration (validated here; errors name the option).</param>
    /// <param name="powerControl">Required for <see cref="UplinkMode.OtaTruncatedInversion"/>; ignored otherwise.</param>
    /// <param name="meanGains">Mean power gains β_m per device (&gt; 0); required for <see cref="UplinkMode.AdaptiveDigital"/> with
    /// <see cref="CsiKind.Mean"/>, ignored otherwise.</param>
    public UplinkAggregator(UplinkOptions options, TruncatedChannelInversion? powerControl = null, double[]? meanGains = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!Enum.IsDefined(options.Mode)) throw new ArgumentOutOfRangeException("options.Mode", options.Mode, "unknown uplink mode");
        LinkOptionChecks.Common(options.Scheme, options.Repetitions, options.SymbolAmplitude, options.NoiseStd, options.AdcBits, options.DacBits);
        if (!double.IsFinite(options.AdcMarginSigmas) || options.AdcMarginSigmas < 0) throw new ArgumentOutOfRangeException("options.AdcMarginSigmas", options.AdcMarginSigmas, "AdcMarginSigmas must be finite and >= 0");
        if (!(options.DigitalCodeRate > 0 && options.DigitalCodeRate <= 1)) throw new ArgumentOutOfRangeException("options.DigitalCodeRate", options.DigitalCodeRate, "DigitalCodeRate must be in (0, 1]");
        if (options.Mode == UplinkMode.OtaTruncatedInversion)
        {
            _power = powerControl ?? throw new ArgumentNullException(nameof(powerControl), "OtaTruncatedInversion needs a TruncatedChannelInversion power control");
            if (Math.Abs(powerControl.SymbolAmplitude - options.SymbolAmplitude) > 1e-12 * options.SymbolAmplitude)
                throw new ArgumentException("powerControl.SymbolAmplitude must equal options.SymbolAmplitude", nameof(powerControl));
        }
        if (options.Mode == UplinkMode.AdaptiveDigital)
        {
            var ad = options.AdaptiveDigital ?? throw new ArgumentNullException("options.AdaptiveDigital", "UplinkMode.AdaptiveDigital needs AdaptiveDigitalOptions");
            (_quantizer, Packets, _meanGains) = LinkOptionChecks.AdaptiveDigital(ad, meanGains);
        }
        Options = options;
        _digital = new DigitalCoder(options.DigitalCodeRate);
        _coder = options.Scheme == OtaSymbolScheme.BinaryStochastic ? new BinaryStochasticCoder(options.Repetitions) : new NaiveAmplitudeCoder(options.Repetitions);
        _dac = options.DacBits is int b ? new UniformQuantizer(b, options.SymbolAmplitude) : IdealQuantizer.Instance;
        _symbolHardware = new LinkHardware(options.SymbolAmplitude, options.NoiseStd, _dac, null);
    }

    /// <summary>The configuration.</summary>
    public UplinkOptions Options { get; }

    /// <summary>Cumulative packet counters of <see cref="UplinkMode.AdaptiveDigital"/> (null in the other modes).</summary>
    public PacketStatistics? Packets { get; }

    /// <summary>The packet link of <see cref="UplinkMode.AdaptiveDigital"/> for vectors of dimension <paramref name="dimension"/> (MCS thresholds, channel uses).</summary>
    public AdaptivePacketLink AdaptiveLink(int dimension)
    {
        if (Options.AdaptiveDigital is null) throw new InvalidOperationException("the uplink is not in AdaptiveDigital mode");
        if (_link == null || _link.PacketBits != _quantizer!.PacketBits(dimension)) _link = Options.AdaptiveDigital.CreateLink(dimension);
        return _link;
    }

    /// <summary>Symbols per coordinate per link of the payload (k, or 32/r for digital).</summary>
    public int SymbolsPerCoordinate => Options.Mode == UplinkMode.Digital ? _digital.SymbolsPerCoordinate : Options.Repetitions;

    /// <summary>Channel uses of one side-information float (32/r).</summary>
    public int SideInformationSymbols => _digital.SymbolsPerCoordinate;

    /// <summary>
    /// Aggregates the scheduled workers' vectors.
    /// </summary>
    /// <param name="updates">Row-major (workers.Length x d) vectors u_m.</param>
    /// <param name="workers">Device indices (into the power control) of the scheduled workers; also ledger link ids.</param>
    /// <param name="gains">Amplitude gains h_m of the scheduled workers this round (same order).</param>
    /// <param name="round">Round index.</param>
    /// <param name="symbolRng">Symbol-randomisation stream (P1 signs).</param>
    /// <param name="noiseRng">Channel noise and ADC-dither stream.</param>
    /// <param name="estimate">Output g_hat (length d).</param>
    /// <param name="ledger">Optional channel-use ledger.</param>
    public UplinkReport Aggregate(ReadOnlySpan<double> updates, ReadOnlySpan<int> workers, ReadOnlySpan<double> gains, int round,
        ref Xoshiro256StarStar symbolRng, ref Xoshiro256StarStar noiseRng, Span<double> estimate, ChannelUseLedger? ledger = null)
    {
        int M = workers.Length, d = estimate.Length;
        if (M < 1) throw new ArgumentException("at least one worker must be scheduled (workers is empty)", nameof(workers));
        if (gains.Length != M) throw new ArgumentException($"gains must have length {M} (one per scheduled worker)", nameof(gains));
        if (updates.Length != M * d) throw new ArgumentException($"updates must have length workers x d = {M * d}", nameof(updates));
        if (round < 0) throw new ArgumentOutOfRangeException(nameof(round), round, "round must be >= 0");
        for (int i = 0; i < updates.Length; i++)
            if (!double.IsFinite(updates[i])) throw new ArgumentException($"updates[{i}] is not finite", nameof(updates));
        return Options.Mode switch
        {
            UplinkMode.OtaTruncatedInversion => AggregateOverTheAir(updates, workers, gains, round, ref symbolRng, ref noiseRng, estimate, ledger),
            UplinkMode.AdaptiveDigital => AggregateAdaptiveDigital(updates, workers, gains, round, ref symbolRng, ref noiseRng, estimate, ledger),
            _ => AggregateOrthogonal(updates, workers, gains, round, ref symbolRng, ref noiseRng, estimate, ledger),
        };
    }

    /// <summary>SNR per real channel use of a link with power gain <paramref name="powerGain"/>: g A²/σ² (+infinity without noise, 0 without gain).</summary>
    internal static double SnrOf(double powerGain, double amplitude, double noiseStd) =>
        powerGain == 0 ? 0 : noiseStd == 0 ? double.PositiveInfinity : powerGain * amplitude * amplitude / (noiseStd * noiseStd);

    private UplinkReport AggregateAdaptiveDigital(ReadOnlySpan<double> updates, ReadOnlySpan<int> workers, ReadOnlySpan<double> gains, int round,
        ref Xoshiro256StarStar symbolRng, ref Xoshiro256StarStar noiseRng, Span<double> estimate, ChannelUseLedger? ledger)
    {
        int M = workers.Length, d = estimate.Length;
        var link = AdaptiveLink(d);
        var quantizer = _quantizer!;
        var ad = Options.AdaptiveDigital!;
        if (_quantised.Length < d) _quantised = new double[d];
        var q = _quantised.AsSpan(0, d);
        double A = Options.SymbolAmplitude, sigma = Options.NoiseStd;
        estimate.Clear();
        int received = 0;
        double bound = 0, cmax = 0;
        for (int m = 0; m < M; m++)
        {
            int dev = workers[m];
            double h = gains[m];
            if (!(h >= 0) || double.IsInfinity(h)) throw new ArgumentOutOfRangeException(nameof(gains), h, "gains must be finite and >= 0");
            // symbol stream: the quantiser's rounding; noise stream: the packet errors (one draw per transmission)
            double scale = quantizer.Quantize(updates.Slice(m * d, d), ref symbolRng, q);
            double realised = SnrOf(h * h, A, sigma);
            double selection = ad.Csi == CsiKind.Instantaneous ? realised : SnrOf(MeanGainOf(dev), A, sigma);
            // with instantaneous CSI a worker below every MCS threshold knows its packet would fail and stays silent (outage: no
            // symbols, update dropped); with mean CSI it cannot know and attempts the lowest MCS
            var outcome = ad.Csi == CsiKind.Instantaneous && link.InOutage(selection) ? PacketOutcome.Outage : link.Send(selection, realised, ref noiseRng);
            Packets!.Record(outcome);
            if (ledger != null)
            {
                // one record per transmission: the first one and every retransmission spend the packet's n_j uses again
                long n = outcome.ChannelUsesPerTransmission;
                for (int r = 0; r < outcome.Transmissions; r++)
                    ledger.RecordSymbols(round, LinkDirection.Uplink, dev, ChannelUseKind.Payload, n, n * A * A);
                ledger.RecordAirtime(round, LinkDirection.Uplink, outcome.TotalChannelUses);
            }
            cmax = Math.Max(cmax, scale);
            if (!outcome.Delivered) continue;
            received++;
            for (int i = 0; i < d; i++) estimate[i] += q[i];
            bound += quantizer.VarianceBound(d, scale);
        }
        if (received > 0)
        {
            for (int i = 0; i < d; i++) estimate[i] /= received;
            bound /= (double)received * received;
        }
        // the quantiser is exactly unbiased; the reweighting over the delivered set is unbiased for the mean only when losses are
        // independent of the data, which the server cannot know: no bias bound (NaN) when a packet was lost
        return new UplinkReport(cmax, received, bound, received == M ? 0 : double.NaN, double.NaN);
    }

    private double MeanGainOf(int device)
    {
        var b = _meanGains!;
        if ((uint)device >= (uint)b.Length) throw new ArgumentOutOfRangeException(nameof(device), device, $"worker index must be in [0, {b.Length - 1}]");
        return b[device];
    }

    private UplinkReport AggregateOrthogonal(ReadOnlySpan<double> updates, ReadOnlySpan<int> workers, ReadOnlySpan<double> gains, int round,
        ref Xoshiro256StarStar symbolRng, ref Xoshiro256StarStar noiseRng, Span<double> estimate, ChannelUseLedger? ledger)
    {
        int M = workers.Length, d = estimate.Length;
        estimate.Clear();
        Span<double> uHat = d <= 512 ? stackalloc double[d] : new double[d];
        double vch = 0, cmax = 0, bias = 0;
        double A = Options.SymbolAmplitude;
        for (int m = 0; m < M; m++)
        {
            var u = updates.Slice(m * d, d);
            ILinkCoder coder;
            LinkHardware hw;
            if (Options.Mode == UplinkMode.Digital) { coder = _digital; hw = _symbolHardware; }
            else
            {
                coder = _coder!;
                double h = Guard.Positive(gains[m], "gain");
                IQuantizer adc = Options.AdcBits is int b ? new UniformQuantizer(b, h * A) : IdealQuantizer.Instance;
                hw = new LinkHardware(A, Options.NoiseStd, _dac, adc);
            }
            double c = PointToPointLink.Transmit(coder, u, gains[m], hw, ref symbolRng, ref noiseRng, uHat, ledger, round,
                LinkDirection.Uplink, workers[m], SideInformationSymbols);
            for (int i = 0; i < d; i++) estimate[i] += uHat[i] / M;
            cmax = Math.Max(cmax, c);
            if (c > 0)
            {
                vch += c * c * d * coder.Variance(0, gains[m], hw) / ((double)M * M);
                if (coder is NaiveAmplitudeCoder) bias = double.NaN;
            }
        }
        return new UplinkReport(cmax, M, vch, bias, double.NaN);
    }

    private UplinkReport AggregateOverTheAir(ReadOnlySpan<double> updates, ReadOnlySpan<int> workers, ReadOnlySpan<double> gains, int round,
        ref Xoshiro256StarStar symbolRng, ref Xoshiro256StarStar noiseRng, Span<double> estimate, ChannelUseLedger? ledger)
    {
        var pc = _power!;
        int M = workers.Length, d = estimate.Length, k = Options.Repetitions;
        if (_energy.Length < M) { _energy = new double[M]; _factor = new double[M]; }
        double A = Options.SymbolAmplitude, sigma = Options.NoiseStd;
        bool p1 = Options.Scheme == OtaSymbolScheme.BinaryStochastic;
        double a = p1 ? BinaryStochasticCoder.SymbolLevel(_symbolHardware) : A;   // E[s] = a v

        // scales: c_m reported digitally, c = max broadcast digitally
        double c = 0;
        for (int i = 0; i < updates.Length; i++) c = Math.Max(c, Math.Abs(updates[i]));
        int participants = 0;
        double sMax = 0;
        for (int m = 0; m < M; m++)
        {
            int dev = workers[m];
            if ((uint)dev >= (uint)pc.Devices) throw new ArgumentOutOfRangeException(nameof(workers), dev, $"worker index must be in [0, {pc.Devices - 1}]");
            double h = gains[m];
            if (!(h >= 0) || double.IsInfinity(h)) throw new ArgumentOutOfRangeException(nameof(gains), h, "gains must be finite and >= 0");
            _factor[m] = pc.AmplitudeFactor(dev, h);
            _energy[m] = 0;
            if (_factor[m] > 0) participants++;
            sMax += pc.InverseProbabilityWeighting ? pc.ReceivedGain(dev) * a : 0;
        }
        double rho = pc.AlignedGain;
        if (!pc.InverseProbabilityWeighting) sMax = M * rho * a;
        double denominatorCount = pc.InverseProbabilityWeighting ? M : participants;

        IQuantizer adc;
        if (Options.AdcBits is int bits)
        {
            double top = sMax + Options.AdcMarginSigmas * sigma;
            if (!(top > 0)) top = a;
            double r = top / (1 - Math.Pow(2, -bits));
            adc = new UniformQuantizer(bits, r, Options.SumAdcMode);
        }
        else adc = IdealQuantizer.Instance;

        if (ledger != null)
        {
            for (int m = 0; m < M; m++)
                ledger.RecordSymbols(round, LinkDirection.Uplink, workers[m], ChannelUseKind.SideInformation, SideInformationSymbols, SideInformationSymbols * A * A);
            ledger.RecordAirtime(round, LinkDirection.Uplink, (long)M * SideInformationSymbols);
            ledger.RecordSymbols(round, LinkDirection.Downlink, ChannelUseLedger.BroadcastLink, ChannelUseKind.SideInformation, SideInformationSymbols, SideInformationSymbols * A * A);
            ledger.RecordAirtime(round, LinkDirection.Downlink, SideInformationSymbols);
        }

        if (c == 0 || participants == 0)
        {
            // nothing to send (all-zero vectors) or everyone truncated: the estimate is 0 (participation is part of the
            // unbiasedness argument, so an empty round is a legitimate zero draw).
            estimate.Clear();
            if (ledger != null) ledger.RecordAirtime(round, LinkDirection.Uplink, c == 0 ? 0 : (long)k * d);
            return new UplinkReport(c, participants, 0, 0, adc.FullScale);
        }

        double post = c / (a * denominatorCount * rho * k);
        for (int i = 0; i < d; i++)
        {
            double acc = 0;
            for (int r = 0; r < k; r++)
            {
                double y = 0;
                for (int m = 0; m < M; m++)
                {
                    if (_factor[m] == 0) continue;
                    double v = updates[m * d + i] / c;
                    // P1 inlined (same draw as BinaryStochasticCoder.Precode: s = +a w.p. (1+v)/2)
                    double s = p1 ? (symbolRng.NextDouble() < 0.5 * (1 + v) ? a : -a) : _coder!.Precode(v, _symbolHardware, ref symbolRng);
                    double x = _factor[m] * s;
                    _energy[m] += x * x;
                    y += gains[m] * x;
                }
                y += sigma * noiseRng.NextGaussian();
                acc += adc.Quantize(y, ref noiseRng);
            }
            estimate[i] = post * acc;
        }

        if (ledger != null)
        {
            for (int m = 0; m < M; m++)
                // a truncated worker's k d slots are reserved on the shared medium whether or not it transmits: charged (zero energy)
                ledger.RecordSymbols(round, LinkDirection.Uplink, workers[m], ChannelUseKind.Payload, (long)k * d, _energy[m]);
            ledger.RecordAirtime(round, LinkDirection.Uplink, (long)k * d);
        }

        // Known channel variance bound V_ch (sum over coordinates; derived, see docs/ota-fl.md). Per coordinate the received mean
        // over the k repetitions is X = (1/k) sum_r Q(y_r), y_r = sum_m g_m s_mr + z_r, with g_m = h_m f_m constant over the k
        // repetitions (block fading: g_m = rho/p_m with probability p_m, else 0, so E g_m = rho, Var g_m = rho^2 (1/p_m - 1))
        // and s_mr = +-a independent across r with E s = a v_m:
        //   Var X = sum_m a^2 v_m^2 Var g_m + (1/k) (sum_m E[g_m^2] a^2 (1 - v_m^2) + sigma^2 + Var(ADC error))
        //        <= sum_m a^2 max(Var g_m, E[g_m^2]/k) + (sigma^2 + Delta^2/4)/k,
        // maximising each term over v_m^2 in [0, 1] (the server does not see v_m). The participation/fading part is not
        // reduced by the repetitions, and the dithered (stochastic rounding) ADC error variance frac(1 - frac) Delta^2 reaches
        // Delta^2/4. Without 1/p_m weighting the participating set is known and g_m = rho on it: only the 1/k part remains
        // (variance given the set).
        double participation = 0;
        for (int m = 0; m < M; m++)
        {
            if (pc.InverseProbabilityWeighting)
            {
                double g = pc.ReceivedGain(workers[m]), second = g * g * pc.InclusionProbability(workers[m]);
                participation += a * a * Math.Max(second - rho * rho, second / k);
            }
            else if (_factor[m] > 0) participation += rho * rho * a * a / k;
        }
        double delta = adc.StepSize;
        double noisePerUse = sigma * sigma + delta * delta / 4;
        double scale = c / (a * denominatorCount * rho);
        double vch = scale * scale * d * (participation + noisePerUse / k);

        double bias;
        if (!p1 || (Options.AdcBits is not null && Options.SumAdcMode == QuantizerMode.Deterministic)) bias = double.NaN;
        else if (Options.AdcBits is null) bias = 0;
        else bias = scale * GaussianMath.ExcessAbsMean(sigma, adc.MaxOutput - sMax);
        return new UplinkReport(c, participants, vch, bias, adc.FullScale);
    }
}

using System.Globalization;
using PhyToolkit.Channels.OverTheAir;
using PhyToolkit.Core.Random;
using PhyToolkit.Channels.Fading;
using PhyToolkit.Channels.Noise;

namespace PhyToolkit.Examples;

/// <summary>
/// Example (c): one over-the-air aggregation round (docs/ota-fl.md). Ten workers send a 20-entry vector each at the
/// same time over Rayleigh block fading with unequal path losses; truncated channel inversion aligns them, the binary
/// stochastic pre-coder makes every symbol ±A, and the server's dithered ADC output, rescaled, estimates the mean
/// vector without bias. The example then repeats the round over many independent fading/noise draws to show that the
/// average estimate sits on the true mean.
/// </summary>
public static class OtaRound
{
    /// <summary>What the example computed.</summary>
    /// <param name="TrueMean">(1/M) Σ_m u_m, the vector the server wants.</param>
    /// <param name="OneRound">The estimate of the first round.</param>
    /// <param name="FirstReport">The server's bookkeeping of the first round (scale, participants, variance bound, overload bias bound).</param>
    /// <param name="AverageEstimate">The mean of the estimates over <paramref name="Rounds"/> independent rounds.</param>
    /// <param name="StandardError">Per coordinate, the standard error of <paramref name="AverageEstimate"/>.</param>
    /// <param name="MeanVarianceBound">The mean over rounds of the server's channel-variance figure <see cref="UplinkReport.ChannelVarianceBound"/> (summed over coordinates).</param>
    /// <param name="MeanSquaredError">The mean over rounds of ‖ĝ − ḡ‖² (summed over coordinates).</param>
    /// <param name="Rounds">Number of independent rounds averaged.</param>
    /// <param name="UplinkSymbols">Channel uses of the first round's uplink (payload airtime plus side information).</param>
    public sealed record Result(double[] TrueMean, double[] OneRound, UplinkReport FirstReport, double[] AverageEstimate, double[] StandardError,
        double MeanVarianceBound, double MeanSquaredError, int Rounds, long UplinkSymbols);

    /// <summary>Runs the example and prints a short account to <paramref name="output"/>.</summary>
    /// <param name="output">Where the text goes.</param>
    /// <param name="rounds">Independent rounds averaged after the first (≥ 2).</param>
    /// <param name="seed">Seed of the data, fading, symbol and noise streams.</param>
    /// <param name="adcBits">Resolution of the server's ADC in bits, or null for an ideal ADC.</param>
    public static Result Run(TextWriter output, int rounds = 400, ulong seed = 3, int? adcBits = 4)
    {
        if (rounds < 2) throw new ArgumentOutOfRangeException(nameof(rounds), rounds, "rounds must be ≥ 2");
        const int workers = 10, d = 20;
        const double snrDb = 10, amplitude = 1;

        // The workers' vectors (e.g. gradients) and their mean.
        var data = new Xoshiro256StarStar(seed);
        var updates = new double[workers * d];
        for (int i = 0; i < updates.Length; i++) updates[i] = 0.5 + data.NextGaussian();
        var mean = new double[d];
        for (int m = 0; m < workers; m++)
            for (int i = 0; i < d; i++) mean[i] += updates[m * d + i] / workers;

        // Path losses: mean power gains β_m log-uniform over 10 dB; Rayleigh block fading, one draw per (round, worker).
        var meanGains = new double[workers];
        for (int m = 0; m < workers; m++) meanGains[m] = Math.Pow(10, -m / (double)(workers - 1));
        var fading = new BlockFadingProcess(RayleighFading.Instance, meanGains, SeedMixer.Mix(seed, 1));

        // Truncated channel inversion: worker m transmits when h_m² ≥ θ = 0.1·mean β, weighted by 1/P(h_m² ≥ θ).
        var peaks = Enumerable.Repeat(amplitude, workers).ToArray();
        var power = new TruncatedChannelInversion(0.1 * meanGains.Average(), peaks, meanGains, RayleighFading.Instance, amplitude);
        var options = new UplinkOptions
        {
            Repetitions = 13,                                              // k channel uses per coordinate
            AdcBits = adcBits,
            SymbolAmplitude = amplitude,
            NoiseStd = AwgnNoise.NoiseStdFromSnrDb(snrDb, amplitude),     // average peak SNR βA²/σ² with β = 1
        };
        var uplink = new UplinkAggregator(options, power);

        int[] ids = Enumerable.Range(0, workers).ToArray();
        var gains = new double[workers];
        var estimate = new double[d];
        var sum = new double[d];
        var sumSquares = new double[d];
        double varianceBound = 0, squaredError = 0;
        double[] first = [];
        UplinkReport firstReport = default;
        long firstSymbols = 0;
        for (int round = 0; round < rounds; round++)
        {
            fading.Amplitudes(round, gains);
            var symbols = new Xoshiro256StarStar(SeedMixer.Mix(seed, 2, (ulong)round, 0));
            var noise = new Xoshiro256StarStar(SeedMixer.Mix(seed, 3, (ulong)round, 0));
            var ledger = round == 0 ? new ChannelUseLedger() : null;
            var report = uplink.Aggregate(updates, ids, gains, round, ref symbols, ref noise, estimate, ledger);
            if (round == 0) { first = estimate.ToArray(); firstReport = report; firstSymbols = ledger!.Airtime(LinkDirection.Uplink); }
            varianceBound += report.ChannelVarianceBound / rounds;
            for (int i = 0; i < d; i++)
            {
                sum[i] += estimate[i];
                sumSquares[i] += estimate[i] * estimate[i];
                squaredError += (estimate[i] - mean[i]) * (estimate[i] - mean[i]) / rounds;
            }
        }
        var average = sum.Select(s => s / rounds).ToArray();
        var se = new double[d];
        for (int i = 0; i < d; i++)
            se[i] = Math.Sqrt(Math.Max(0, (sumSquares[i] - rounds * average[i] * average[i]) / (rounds - 1)) / rounds);

        string F(double v) => v.ToString("0.000", CultureInfo.InvariantCulture);
        output.WriteLine($"{workers} workers, d = {d}, average SNR {snrDb} dB, k = {options.Repetitions}, " + (adcBits is int b ? $"{b}-bit ADC" : "ideal ADC"));
        output.WriteLine($"round 0: {firstReport.Participants} of {workers} workers above the threshold, scale c = {F(firstReport.Scale)}, "
            + $"{firstSymbols} uplink channel uses");
        output.WriteLine($"round 0: ‖ĝ − ḡ‖² = {F(Enumerable.Range(0, d).Sum(i => (first[i] - mean[i]) * (first[i] - mean[i])))}"
            + $" (server's channel-variance figure {F(firstReport.ChannelVarianceBound)})");
        output.WriteLine($"over {rounds} rounds: mean ‖ĝ − ḡ‖² = {F(squaredError)}, mean channel-variance figure {F(varianceBound)}");
        output.WriteLine("coordinate  true mean  average of ĝ  ± 1.96·SE");
        for (int i = 0; i < 5; i++)
            output.WriteLine($"{i,10}  {F(mean[i]),9}  {F(average[i]),12}  {F(1.96 * se[i])}");
        return new Result(mean, first, firstReport, average, se, varianceBound, squaredError, rounds, firstSymbols);
    }

    /// <summary>Entry point: <c>dotnet run --project examples/OtaRound</c>.</summary>
    public static void Main() => Run(Console.Out);
}

using System.Numerics;
using PhyToolkit.Antennas;
using PhyToolkit.Channels.Correlation;
using PhyToolkit.Channels.KeyGeneration;
using PhyToolkit.Channels.Sampling;
using PhyToolkit.Core.Configuration;
using PhyToolkit.Core.Random;
using PhyToolkit.Optimization.Gradient;
using PhyToolkit.Optimization.Objectives;
using PhyToolkit.Optimization.Projections;

namespace PhyToolkit.Optimization.KeyGeneration;

/// <summary>Settings of the RIS-assisted PLKG benchmark (fa-plkg docs/fa-plkg.md, all our choice: the paper's RIS model is unknown).</summary>
public sealed record RisSettings
{
    /// <summary>RIS rows (N = rows × columns at λ/2; spec default 4 × 4).</summary>
    public int Rows { get; init; } = 4;
    /// <summary>RIS columns.</summary>
    public int Columns { get; init; } = 4;
    /// <summary>β_d, direct-link gain (weak: 0.1).</summary>
    public double DirectGain { get; init; } = 0.1;
    /// <summary>β_r, RIS-link gain (1).</summary>
    public double RisGain { get; init; } = 1;
    /// <summary>L_G, paths of the deterministic RIS→Alice channel (2).</summary>
    public int RisToAlicePaths { get; init; } = 2;
    /// <summary>L_r, paths of the Bob→RIS channel (4).</summary>
    public int BobToRisPaths { get; init; } = 4;
    /// <summary>Random phase initialisations (spec: 10).</summary>
    public int PhaseStarts { get; init; } = 10;
    /// <summary>Maximum AO rounds per start.</summary>
    public int MaxRounds { get; init; } = 20;
    /// <summary>Relative KGR change that ends the AO (spec: 1e-4).</summary>
    public double RelativeTolerance { get; init; } = 1e-4;
    /// <summary>
    /// Scale the RIS link by 1/N (our choice, default on): with random phases the power Alice receives through the RIS is
    /// then β_r per antenna, the same as the unit-power FA channel, instead of growing with N; optimised phases still
    /// earn the passive-beamforming gain. Off reproduces docs/fa-plkg.md literally (the RIS link then carries ≈ N times more power).
    /// </summary>
    public bool NormalizeByElements { get; init; } = true;

    /// <summary>Validates the settings; errors name <paramref name="path"/>.field and the allowed range.</summary>
    public void Validate(string path)
    {
        Check.InRange(Rows, 1, 64, $"{path}.rows");
        Check.InRange(Columns, 1, 64, $"{path}.columns");
        Check.InRange(DirectGain, 0, 1e6, $"{path}.directGain");
        Check.InRange(RisGain, 0, 1e6, $"{path}.risGain");
        Check.InRange(RisToAlicePaths, 1, 64, $"{path}.risToAlicePaths");
        Check.InRange(BobToRisPaths, 1, 64, $"{path}.bobToRisPaths");
        Check.InRange(PhaseStarts, 1, 1000, $"{path}.phaseStarts");
        Check.InRange(MaxRounds, 1, 10_000, $"{path}.maxRounds");
        Check.InRange(RelativeTolerance, 0, 1, $"{path}.relativeTolerance");
    }
}

/// <summary>
/// The RIS-assisted PLKG benchmark (arXiv 2509.00018 names it; model and algorithm our choice, fa-plkg docs/fa-plkg.md):
/// Alice's λ/2 UPA, an N-element RIS, effective channel h = h_d + H_AR Φ h_r with
/// R_eff(φ) = β_d R_d + β_r H_AR Φ R_r Φᴴ H_ARᴴ, |φ_n| = 1; AO of PGD (or the oracle) on P and unit-modulus projected
/// gradient ascent on φ (∂KGR/∂φ* of §2.5e), best of several random φ starts.
/// </summary>
public static class RisAlternating
{
    /// <summary>Runs the benchmark for one trial.</summary>
    /// <param name="problem">The FA problem (M, K, SNR; its correlation model must be the field-response model, whose
    /// path geometry is reused for the direct link so the RIS and FA schemes see the same propagation).</param>
    /// <param name="settings">RIS settings.</param>
    /// <param name="method">Precoder solver for fixed φ.</param>
    /// <param name="seed">Seed of the RIS geometry and phase starts.</param>
    /// <param name="gainMatched">Gain-matched form (our choice [C], for a comparison on an equal channel gain): the effective
    /// covariance is scaled to tr R = M for every φ (<see cref="RisEffectiveCovariance.EvaluateGainMatched"/>) and the phases
    /// are optimised under that constraint; the same seed gives the same RIS geometry and phase starts as the specified form.</param>
    /// <returns>The outcome; <see cref="SchemeOutcome.Covariance"/> holds the effective covariance of the best start.</returns>
    public static SchemeOutcome Run(KeyGenerationProblem problem, RisSettings settings, PrecoderMethod method, ulong seed, bool gainMatched = false)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate(nameof(settings));
        int m = problem.Antennas, n = settings.Rows * settings.Columns;
        var rng = new Xoshiro256StarStar(seed);
        var alice = problem.UpaLayout();
        var risPanel = new RisPanel(settings.Rows, settings.Columns);
        var rd = new Complex[m * m];
        problem.Correlation.Covariance(alice, rd);
        var har = new Complex[m * n];
        RisLinkSampler.SampleRisToAlice(alice, risPanel.Positions, settings.RisToAlicePaths, ref rng, har);
        var rr = new Complex[n * n];
        new FieldResponseCovariance(PathGeometry.Sample(settings.BobToRisPaths, ref rng)).Covariance(risPanel.Positions, rr);
        var ris = new RisEffectiveCovariance(m, n, rd, settings.DirectGain, har, rr, settings.NormalizeByElements ? settings.RisGain / n : settings.RisGain);

        var ev = new KeyGenerationEvaluator(problem);
        var phaseObjective = new PhaseObjective(problem.Model, ris, m, problem.Slots, gainMatched ? m : 0);
        var phasePgd = new ProjectedGradient(new ProjectedGradientOptions { MaxIterations = 20, RelativeTolerance = 1e-6, ArmijoConstant = 0 });
        var phi = new Complex[n];
        var phiWork = new Complex[ProjectedGradient.WorkspaceLength(n)];
        var reff = new Complex[m * m];
        var p = new Complex[problem.PrecoderLength];
        double best = double.NegativeInfinity;
        var bestP = new Complex[p.Length];
        var bestR = new Complex[m * m];
        long evals = 0;
        for (int s = 0; s < settings.PhaseStarts; s++)
        {
            for (int i = 0; i < n; i++) { double a = 2 * Math.PI * rng.NextDouble(); phi[i] = new Complex(Math.Cos(a), Math.Sin(a)); }
            problem.IsotropicPrecoder(p);
            double value = double.NegativeInfinity;
            for (int round = 0; round < settings.MaxRounds; round++)
            {
                Effective(ris, phi, m, gainMatched, reff);
                ev.SetCovariance(reff);
                double vp = method == PrecoderMethod.Oracle ? ev.Oracle(p) : ev.PgdFull(p).BestValue;
                phaseObjective.Precoder = p;
                double vphi = phasePgd.MaximizeInPlace(phaseObjective, UnitModulusProjection.Instance, phi, phiWork).BestValue;
                evals++;
                double v = Math.Max(vp, vphi);
                bool converged = Math.Abs(v - value) <= settings.RelativeTolerance * Math.Max(Math.Abs(v), 1e-12);
                value = v;
                if (converged) break;
            }
            Effective(ris, phi, m, gainMatched, reff);
            ev.SetCovariance(reff);
            double final = method == PrecoderMethod.Oracle ? ev.Oracle(p) : ev.PgdFull(p).BestValue;
            if (final > best) { best = final; p.CopyTo(bestP, 0); reff.CopyTo(bestR, 0); }
        }
        return new SchemeOutcome(best, alice, bestP, evals, null) { Covariance = bestR };
    }

    private static void Effective(RisEffectiveCovariance ris, Complex[] phi, int m, bool gainMatched, Complex[] reff)
    {
        if (gainMatched) ris.EvaluateGainMatched(phi, m, reff);
        else ris.Evaluate(phi, reff);
    }

    /// <summary>KGR as a function of the phases for a fixed precoder; <paramref name="targetTrace"/> &gt; 0 selects the gain-matched covariance.</summary>
    private sealed class PhaseObjective(KgrModel model, RisEffectiveCovariance ris, int m, int k, double targetTrace) : IComplexObjective
    {
        private readonly Complex[] _r = new Complex[m * m], _g = new Complex[m * m];
        private readonly KgrWorkspace _ws = new(m, k);
        public Complex[] Precoder { get; set; } = [];

        public double Evaluate(ReadOnlySpan<Complex> phases)
        {
            Fill(phases);
            return model.Value(Precoder, _r, _ws);
        }

        public void Gradient(ReadOnlySpan<Complex> phases, Span<Complex> gradient)
        {
            Fill(phases);
            model.CovarianceGradient(Precoder, _r, _g, _ws);
            if (targetTrace > 0) ris.GainMatchedPhaseGradient(phases, targetTrace, _g, gradient);
            else ris.PhaseGradient(phases, _g, gradient);
        }

        private void Fill(ReadOnlySpan<Complex> phases)
        {
            if (targetTrace > 0) ris.EvaluateGainMatched(phases, targetTrace, _r);
            else ris.Evaluate(phases, _r);
        }
    }
}

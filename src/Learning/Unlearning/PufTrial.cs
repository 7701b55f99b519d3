using System.Collections.Concurrent;
using PhyToolkit.Learning.Federated;
using PhyToolkit.Learning.Unlearning.Evaluation;

namespace PhyToolkit.Learning.Unlearning;

/// <summary>
/// One seeded trial of federated client unlearning (docs/unlearning-puf.md): the canary task, the original FedAvg
/// training over all clients (recorded for FedEraser), the retrain-from-scratch reference without the forgotten clients
/// (same seed: same data, initialisation and batch streams), and the unlearning methods run from the original model:
/// PUF-Regular / PUF-Special with recovery (<see cref="FederatedUnlearningServer"/>), natural forgetting and FedEraser.
/// Every run goes through <see cref="FederatedTrainer"/>.
/// </summary>
/// <remarks>Thread-safe: the original model and each retrained reference are computed once (lazily) and shared; every
/// result is a function of (options, seed) only, whatever thread asks first.</remarks>
public sealed class PufTrial
{
    private readonly Lazy<(double[] Model, FedEraserRecorder Recorder)> original;
    private readonly ConcurrentDictionary<string, Lazy<(double[] Model, double[] TestAccuracy)>> retrained = new();
    private readonly ConcurrentDictionary<string, UnlearningEvaluator> evaluators = new();

    /// <summary>Creates the trial (generates the data; training happens on first use).</summary>
    public PufTrial(PufTrialOptions options, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options; Seed = seed;
        Data = CanaryTask.Generate(options.Data, seed);
        int d = options.Data.Dimension, C = options.Data.Classes, H = options.HiddenUnits;
        var basePoint = MlpModel.GlorotBasePoint(d, C, H, RandomStreams.Seed(seed, RandomStreams.Init));
        if (options.TorchSharpModel)
        {
            var torch = new MlpModel(d, C, H, MlpActivation.Relu, basePoint);
            Model = torch; Classifier = torch;
        }
        else
        {
            var managed = new ManagedMlpModel(d, C, H, basePoint);
            Model = managed; Classifier = managed;
        }
        Sizes = Data.ClientSizes();
        original = new(TrainOriginal, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Options.</summary>
    public PufTrialOptions Options { get; }

    /// <summary>Trial seed.</summary>
    public ulong Seed { get; }

    /// <summary>The task.</summary>
    public CanaryTask Data { get; }

    /// <summary>The model (a ReLU MLP with a seeded Glorot base point: <see cref="ManagedMlpModel"/>, or the TorchSharp
    /// <see cref="MlpModel"/> when <see cref="PufTrialOptions.TorchSharpModel"/> is set).</summary>
    public IFederatedModel Model { get; }

    /// <summary>The same model as a classifier with class probabilities (for the evaluation).</summary>
    public IProbabilisticClassifier Classifier { get; }

    /// <summary>n_k per client (natural samples and canaries).</summary>
    public int[] Sizes { get; }

    /// <summary>The original model after <see cref="PufTrialOptions.Rounds"/> FedAvg rounds over every client.</summary>
    public double[] Original => original.Value.Model;

    /// <summary>Model-sized vectors FedEraser stored during the original training.</summary>
    public long FedEraserStoredVectors => original.Value.Recorder.StoredVectors;

    private (double[], FedEraserRecorder) TrainOriginal()
    {
        var server = new FederatedUnlearningServer(Sizes);
        var recorder = new FedEraserRecorder(server, Options.FedEraserInterval);
        var run = FederatedTrainer.Run(Model, Data.Task, Options.FedAvg.ToConfig(Options.Rounds, 0, null, recorder), Seed, "FedAvg");
        return (run.FinalParameters, recorder);
    }

    private static string Key(int[] clients) => string.Join(',', clients.Order());

    /// <summary>The retrain-from-scratch model without <paramref name="forgotten"/> (cached).</summary>
    public double[] Retrained(int[] forgotten) => RetrainRun(forgotten).Model;

    /// <summary>Test accuracy of the retrain-from-scratch run after each round 1..T (cached).</summary>
    public double[] RetrainTestAccuracy(int[] forgotten) => RetrainRun(forgotten).TestAccuracy;

    /// <summary>Rounds the retrain-from-scratch run needs until its test accuracy first reaches its own final value minus
    /// the recovery tolerance (the same target the unlearning methods are charged to).</summary>
    public int RetrainRoundsToTarget(int[] forgotten)
    {
        var acc = RetrainTestAccuracy(forgotten);
        double target = acc[^1] - Options.RecoveryTolerance;
        for (int t = 0; t < acc.Length; t++) if (acc[t] >= target) return t + 1;
        return acc.Length;
    }

    private (double[] Model, double[] TestAccuracy) RetrainRun(int[] forgotten) => retrained.GetOrAdd(Key(forgotten), _ => new(() =>
    {
        var server = new FederatedUnlearningServer(Sizes, forgotten);
        var acc = new List<double>();
        server.Observer = (_, model) => { acc.Add(Model.Accuracy(model, Data.Task.Test)); return true; };
        var settings = Options.FedAvg with { OtaSnrDb = null };
        var run = FederatedTrainer.Run(Model, Data.Task, settings.ToConfig(Options.Rounds, 0, null, server), Seed, "Retrain");
        return (run.FinalParameters, acc.ToArray());
    }, LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    /// <summary>The evaluator whose D_f is the natural data of <paramref name="forgotten"/>, canaries theirs, D_r the other clients' natural data.</summary>
    public UnlearningEvaluator Evaluator(int[] forgotten) => evaluators.GetOrAdd(Key(forgotten), _ =>
    {
        var rest = Enumerable.Range(0, Data.Clients).Except(forgotten).ToArray();
        var splits = new UnlearningSplits(Data.Task.Train, Data.NaturalOf(rest), Data.NaturalOf(forgotten), Data.CanariesOf(forgotten), Data.Task.Test);
        return new UnlearningEvaluator(Classifier, splits, Options.MaxShadow, Seed);
    });

    /// <summary>
    /// Serves a request for <paramref name="forgotten"/> at round T (right after the original training) with
    /// <paramref name="mode"/> and scale <paramref name="etaU"/>, then recovers with FedAvg over the rest until test
    /// accuracy reaches the retrained level (minus the tolerance) or the cap. With <paramref name="fixedRounds"/> the run
    /// instead lasts exactly that many rounds after the request (for curves at equal rounds); recovery is still reported.
    /// </summary>
    /// <param name="forgotten">Clients to forget.</param>
    /// <param name="mode">Regular, Special or natural forgetting.</param>
    /// <param name="etaU">eta_u.</param>
    /// <param name="otaSnrDb">Over-the-air uplink SNR for the unlearning and recovery rounds (null = the settings' channel).</param>
    /// <param name="fixedRounds">Rounds after the request (&gt;= 1) instead of the stopping rule.</param>
    public UnlearningOutcome Unlearn(int[] forgotten, UnlearningMode mode, double etaU, double? otaSnrDb = null, int? fixedRounds = null)
    {
        ArgumentNullException.ThrowIfNull(forgotten);
        if (fixedRounds is int fr && fr < 1) throw new ArgumentOutOfRangeException(nameof(fixedRounds), fr, "fixedRounds must be >= 1");
        var eval = Evaluator(forgotten);
        var reference = Retrained(forgotten);
        var refEval = eval.Evaluate(reference, reference);
        double target = refEval.TestAccuracy - Options.RecoveryTolerance;
        var server = new FederatedUnlearningServer(Sizes);
        int T = Options.Rounds;
        server.Submit(new UnlearningRequest(T, forgotten, mode, etaU));
        var trajectory = new List<UnlearningEvaluation> { eval.Evaluate(Original, reference) };
        int? recovery = null;
        int maxRounds = fixedRounds ?? 1 + Options.RecoveryRoundsMax;
        server.Observer = (round, model) =>
        {
            var e = eval.Evaluate(model, reference);
            trajectory.Add(e);
            if (recovery is null && e.TestAccuracy >= target) recovery = round - T;   // rounds after the unlearning round
            return fixedRounds is not null || recovery is null;
        };
        var settings = Options.FedAvg with { OtaSnrDb = otaSnrDb ?? Options.FedAvg.OtaSnrDb };
        var run = FederatedTrainer.Run(Model, Data.Task, settings.ToConfig(maxRounds, T, Original, server), Seed, mode.ToString());
        int roundsToStop = recovery is int r ? r + 1 : trajectory.Count - 1;
        // uploads up to the stopping round: the unlearning round's participants plus |R| per recovery round
        int rest = Data.Clients - forgotten.Length;
        int first = mode switch { UnlearningMode.PufSpecial => forgotten.Length, UnlearningMode.PufRegular => Data.Clients, _ => rest };
        long uploads = first + (long)(roundsToStop - 1) * rest;
        return new UnlearningOutcome
        {
            Method = mode.ToString(),
            Trajectory = trajectory,
            RecoveryRounds = recovery,
            Retrained = refEval,
            Cost = new UnlearningCost(roundsToStop, uploads, Model.ParameterCount, server.StoredVectors),
            Final = run.FinalParameters,
        };
    }

    /// <summary>FedEraser from the stored updates of the original training (cost: its calibration rounds; storage: its stored updates).</summary>
    public UnlearningOutcome FedEraserUnlearn(int[] forgotten)
    {
        ArgumentNullException.ThrowIfNull(forgotten);
        var eval = Evaluator(forgotten);
        var reference = Retrained(forgotten);
        var refEval = eval.Evaluate(reference, reference);
        var recorder = original.Value.Recorder;
        var (run, server) = FedEraser.Unlearn(Model, Data.Task, Sizes, Options.FedAvg with { OtaSnrDb = null }, recorder, forgotten,
            Options.FedEraserCalibrationRatio, null, Seed, Options.Rounds);
        var e = eval.Evaluate(run.FinalParameters, reference);
        return new UnlearningOutcome
        {
            Method = "FedEraser",
            Trajectory = [eval.Evaluate(Original, reference), e],
            RecoveryRounds = e.TestAccuracy >= refEval.TestAccuracy - Options.RecoveryTolerance ? 0 : null,
            Retrained = refEval,
            Cost = new UnlearningCost(server.RoundsRun, server.ClientUploads, Model.ParameterCount, recorder.StoredVectors),
            Final = run.FinalParameters,
        };
    }
}

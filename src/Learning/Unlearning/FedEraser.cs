using PhyToolkit.Learning.Federated;

namespace PhyToolkit.Learning.Unlearning;

/// <summary>
/// FedEraser-style unlearning (Liu et al., IWQoS 2021; the stored-updates baseline wired into the PUF code,
/// docs/unlearning-puf.md §baselines): starting again from the initial model, for every stored round t_j the remaining
/// clients run a calibration round with <c>S' = max(1, round(ratio S))</c> local steps from the current reconstructed
/// model, and each calibrated update keeps its direction but takes the stored update's length,
/// <c>Delta~_k = ||Delta_k(t_j)|| Delta_cal,k / ||Delta_cal,k||</c>; the server averages them with data weights.
/// </summary>
public static class FedEraser
{
    /// <summary>Reconstructs the model without <paramref name="forgotten"/> from the updates in <paramref name="recorder"/>.</summary>
    /// <param name="model">The model.</param>
    /// <param name="task">The federated task (same partition as the recorded run).</param>
    /// <param name="clientSizes">n_k per client.</param>
    /// <param name="settings">FedAvg settings of the recorded run (local steps S, rates).</param>
    /// <param name="recorder">Updates recorded during the original training.</param>
    /// <param name="forgotten">Clients to remove (at least one; valid clients).</param>
    /// <param name="calibrationRatio">Ratio of calibration to original local steps, in (0, 1]; the code's tag 0.5.</param>
    /// <param name="initial">Initial model of the recorded run (null = zero).</param>
    /// <param name="seed">Trial seed.</param>
    /// <param name="firstRound">Absolute index of the first calibration round (fresh batches).</param>
    /// <returns>The calibration run (its final parameters are the unlearned model) and the server's cost counters.</returns>
    public static (FederatedRunResult Run, FederatedUnlearningServer Server) Unlearn(IFederatedModel model, SyntheticTask task, int[] clientSizes,
        FedAvgSettings settings, FedEraserRecorder recorder, int[] forgotten, double calibrationRatio, double[]? initial, ulong seed, int firstRound)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(recorder);
        ArgumentNullException.ThrowIfNull(forgotten);
        if (!(calibrationRatio > 0 && calibrationRatio <= 1)) throw new ArgumentOutOfRangeException(nameof(calibrationRatio), calibrationRatio, "calibrationRatio must be in (0, 1]");
        if (recorder.Stored.Count == 0) throw new ArgumentException("the recorder holds no stored round", nameof(recorder));
        int calSteps = Math.Max(1, (int)Math.Round(calibrationRatio * settings.LocalSteps));
        var server = new FederatedUnlearningServer(clientSizes, forgotten);
        var hook = new CalibrationHook(server, recorder, firstRound, (double)settings.LocalSteps / calSteps, model.ParameterCount);
        var config = settings.ToConfig(recorder.Stored.Count, firstRound, initial, hook, calSteps);
        return (FederatedTrainer.Run(model, task, config, seed, "FedEraser"), server);
    }

    private sealed class CalibrationHook(FederatedUnlearningServer server, FedEraserRecorder recorder, int firstRound, double stepRatio, int d) : IFederatedRoundHook
    {
        private readonly int[] rounds = [.. recorder.Stored.Keys];

        public FederatedRoundPlan? PlanRound(int round, int workers) => server.PlanRound(round, workers);

        public void OnUpdatesComputed(int round, ReadOnlySpan<int> participants, Span<double> updates)
        {
            var (clients, old) = recorder.Stored[rounds[round - firstRound]];
            for (int j = 0; j < participants.Length; j++)
            {
                int at = Array.IndexOf(clients, participants[j]);
                var u = updates.Slice(j * d, d);
                if (at < 0) { u.Clear(); continue; }   // the client did not take part in that round: no stored length
                double nOld = Norm(old.AsSpan(at * d, d)), nCal = Norm(u);
                // Delta~ = ||Delta_old|| Delta_cal / ||Delta_cal||, in the units of the calibration round (eta_l S' per unit)
                double f = nCal > 0 ? stepRatio * nOld / nCal : 0;
                for (int i = 0; i < d; i++) u[i] *= f;
            }
        }

        public bool OnRoundCompleted(int round, ReadOnlySpan<double> model) => server.OnRoundCompleted(round, model);

        private static double Norm(ReadOnlySpan<double> v)
        {
            double s = 0;
            foreach (double x in v) s += x * x;
            return Math.Sqrt(s);
        }
    }
}

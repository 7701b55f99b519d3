using PhyToolkit.Learning.Federated;

namespace PhyToolkit.Learning.Unlearning;

/// <summary>
/// Server side of federated learning with client unlearning by negated pseudo-gradients (PUF; Mora et al.,
/// arXiv 2504.05822). It is a <see cref="IFederatedRoundHook"/> of <see cref="FederatedTrainer"/>: every round it plans
/// FedAvg over the active clients with data-size weights, <c>Delta_t = sum_k (n_k / N_t) Delta_k</c> (§1.1 of
/// docs/unlearning-puf.md), except in a round where an <see cref="UnlearningRequest"/> is due, which it serves as
/// PUF-Regular, PUF-Special or natural forgetting (<see cref="UnlearningMode"/>); the forgotten clients then leave the
/// selection for good (the recovery phase is plain FedAvg over the rest, [code]).
/// </summary>
/// <remarks>
/// <para>The client update is <c>Delta_k = w_k - w_t</c> and its negation is the pseudo-gradient; a requester's update
/// enters with weight <c>-eta_u n_u / N</c>, i.e. the server takes an ascent step on it. The effective ascent scale is
/// <c>kappa_u = eta_u n_u / N</c> (<see cref="EffectiveScale"/>; [derived] in the docs page).</para>
/// <para>State: the set of active clients and the pending requests; no update history is kept (the server stores the
/// model only, claim P9). Requests may be submitted at any time before their round, also from an observer between
/// rounds. A rejected request leaves the state unchanged.</para>
/// </remarks>
public sealed class FederatedUnlearningServer : IFederatedRoundHook
{
    private readonly int[] sizes;
    private readonly SortedSet<int> active;
    private readonly SortedSet<int> forgotten = [];
    private readonly SortedDictionary<int, UnlearningRequest> pending = [];
    private int lastRound = -1;

    /// <summary>Creates the server for clients with data sizes <paramref name="clientSizes"/>.</summary>
    /// <param name="clientSizes">n_k &gt; 0 per client.</param>
    /// <param name="excluded">Clients never selected (e.g. the retrain-from-scratch reference without the forgotten ones).</param>
    public FederatedUnlearningServer(int[] clientSizes, IEnumerable<int>? excluded = null)
    {
        ArgumentNullException.ThrowIfNull(clientSizes);
        if (clientSizes.Length < 1) throw new ArgumentException("at least one client is required", nameof(clientSizes));
        foreach (int n in clientSizes) if (n < 1) throw new ArgumentOutOfRangeException(nameof(clientSizes), n, "every client size must be >= 1");
        sizes = (int[])clientSizes.Clone();
        active = [.. Enumerable.Range(0, sizes.Length)];
        foreach (int k in excluded ?? [])
        {
            if ((uint)k >= (uint)sizes.Length) throw new ArgumentOutOfRangeException(nameof(excluded), k, $"excluded clients must be in [0, {sizes.Length - 1}]");
            active.Remove(k);
        }
        if (active.Count == 0) throw new ArgumentException("excluding every client leaves nobody to train", nameof(excluded));
    }

    private int RoundsRunFloor => lastRound + 1;

    /// <summary>Clients still selected.</summary>
    public IReadOnlyCollection<int> ActiveClients => active;

    /// <summary>Clients forgotten so far.</summary>
    public IReadOnlyCollection<int> ForgottenClients => forgotten;

    /// <summary>Optional observer called after every round; returning false ends the run.</summary>
    public FederatedRoundObserver? Observer { get; set; }

    /// <summary>Rounds planned so far.</summary>
    public int RoundsRun { get; private set; }

    /// <summary>Client updates received so far (uplink transmissions, one per participant and round).</summary>
    public long ClientUploads { get; private set; }

    /// <summary>Rounds in which a request was served.</summary>
    public int UnlearningRounds { get; private set; }

    /// <summary>Model-sized vectors the server keeps between rounds beyond the model itself: always 0 (PUF stores no history).</summary>
    public long StoredVectors => 0;

    /// <summary>
    /// Queues <paramref name="request"/>. Rejected (state unchanged) when a client is unknown, already forgotten, excluded
    /// or in another pending request, when the round already has a request or has passed, when eta_u is negative or not
    /// finite, or when PUF-Regular / natural forgetting would leave no client to train.
    /// </summary>
    public void Submit(UnlearningRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Round < RoundsRunFloor) throw new ArgumentOutOfRangeException(nameof(request), request.Round, $"request.Round must be >= the next round {RoundsRunFloor}");
        if (!Enum.IsDefined(request.Mode)) throw new ArgumentOutOfRangeException(nameof(request), request.Mode, "request.Mode is not a known mode");
        if (!double.IsFinite(request.EtaU) || request.EtaU < 0) throw new ArgumentOutOfRangeException(nameof(request), request.EtaU, "request.EtaU must be finite and >= 0");
        if (request.Clients is null || request.Clients.Length == 0) throw new ArgumentException("request.Clients must name at least one client", nameof(request));
        if (request.Clients.Distinct().Count() != request.Clients.Length) throw new ArgumentException("request.Clients must be distinct", nameof(request));
        foreach (int k in request.Clients)
        {
            if ((uint)k >= (uint)sizes.Length) throw new ArgumentOutOfRangeException(nameof(request), k, $"unknown client {k}: clients are 0..{sizes.Length - 1}");
            if (forgotten.Contains(k)) throw new ArgumentException($"client {k} is already forgotten", nameof(request));
            if (!active.Contains(k)) throw new ArgumentException($"client {k} is not a participant (excluded)", nameof(request));
            if (pending.Values.Any(r => r.Clients.Contains(k))) throw new ArgumentException($"client {k} already has a pending request", nameof(request));
        }
        if (pending.ContainsKey(request.Round)) throw new ArgumentException($"round {request.Round} already serves a request (put concurrent clients in one request)", nameof(request));
        int pendingOthers = pending.Values.Sum(r => r.Clients.Length);
        if (request.Mode != UnlearningMode.PufSpecial && active.Count - pendingOthers - request.Clients.Length < 1)
            throw new ArgumentException("the request would leave no client to train", nameof(request));
        pending[request.Round] = request with { Clients = [.. request.Clients.Order()] };
    }

    /// <summary>Effective ascent scale <c>kappa_u = eta_u n_u / N</c> of each requester in <paramref name="request"/> with
    /// the current active set: <c>N</c> = data of all participants (Regular) or of the requesters (Special); 0 for natural forgetting.</summary>
    public double[] EffectiveScale(UnlearningRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Mode == UnlearningMode.NaturalForgetting) return new double[request.Clients.Length];
        double N = request.Mode == UnlearningMode.PufRegular ? active.Sum(k => (double)sizes[k]) : request.Clients.Sum(k => (double)sizes[k]);
        return [.. request.Clients.Select(u => request.EtaU * sizes[u] / N)];
    }

    /// <inheritdoc />
    public FederatedRoundPlan? PlanRound(int round, int workers)
    {
        if (workers != sizes.Length) throw new InvalidOperationException($"the server knows {sizes.Length} clients, the task has {workers}");
        RoundsRun++;
        lastRound = round;
        FederatedRoundPlan plan;
        if (pending.TryGetValue(round, out var r))
        {
            UnlearningRounds++;
            var U = new HashSet<int>(r.Clients);
            switch (r.Mode)
            {
                case UnlearningMode.PufRegular:
                {
                    // Delta_t = sum_{k in R_t} (n_k/N_t) Delta_k - eta_u sum_{u in U} (n_u/N_t) Delta_u, N_t over R_t and U
                    int[] part = [.. active];
                    double N = part.Sum(k => (double)sizes[k]);
                    plan = new FederatedRoundPlan(part, [.. part.Select(k => (U.Contains(k) ? -r.EtaU : 1.0) * sizes[k] / N)]);
                    break;
                }
                case UnlearningMode.PufSpecial:
                {
                    // w_{t+1} = w_t - eta_u sum_{u in U} (n_u/N_U) Delta_u
                    double N = r.Clients.Sum(k => (double)sizes[k]);
                    plan = new FederatedRoundPlan([.. r.Clients], [.. r.Clients.Select(k => -r.EtaU * sizes[k] / N)]);
                    break;
                }
                default:
                    plan = FedAvg(active.Where(k => !U.Contains(k)));
                    break;
            }
            pending.Remove(round);
            foreach (int u in r.Clients) { active.Remove(u); forgotten.Add(u); }
        }
        else plan = FedAvg(active);
        ClientUploads += plan.Workers.Length;
        return plan;
    }

    private FederatedRoundPlan FedAvg(IEnumerable<int> clients)
    {
        int[] part = [.. clients];
        double N = part.Sum(k => (double)sizes[k]);
        return new FederatedRoundPlan(part, [.. part.Select(k => sizes[k] / N)]);
    }

    /// <inheritdoc />
    public void OnUpdatesComputed(int round, ReadOnlySpan<int> participants, Span<double> updates) { }

    /// <inheritdoc />
    public bool OnRoundCompleted(int round, ReadOnlySpan<double> model) => Observer?.Invoke(round, model) ?? true;
}

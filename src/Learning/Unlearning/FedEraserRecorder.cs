using PhyToolkit.Learning.Federated;

namespace PhyToolkit.Learning.Unlearning;

/// <summary>
/// Wraps a round hook and keeps every participant's update of every <see cref="Interval"/>-th round, as FedEraser
/// (Liu et al., IWQoS 2021) must during the original training, so that <see cref="FedEraser"/> can later reconstruct the
/// model without a client. Storage grows as (rounds / interval) x K x p (claim P9 of docs/unlearning-puf.md).
/// </summary>
public sealed class FedEraserRecorder : IFederatedRoundHook
{
    private readonly IFederatedRoundHook inner;
    private readonly SortedDictionary<int, (int[] Clients, double[] Updates)> stored = [];

    /// <summary>Records every <paramref name="interval"/>-th round (counted from <paramref name="firstRound"/>) of a run planned by <paramref name="inner"/>.</summary>
    /// <param name="inner">The hook that plans the rounds (e.g. a <see cref="FederatedUnlearningServer"/>).</param>
    /// <param name="interval">Retention interval Delta t (&gt;= 1); the paper's code tag uses 2.</param>
    /// <param name="firstRound">First round of the recorded run.</param>
    public FedEraserRecorder(IFederatedRoundHook inner, int interval, int firstRound = 0)
    {
        this.inner = inner ?? throw new ArgumentNullException(nameof(inner));
        if (interval < 1) throw new ArgumentOutOfRangeException(nameof(interval), interval, "interval must be >= 1");
        if (firstRound < 0) throw new ArgumentOutOfRangeException(nameof(firstRound), firstRound, "firstRound must be >= 0");
        Interval = interval; FirstRound = firstRound;
    }

    /// <summary>Retention interval.</summary>
    public int Interval { get; }

    /// <summary>First recorded round.</summary>
    public int FirstRound { get; }

    /// <summary>Stored rounds in order, with the participants and their updates (row-major, participants x d).</summary>
    public IReadOnlyDictionary<int, (int[] Clients, double[] Updates)> Stored => stored;

    /// <summary>Number of stored model-sized vectors (one per participant and stored round).</summary>
    public long StoredVectors => stored.Values.Sum(s => (long)s.Clients.Length);

    /// <inheritdoc />
    public FederatedRoundPlan? PlanRound(int round, int workers) => inner.PlanRound(round, workers);

    /// <inheritdoc />
    public void OnUpdatesComputed(int round, ReadOnlySpan<int> participants, Span<double> updates)
    {
        inner.OnUpdatesComputed(round, participants, updates);
        if ((round - FirstRound) % Interval == 0) stored[round] = (participants.ToArray(), updates.ToArray());
    }

    /// <inheritdoc />
    public bool OnRoundCompleted(int round, ReadOnlySpan<double> model) => inner.OnRoundCompleted(round, model);
}

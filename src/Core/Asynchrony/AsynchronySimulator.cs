using PhyToolkit.Core.Random;

namespace PhyToolkit.Core.Asynchrony;

/// <summary>
/// Discrete-event simulator of one server and <c>n</c> workers on a virtual clock (no threads): every worker loops
/// "receive the server's reply (downlink) → compute → send (uplink)", the server processes messages one at a time in
/// arrival order (processing time from its own model) and replies to the sender only; nobody waits for anybody else.
/// This is the asynchronous architecture of Asyn-PD (arXiv 2509.01172, abstract: heterogeneous computation and
/// communication times, no waiting for all workers; timing model of its docs/asyn-pd.md, [Proposed]). The synchronous baseline
/// (server waits for every worker) is <see cref="SynchronousRound"/>.
/// </summary>
/// <remarks>
/// <para>Use: <see cref="Start"/>, then repeat <see cref="Next"/> (the next message the server processes: worker, stamp,
/// times) and <see cref="Reply"/> (the server answers that worker, which starts its next cycle). Because a worker blocks
/// until its reply, its next message depends only on the reply's content, so a caller may perform the worker's
/// computation at reply time.</para>
/// <para>Determinism: worker <c>i</c> draws its durations from its own stream <c>Mix(seed, i + 1)</c> and the server from
/// <c>Mix(seed, 0)</c>; ties in time leave the queue in scheduling order (<see cref="EventQueue{T}"/>). A run is therefore a
/// function of the seed alone, whatever thread runs it. The same engine serves straggler / asynchronous-round studies
/// (a federated round = <see cref="SynchronousRound"/>; an asynchronous one = <see cref="Next"/>).</para>
/// </remarks>
public sealed class AsynchronySimulator
{
    private readonly WorkerTiming[] _workers;
    private readonly IDelayModel _server;
    private readonly Xoshiro256StarStar[] _rng;
    private Xoshiro256StarStar _serverRng;
    private readonly EventQueue<(int Worker, long Stamp, double IssueTime)> _queue = new();
    private readonly ulong _seed;
    private double _serverFreeAt;
    private bool _awaitingReply;
    private int _lastWorker = -1;

    /// <summary>Creates the simulator.</summary>
    /// <param name="workers">Per-worker timing (at least one worker).</param>
    /// <param name="seed">Seed of the timing randomness (a work unit's seed).</param>
    /// <param name="serverProcessing">Server processing time per message (default: 0, docs/asyn-pd.md).</param>
    public AsynchronySimulator(IReadOnlyList<WorkerTiming> workers, ulong seed, IDelayModel? serverProcessing = null)
    {
        ArgumentNullException.ThrowIfNull(workers);
        if (workers.Count == 0) throw new ArgumentException("the simulator needs at least one worker.", nameof(workers));
        _workers = new WorkerTiming[workers.Count];
        for (int i = 0; i < _workers.Length; i++)
        {
            _workers[i] = workers[i] ?? throw new ArgumentNullException($"{nameof(workers)}[{i}]");
            _workers[i].Validate($"{nameof(workers)}[{i}]");
        }
        _server = serverProcessing ?? FixedDelay.Zero;
        _seed = seed;
        _rng = new Xoshiro256StarStar[_workers.Length];
        Statistics = new DelayStatistics(_workers.Length);
        Start();
    }

    /// <summary>Number of workers.</summary>
    public int Workers => _workers.Length;

    /// <summary>The timing of each worker.</summary>
    public IReadOnlyList<WorkerTiming> Timing => _workers;

    /// <summary>Current virtual time (of the last processed message or completed round).</summary>
    public double Time { get; private set; }

    /// <summary>Server iterations so far (messages processed, or rounds completed).</summary>
    public long Iteration { get; private set; }

    /// <summary>Staleness, age and per-worker update statistics of everything processed since <see cref="Start"/>.</summary>
    public DelayStatistics Statistics { get; }

    /// <summary>
    /// Restarts at time 0 with fresh streams from the seed: the server issues its state (stamp 0) to every worker at time 0
    /// (in worker order), each of which starts its first cycle.
    /// </summary>
    public void Start()
    {
        for (int i = 0; i < _rng.Length; i++) _rng[i] = new Xoshiro256StarStar(SeedMixer.Mix(_seed, (ulong)i + 1));
        _serverRng = new Xoshiro256StarStar(SeedMixer.Mix(_seed, 0));
        _queue.Clear();
        Statistics.Reset();
        Time = 0; Iteration = 0; _serverFreeAt = 0; _awaitingReply = false; _lastWorker = -1;
        for (int i = 0; i < _workers.Length; i++) _queue.Schedule(Cycle(i, 1), (i, 0, 0.0));
    }

    /// <summary>
    /// Processes the next message: the earliest arrival (first sent among ties); the server starts it when free, takes its
    /// processing time, and advances <see cref="Time"/> and <see cref="Iteration"/>. Call <see cref="Reply"/> before the next call.
    /// </summary>
    public ServerArrival Next()
    {
        if (_awaitingReply) throw new InvalidOperationException($"reply to worker {_lastWorker} before processing the next message.");
        var (arrival, e) = _queue.Pop();
        double start = Math.Max(arrival, _serverFreeAt);
        double done = start + _server.Sample(ref _serverRng);
        _serverFreeAt = done;
        Time = done;
        Iteration++;
        var a = new ServerArrival(e.Worker, e.Stamp, Iteration, arrival, done, e.IssueTime);
        Statistics.Record(a);
        _awaitingReply = true;
        _lastWorker = e.Worker;
        return a;
    }

    /// <summary>
    /// The server replies to the worker of the last processed message with its state stamped <see cref="Iteration"/>; the
    /// worker runs <paramref name="passes"/> local computation passes and sends its next message.
    /// </summary>
    public void Reply(int passes = 1)
    {
        if (!_awaitingReply) throw new InvalidOperationException("no processed message is waiting for a reply.");
        ArgumentOutOfRangeException.ThrowIfLessThan(passes, 1);
        _awaitingReply = false;
        _queue.Schedule(Time + Cycle(_lastWorker, passes), (_lastWorker, Iteration, Time));
    }

    /// <summary>
    /// One synchronous round (the baseline that waits for all workers): the server broadcasts, every worker runs
    /// <paramref name="passes"/> passes and replies, the server processes once; round time = max_i(downlink_i + compute_i +
    /// uplink_i) + processing (docs/asyn-pd.md, Sync-PD). Advances <see cref="Time"/> and <see cref="Iteration"/> by one round and
    /// returns the round's duration. Do not mix with <see cref="Next"/> without <see cref="Start"/> in between.
    /// </summary>
    public double SynchronousRound(int passes = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(passes, 1);
        double longest = 0;
        for (int i = 0; i < _workers.Length; i++) longest = Math.Max(longest, Cycle(i, passes));
        double duration = longest + _server.Sample(ref _serverRng);
        double issue = Time;
        Time += duration;
        Iteration++;
        for (int i = 0; i < _workers.Length; i++)
            Statistics.Record(new ServerArrival(i, Iteration - 1, Iteration, Time, Time, issue));
        return duration;
    }

    private double Cycle(int i, int passes)
    {
        var w = _workers[i];
        ref var rng = ref _rng[i];
        double t = w.Downlink.Sample(ref rng);
        for (int k = 0; k < passes; k++) t += w.Compute.Sample(ref rng);
        return t + w.Uplink.Sample(ref rng);
    }
}

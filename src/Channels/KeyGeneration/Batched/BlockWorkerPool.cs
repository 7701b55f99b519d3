using System.Runtime.ExceptionServices;

namespace PhyToolkit.Channels.KeyGeneration.Batched;

/// <summary>
/// A fixed set of background worker threads that run one body per worker index and then wait again, so a parallel batch
/// allocates nothing in steady state (Parallel.For allocates its bookkeeping on every call). Worker 0 is the calling
/// thread. Threads start on first use; <see cref="Dispose"/> stops them. One batch at a time (not re-entrant).
/// </summary>
public sealed class BlockWorkerPool : IDisposable
{
    private readonly int _workers;
    private readonly SemaphoreSlim[] _start;
    private readonly CountdownEvent _done;
    private Thread[]? _threads;
    private Action<int>? _body;
    private ExceptionDispatchInfo? _error;
    private volatile bool _stop;

    /// <summary>Creates the pool (no thread is started before the first parallel <see cref="Run"/>).</summary>
    /// <param name="workers">Worker count including the calling thread, ≥ 1.</param>
    public BlockWorkerPool(int workers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        _workers = workers;
        _start = new SemaphoreSlim[Math.Max(workers - 1, 0)];
        for (int i = 0; i < _start.Length; i++) _start[i] = new SemaphoreSlim(0, 1);
        _done = new CountdownEvent(1);
    }

    /// <summary>Runs body(0) … body(count − 1) concurrently (count ≤ workers) and returns when all have finished.</summary>
    public void Run(int count, Action<int> body)
    {
        ObjectDisposedException.ThrowIf(_stop, this);
        if (count <= 1) { body(0); return; }
        EnsureThreads();
        _body = body;
        _error = null;
        _done.Reset(count - 1);
        for (int w = 1; w < count; w++) _start[w - 1].Release();
        try { body(0); }
        finally { _done.Wait(); }
        _error?.Throw();
    }

    private void EnsureThreads()
    {
        if (_threads != null) return;
        _threads = new Thread[_workers - 1];
        for (int i = 0; i < _threads.Length; i++)
        {
            int index = i;
            _threads[i] = new Thread(() => Loop(index)) { IsBackground = true, Name = $"phytk-kgr-worker-{index + 1}" };
            _threads[i].Start();
        }
    }

    private void Loop(int index)
    {
        while (true)
        {
            _start[index].Wait();
            if (_stop) return;
            try { _body!(index + 1); }
            catch (Exception e) { _error ??= ExceptionDispatchInfo.Capture(e); }
            finally { _done.Signal(); }
        }
    }

    /// <summary>Stops and joins the worker threads.</summary>
    public void Dispose()
    {
        if (_stop) return;
        _stop = true;
        if (_threads != null)
        {
            foreach (var s in _start) s.Release();
            foreach (var t in _threads) t.Join();
        }
        foreach (var s in _start) s.Dispose();
        _done.Dispose();
    }
}

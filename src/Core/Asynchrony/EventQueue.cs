namespace PhyToolkit.Core.Asynchrony;

/// <summary>
/// The event queue of a discrete-event simulation on a virtual clock: a binary min-heap ordered by (time, insertion
/// sequence), so events due at the same time leave in the order they were scheduled (stable tie order, hence
/// reproducible runs). Popping an event advances <see cref="Now"/> to its time; scheduling into the past is refused.
/// </summary>
/// <typeparam name="T">The event payload.</typeparam>
public sealed class EventQueue<T>
{
    private (double Time, long Sequence, T Item)[] _heap = new (double, long, T)[16];
    private long _sequence;

    /// <summary>Events waiting.</summary>
    public int Count { get; private set; }

    /// <summary>The virtual time of the last event popped (0 at the start).</summary>
    public double Now { get; private set; }

    /// <summary>Schedules <paramref name="item"/> at absolute time <paramref name="time"/> (finite, &gt;= <see cref="Now"/>).</summary>
    public void Schedule(double time, T item)
    {
        if (!double.IsFinite(time) || time < Now)
            throw new ArgumentOutOfRangeException(nameof(time), time, $"an event must be scheduled at a finite time >= now ({Now}).");
        if (Count == _heap.Length) Array.Resize(ref _heap, 2 * _heap.Length);
        int k = Count++;
        var e = (time, _sequence++, item);
        while (k > 0)
        {
            int parent = (k - 1) >> 1;
            if (!Before(e, _heap[parent])) break;
            _heap[k] = _heap[parent];
            k = parent;
        }
        _heap[k] = e;
    }

    /// <summary>Schedules <paramref name="item"/> after a delay (finite, &gt;= 0) from <see cref="Now"/>.</summary>
    public void ScheduleAfter(double delay, T item)
    {
        if (!double.IsFinite(delay) || delay < 0)
            throw new ArgumentOutOfRangeException(nameof(delay), delay, "a delay must be a finite number >= 0.");
        Schedule(Now + delay, item);
    }

    /// <summary>The time of the next event (the queue must not be empty).</summary>
    public double PeekTime() => Count > 0 ? _heap[0].Time : throw new InvalidOperationException("the event queue is empty.");

    /// <summary>Removes the earliest event (first scheduled among equal times), advances <see cref="Now"/> and returns it.</summary>
    public (double Time, T Item) Pop()
    {
        if (Count == 0) throw new InvalidOperationException("the event queue is empty.");
        var top = _heap[0];
        var last = _heap[--Count];
        _heap[Count] = default;
        int k = 0;
        if (Count > 0)
        {
            while (true)
            {
                int child = 2 * k + 1;
                if (child >= Count) break;
                if (child + 1 < Count && Before(_heap[child + 1], _heap[child])) child++;
                if (!Before(_heap[child], last)) break;
                _heap[k] = _heap[child];
                k = child;
            }
            _heap[k] = last;
        }
        Now = top.Time;
        return (top.Time, top.Item);
    }

    /// <summary>Empties the queue and sets the clock back to 0.</summary>
    public void Clear()
    {
        Array.Clear(_heap);
        Count = 0;
        _sequence = 0;
        Now = 0;
    }

    private static bool Before((double Time, long Sequence, T) a, (double Time, long Sequence, T) b) =>
        a.Time < b.Time || (a.Time == b.Time && a.Sequence < b.Sequence);
}

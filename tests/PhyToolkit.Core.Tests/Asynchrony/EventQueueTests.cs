using PhyToolkit.Core.Asynchrony;
using PhyToolkit.Core.Random;

namespace PhyToolkit.Core.Tests.Asynchrony;

public class EventQueueTests
{
    [Fact]
    public void EventsAtTheSameTimeLeaveInSchedulingOrder()
    {
        var q = new EventQueue<int>();
        // Interleave two times; within each time the insertion order must be kept whatever the heap does.
        for (int k = 0; k < 50; k++) q.Schedule(k % 2 == 0 ? 1.0 : 0.5, k);
        var order = new List<int>();
        while (q.Count > 0) order.Add(q.Pop().Item);
        var expected = Enumerable.Range(0, 50).Where(k => k % 2 == 1).Concat(Enumerable.Range(0, 50).Where(k => k % 2 == 0)).ToList();
        Assert.Equal(expected, order);
        Assert.Equal(1.0, q.Now);
    }

    [Fact]
    public void PopsInTheOrderOfAStableSortOfRandomTimes()
    {
        var rng = new Xoshiro256StarStar(11);
        var q = new EventQueue<int>();
        var times = new double[500];
        for (int k = 0; k < times.Length; k++)
        {
            times[k] = rng.NextInt(40) * 0.25;   // many ties on purpose
            q.Schedule(times[k], k);
        }
        // Reference: LINQ OrderBy is a stable sort.
        var expected = Enumerable.Range(0, times.Length).OrderBy(k => times[k]).ToList();
        var got = new List<int>();
        while (q.Count > 0) got.Add(q.Pop().Item);
        Assert.Equal(expected, got);
    }

    [Fact]
    public void RefusesThePastAndNonFiniteTimes()
    {
        var q = new EventQueue<string>();
        q.Schedule(2, "a");
        q.Pop();
        Assert.Throws<ArgumentOutOfRangeException>(() => q.Schedule(1.5, "b"));
        Assert.Throws<ArgumentOutOfRangeException>(() => q.Schedule(double.NaN, "b"));
        Assert.Throws<ArgumentOutOfRangeException>(() => q.ScheduleAfter(-0.1, "b"));
        Assert.Throws<InvalidOperationException>(() => q.Pop());
        q.ScheduleAfter(0, "c");
        Assert.Equal((2.0, "c"), q.Pop());
    }
}

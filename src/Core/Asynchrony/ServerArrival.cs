namespace PhyToolkit.Core.Asynchrony;

/// <summary>
/// A worker message as the server processes it: who sent it, when, and the stamp of the server state the worker computed
/// it from. Staleness (the delay of the message in server iterations) is <c>Iteration − 1 − Stamp</c>: the number of
/// server updates that happened between issuing the worker's information and using its reply.
/// </summary>
/// <param name="Worker">The sending worker, 0-based.</param>
/// <param name="Stamp">The server iteration at which the information the worker used was issued (docs/asyn-pd.md: s_i).</param>
/// <param name="Iteration">The server iteration this message triggers (1, 2, ...): the new value of t.</param>
/// <param name="ArrivalTime">Virtual time the message reached the server.</param>
/// <param name="Time">Virtual time the server finished processing it (arrival, plus waiting, plus processing).</param>
/// <param name="IssueTime">Virtual time the worker's information was issued by the server.</param>
public readonly record struct ServerArrival(int Worker, long Stamp, long Iteration, double ArrivalTime, double Time, double IssueTime)
{
    /// <summary>The message's staleness τ = t_now − s_i in server iterations (docs/asyn-pd.md), counted before this update.</summary>
    public long Staleness => Iteration - 1 - Stamp;

    /// <summary>The round-trip age of the information in virtual time (processing time − issue time).</summary>
    public double Age => Time - IssueTime;
}

namespace PhyToolkit.Learning.Unlearning;

/// <summary>
/// A request to forget one or more clients, served in round <see cref="Round"/>. Several clients in one request are
/// concurrent requests: every requester trains from the same <c>w_t</c> and its negated update is weighted by its own
/// data size (arXiv 2504.05822, [paper] and [code]).
/// </summary>
/// <param name="Round">Absolute round in which the request is served (&gt;= 0).</param>
/// <param name="Clients">Clients to forget (distinct, at least one).</param>
/// <param name="Mode">How the request is served.</param>
/// <param name="EtaU">Scale eta_u (&gt;= 0, finite) of the negated pseudo-gradient; code defaults 2 (Special) and 20 (Regular); unused by natural forgetting.</param>
public sealed record UnlearningRequest(int Round, int[] Clients, UnlearningMode Mode, double EtaU);

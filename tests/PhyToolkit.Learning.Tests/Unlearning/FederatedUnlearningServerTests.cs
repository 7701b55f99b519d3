using PhyToolkit.Learning.Federated;
using PhyToolkit.Learning.Unlearning;

namespace PhyToolkit.Learning.Tests.Unlearning;

/// <summary>
/// PUF rounds on a deterministic case: every client's update Delta_k is measured by a one-client FedAvg round from the
/// same model with the same batch stream (batches depend on seed, round and client only), and the PUF round must equal
/// the weighted sum of docs/unlearning-puf.md §1.2 up to floating-point rounding of the weights (1e-12 absolute on
/// parameters of order 1).
/// </summary>
public class FederatedUnlearningServerTests
{
    private const ulong Seed = 11;
    private const int Round = 5;
    private static readonly FedAvgSettings Settings = new() { LocalSteps = 3, LocalLearningRate = 0.2, BatchSize = 8 };

    private static (CanaryTask Task, ManagedMlpModel Model, double[] W0) Setup()
    {
        var task = CanaryTask.Generate(new CanaryTaskOptions
        {
            Dimension = 6, Classes = 3, TrainSamples = 160, TestSamples = 60, Clients = 4, DirichletAlpha = 1, CanariesPerClient = 5, CanaryClients = [0, 1],
        }, Seed);
        var model = new ManagedMlpModel(6, 3, 8, MlpModel.GlorotBasePoint(6, 3, 8, 3));
        var server = new FederatedUnlearningServer(task.ClientSizes());
        var w0 = FederatedTrainer.Run(model, task.Task, Settings.ToConfig(Round, 0, null, server), Seed).FinalParameters;
        return (task, model, w0);
    }

    private static double[] OneRound(CanaryTask task, ManagedMlpModel model, double[] w0, FederatedUnlearningServer server) =>
        FederatedTrainer.Run(model, task.Task, Settings.ToConfig(1, Round, w0, server), Seed).FinalParameters;

    /// <summary>Delta_k = w_k - w_t of client k alone (a one-client FedAvg round has weight n_k/n_k = 1).</summary>
    private static double[] Delta(CanaryTask task, ManagedMlpModel model, double[] w0, int k)
    {
        var others = Enumerable.Range(0, task.Clients).Where(j => j != k);
        var w1 = OneRound(task, model, w0, new FederatedUnlearningServer(task.ClientSizes(), others));
        return [.. w1.Select((v, i) => v - w0[i])];
    }

    private static void AssertClose(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i], 1e-12);
    }

    [Fact]
    public void SpecialRoundStepsAlongTheNegatedScaledUpdateOfTheRequester()
    {
        var (task, model, w0) = Setup();
        var du = Delta(task, model, w0, 0);
        Assert.True(du.Max(Math.Abs) > 1e-3);   // a real update, not a trivial zero
        var server = new FederatedUnlearningServer(task.ClientSizes());
        server.Submit(new UnlearningRequest(Round, [0], UnlearningMode.PufSpecial, 2.0));
        var w1 = OneRound(task, model, w0, server);
        AssertClose([.. du.Select(v => -2.0 * v)], [.. w1.Select((v, i) => v - w0[i])]);
        Assert.DoesNotContain(0, server.ActiveClients);
        Assert.Contains(0, server.ForgottenClients);
        Assert.Equal(0, server.StoredVectors);
    }

    [Fact]
    public void RegularRoundIsFedAvgOfTheRestPlusTheNegatedRequesterOverAllParticipantsData()
    {
        var (task, model, w0) = Setup();
        var n = task.ClientSizes();
        double N = n.Sum(), eta = 20;
        var deltas = Enumerable.Range(0, task.Clients).Select(k => Delta(task, model, w0, k)).ToArray();
        var server = new FederatedUnlearningServer(n);
        server.Submit(new UnlearningRequest(Round, [1], UnlearningMode.PufRegular, eta));
        Assert.Equal(eta * n[1] / N, server.EffectiveScale(new UnlearningRequest(Round, [1], UnlearningMode.PufRegular, eta))[0], 12);
        var w1 = OneRound(task, model, w0, server);
        var expected = new double[w0.Length];
        for (int k = 0; k < task.Clients; k++)
        {
            double a = (k == 1 ? -eta : 1) * n[k] / N;
            for (int i = 0; i < expected.Length; i++) expected[i] += a * deltas[k][i];
        }
        AssertClose(expected, [.. w1.Select((v, i) => v - w0[i])]);
    }

    [Fact]
    public void RegularAtTheMatchedScaleDiffersFromSpecialByExactlyTheRetainedDescentStep()
    {
        // Regular with eta_R = eta_S N/n_u puts weight -eta_S on Delta_u, as Special does; the defining difference is the
        // retained clients' FedAvg term sum_{k != u} (n_k/N) Delta_k, which Special does not take.
        var (task, model, w0) = Setup();
        var n = task.ClientSizes();
        double N = n.Sum(), etaS = 2;
        var special = new FederatedUnlearningServer(n);
        special.Submit(new UnlearningRequest(Round, [0], UnlearningMode.PufSpecial, etaS));
        var regular = new FederatedUnlearningServer(n);
        regular.Submit(new UnlearningRequest(Round, [0], UnlearningMode.PufRegular, etaS * N / n[0]));
        var ws = OneRound(task, model, w0, special);
        var wr = OneRound(task, model, w0, regular);
        var retained = new double[w0.Length];
        for (int k = 1; k < task.Clients; k++)
        {
            var d = Delta(task, model, w0, k);
            for (int i = 0; i < d.Length; i++) retained[i] += n[k] / N * d[i];
        }
        AssertClose(retained, [.. wr.Select((v, i) => v - ws[i])]);
        Assert.True(retained.Max(Math.Abs) > 1e-3);
    }

    [Fact]
    public void ConcurrentRequestsWeighEachNegatedUpdateByItsOwnData()
    {
        var (task, model, w0) = Setup();
        var n = task.ClientSizes();
        double NU = n[0] + n[2], eta = 1.5;
        var d0 = Delta(task, model, w0, 0);
        var d2 = Delta(task, model, w0, 2);
        var server = new FederatedUnlearningServer(n);
        server.Submit(new UnlearningRequest(Round, [2, 0], UnlearningMode.PufSpecial, eta));
        var w1 = OneRound(task, model, w0, server);
        AssertClose([.. d0.Select((v, i) => -eta * (n[0] / NU * v + n[2] / NU * d2[i]))], [.. w1.Select((v, i) => v - w0[i])]);
        Assert.Equal(2, task.Clients - server.ActiveClients.Count);
    }

    [Fact]
    public void ZeroScaleSpecialRoundLeavesTheModelBitForBit()
    {
        var (task, model, w0) = Setup();
        var server = new FederatedUnlearningServer(task.ClientSizes());
        server.Submit(new UnlearningRequest(Round, [0], UnlearningMode.PufSpecial, 0));
        Assert.Equal(w0, OneRound(task, model, w0, server));
    }

    [Fact]
    public void NaturalForgettingIsFedAvgWithoutTheRequester()
    {
        var (task, model, w0) = Setup();
        var leave = new FederatedUnlearningServer(task.ClientSizes());
        leave.Submit(new UnlearningRequest(Round, [3], UnlearningMode.NaturalForgetting, 0));
        var without = new FederatedUnlearningServer(task.ClientSizes(), [3]);
        Assert.Equal(OneRound(task, model, w0, without), OneRound(task, model, w0, leave));
    }

    [Fact]
    public void RecoveryRoundsAfterTheRequestNeverSelectTheForgottenClient()
    {
        var (task, model, w0) = Setup();
        var server = new FederatedUnlearningServer(task.ClientSizes());
        server.Submit(new UnlearningRequest(Round, [1], UnlearningMode.PufSpecial, 2));
        Assert.Equal([1], server.PlanRound(Round, task.Clients)!.Workers);
        for (int t = 1; t <= 3; t++) Assert.Equal([0, 2, 3], server.PlanRound(Round + t, task.Clients)!.Workers);
        Assert.Equal(1 + 3 * 3, server.ClientUploads);
    }

    [Fact]
    public void BadRequestsAreRefusedAndLeaveTheServerUnchanged()
    {
        var n = new[] { 10, 20, 30 };
        var server = new FederatedUnlearningServer(n, [2]);
        server.Submit(new UnlearningRequest(4, [0], UnlearningMode.PufSpecial, 2));
        UnlearningRequest[] bad =
        [
            new(5, [7], UnlearningMode.PufSpecial, 2),             // unknown client
            new(5, [2], UnlearningMode.PufSpecial, 2),             // excluded
            new(5, [0], UnlearningMode.PufSpecial, 2),             // already pending
            new(4, [1], UnlearningMode.PufSpecial, 2),             // round already serves a request
            new(5, [1], UnlearningMode.PufSpecial, -1),            // eta_u < 0
            new(5, [1], UnlearningMode.PufSpecial, double.NaN),    // eta_u not finite
            new(5, [1], UnlearningMode.PufRegular, 2),             // nobody left to train
            new(5, [], UnlearningMode.PufSpecial, 2),              // no client
            new(5, [1, 1], UnlearningMode.PufSpecial, 2),          // duplicate
        ];
        foreach (var r in bad) Assert.ThrowsAny<ArgumentException>(() => server.Submit(r));
        Assert.Equal([0, 1], server.ActiveClients);
        Assert.Empty(server.ForgottenClients);
        Assert.Equal([0], server.PlanRound(4, 3)!.Workers);           // the queued request is served as submitted
        Assert.Throws<ArgumentException>(() => server.Submit(new UnlearningRequest(6, [0], UnlearningMode.PufSpecial, 2)));   // already forgotten
        Assert.Throws<ArgumentOutOfRangeException>(() => server.Submit(new UnlearningRequest(3, [1], UnlearningMode.PufSpecial, 2)));   // past round
    }
}

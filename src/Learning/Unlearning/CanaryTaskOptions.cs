namespace PhyToolkit.Learning.Unlearning;

/// <summary>
/// Generated federated classification data with canaries (docs/unlearning-puf.md, [Proposed] reproduction plan): C
/// Gaussian classes <c>x = mu_c + N(0, I_d)</c> with <c>mu_c = MeanScale N(0, I_d)</c>, split over K clients with
/// Dirichlet(alpha) label skew; the canary clients also hold extra points whose label is drawn uniformly from the
/// <b>wrong</b> classes, which only memorisation can fit. Defaults are the plan's (d = 32, C = 10, 10,000 / 2,000, K = 10,
/// alpha = 0.3, 100 canaries on client 0).
/// </summary>
public sealed record CanaryTaskOptions
{
    /// <summary>Feature dimension d (&gt;= 1).</summary>
    public int Dimension { get; init; } = 32;

    /// <summary>Classes C (&gt;= 2).</summary>
    public int Classes { get; init; } = 10;

    /// <summary>Natural training samples over all clients (&gt;= 10 Clients).</summary>
    public int TrainSamples { get; init; } = 10_000;

    /// <summary>Test samples (&gt;= 1).</summary>
    public int TestSamples { get; init; } = 2_000;

    /// <summary>Clients K (&gt;= 2).</summary>
    public int Clients { get; init; } = 10;

    /// <summary>Dirichlet concentration alpha of the label skew (&gt; 0).</summary>
    public double DirichletAlpha { get; init; } = 0.3;

    /// <summary>Minimum natural samples per client (&gt;= 1; our choice 10, as Flower's partitioner).</summary>
    public int MinClientSamples { get; init; } = 10;

    /// <summary>Scale of the class means, <c>mu_c = MeanScale N(0, I)</c> (&gt; 0).</summary>
    public double MeanScale { get; init; } = 2;

    /// <summary>Canaries per canary client (&gt;= 0).</summary>
    public int CanariesPerClient { get; init; } = 100;

    /// <summary>Clients that hold canaries (distinct, each in [0, Clients)).</summary>
    public int[] CanaryClients { get; init; } = [0];

    /// <summary>Checks every field; the exception names the field.</summary>
    public void Validate()
    {
        if (Dimension < 1) throw new ArgumentOutOfRangeException(nameof(Dimension), Dimension, "Dimension must be >= 1");
        if (Classes < 2 || Classes > 1024) throw new ArgumentOutOfRangeException(nameof(Classes), Classes, "Classes must be in [2, 1024]");
        if (Clients < 2) throw new ArgumentOutOfRangeException(nameof(Clients), Clients, "Clients must be >= 2");
        if (MinClientSamples < 1) throw new ArgumentOutOfRangeException(nameof(MinClientSamples), MinClientSamples, "MinClientSamples must be >= 1");
        if ((long)TrainSamples < (long)MinClientSamples * Clients) throw new ArgumentOutOfRangeException(nameof(TrainSamples), TrainSamples, $"TrainSamples must be >= MinClientSamples x Clients = {MinClientSamples * Clients}");
        if (TestSamples < 1) throw new ArgumentOutOfRangeException(nameof(TestSamples), TestSamples, "TestSamples must be >= 1");
        if (!(DirichletAlpha > 0) || !double.IsFinite(DirichletAlpha)) throw new ArgumentOutOfRangeException(nameof(DirichletAlpha), DirichletAlpha, "DirichletAlpha must be finite and > 0");
        if (!(MeanScale > 0) || !double.IsFinite(MeanScale)) throw new ArgumentOutOfRangeException(nameof(MeanScale), MeanScale, "MeanScale must be finite and > 0");
        if (CanariesPerClient < 0) throw new ArgumentOutOfRangeException(nameof(CanariesPerClient), CanariesPerClient, "CanariesPerClient must be >= 0");
        ArgumentNullException.ThrowIfNull(CanaryClients, nameof(CanaryClients));
        if (CanaryClients.Distinct().Count() != CanaryClients.Length) throw new ArgumentException("CanaryClients must be distinct", nameof(CanaryClients));
        foreach (int k in CanaryClients)
            if ((uint)k >= (uint)Clients) throw new ArgumentOutOfRangeException(nameof(CanaryClients), k, $"CanaryClients must be in [0, {Clients - 1}]");
    }
}

namespace PhyToolkit.Learning.Unlearning.Evaluation;

/// <summary>
/// Cost of an unlearning method (docs/unlearning-puf.md): rounds, client uploads, bytes communicated on the uplink
/// (<c>uploads x p x 4 B</c>, float32 as in the spec's accounting) and bytes the server stores beyond the model.
/// </summary>
/// <param name="Rounds">Federated rounds spent by the method (for PUF: the unlearning round plus recovery).</param>
/// <param name="ClientUploads">Model-sized client uploads (participants summed over rounds).</param>
/// <param name="ParameterCount">p.</param>
/// <param name="StoredVectors">Model-sized vectors the server keeps beyond the current model (0 for PUF; rounds x K for FedEraser).</param>
public sealed record UnlearningCost(int Rounds, long ClientUploads, int ParameterCount, long StoredVectors)
{
    /// <summary>Uplink bytes = uploads x p x 4.</summary>
    public long BytesCommunicated => ClientUploads * ParameterCount * 4L;

    /// <summary>Server storage in bytes, model included: (1 + stored vectors) x p x 4.</summary>
    public long BytesStored => (1 + StoredVectors) * ParameterCount * 4L;
}

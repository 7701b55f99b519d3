namespace PhyToolkit.Learning.Federated;

/// <summary>Splits a labelled data set across clients (seeded; the same seed gives the same split).</summary>
public interface IDataPartitioner
{
    /// <summary>Returns, for each client, the indices of its samples (disjoint, covering all samples).</summary>
    /// <param name="labels">Labels of the data set.</param>
    /// <param name="classes">Number of classes (&gt;= 2).</param>
    /// <param name="clients">Number of clients (&gt;= 1).</param>
    /// <param name="seed">Partition seed.</param>
    int[][] Partition(ReadOnlySpan<int> labels, int classes, int clients, ulong seed);
}

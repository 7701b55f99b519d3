using PhyToolkit.Core.Random;

namespace PhyToolkit.Learning.Hebbian;

/// <summary>
/// A learner that updates its weights from one input sample at a time (online Hebbian rules and online SGD for small
/// linear networks), as studied for representational drift in Pashakhanloo, arXiv 2510.21588. Conventions shared by
/// every implementation: matrices are row-major <c>double[]</c>; the input has <see cref="InputDimension"/> = n
/// entries; <see cref="Filter"/> writes the representation map (rows = representation units) whose rotation inside the
/// task-relevant subspace is the drift; <see cref="OutputMap"/> writes the input–output map whose row space is compared
/// with the task-relevant subspace (equal to the filter for the unsupervised learners).
/// </summary>
public interface IOnlineLearner
{
    /// <summary>Input dimension n.</summary>
    int InputDimension { get; }

    /// <summary>Rows of <see cref="Filter"/> (the representation dimension m, or the hidden width h of the supervised net).</summary>
    int FilterRows { get; }

    /// <summary>Rows of <see cref="OutputMap"/>.</summary>
    int OutputRows { get; }

    /// <summary>One online update from the sample <paramref name="x"/> (length n) with task-relevant latent
    /// <paramref name="relevant"/> (used only by supervised learners to form their target), followed by the synaptic-noise
    /// kick when the learner has one. <paramref name="rng"/> supplies the learner's own randomness (label and synaptic noise).</summary>
    void Update(ReadOnlySpan<double> x, ReadOnlySpan<double> relevant, ref Xoshiro256StarStar rng);

    /// <summary>Writes the representation filter (<see cref="FilterRows"/> × n, row-major) into <paramref name="filter"/>.</summary>
    void Filter(Span<double> filter);

    /// <summary>Writes the input–output map (<see cref="OutputRows"/> × n, row-major) into <paramref name="map"/>.</summary>
    void OutputMap(Span<double> map);
}

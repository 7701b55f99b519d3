using PhyToolkit.Core.Random;

namespace PhyToolkit.Core.Asynchrony;

/// <summary>
/// A random duration on the virtual clock (a computation time, a link latency): non-negative, with a known mean and
/// variance so that simulated statistics can be checked against the model. Asyn-PD timing model (spec of arXiv
/// 2509.01172, §1.3, [Proposed]).
/// </summary>
/// <remarks>
/// Conventions every implementation keeps (the tests check them): <see cref="Sample"/> returns a finite value &gt;= 0 and
/// draws only from the generator passed in; <see cref="Mean"/> and <see cref="Variance"/> are the exact moments of the
/// distribution sampled (for a trace: of the trace's values).
/// </remarks>
public interface IDelayModel
{
    /// <summary>Short name for reports, e.g. "exp(1)".</summary>
    string Name { get; }

    /// <summary>The mean duration (virtual time units).</summary>
    double Mean { get; }

    /// <summary>The variance of the duration.</summary>
    double Variance { get; }

    /// <summary>Draws one duration &gt;= 0.</summary>
    double Sample(ref Xoshiro256StarStar rng);
}

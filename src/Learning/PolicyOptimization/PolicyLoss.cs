using TorchSharp;
using static TorchSharp.torch;

namespace PhyToolkit.Learning.PolicyOptimization;

/// <summary>
/// The clipped surrogate losses of GRPO, DAPO, GSPO and DCPO on a padded batch of N responses of at most T tokens, in verl's
/// form ℓ = max(−Â·r, −Â·clip(r)) (= −min(r·Â, clip(r)·Â)), optionally dual-clipped for Â &lt; 0 as min(ℓ, −Â·c), then
/// aggregated by <see cref="LossAggregation"/>.
/// </summary>
/// <remarks>
/// <para>Token methods: r_{j,t} = exp(log π_θ − log π_old); clip bounds [1 − ε_low, 1 + ε_high] (GRPO, DAPO) or DCPO's
/// [lower(q), upper(q)] with q = π_old (<see cref="DynamicClip"/>). GSPO: s_j = exp((1/|o_j|) Σ_t log r_{j,t}) clipped to
/// [1 − ε_low, 1 + ε_high]; its per-response loss is broadcast over the response's tokens, so that every aggregation of it is
/// well defined (with <see cref="LossAggregation.SequenceMeanTokenMean"/> it is (1/N) Σ_j ℓ_j as in arXiv:2507.18071).</para>
/// <para>Equations: GRPO arXiv:2402.03300 (as written in the DCPO README), DAPO arXiv:2503.14476 eq. for J_DAPO, GSPO
/// arXiv:2507.18071, DCPO arXiv:2509.02333 (J_DCPO with OTM). A token counts as clipped when −Â·clip(r) &gt; −Â·r (verl pg_clipfrac).</para>
/// </remarks>
public static class PolicyLoss
{
    /// <summary>Computes the loss of a batch.</summary>
    /// <param name="logProb">New log-probabilities log π_θ(o_{j,t}) [N, T], floating point, with gradient.</param>
    /// <param name="oldLogProb">Old log-probabilities log π_old [N, T] (treated as constants).</param>
    /// <param name="advantages">Per-response advantages Â_j [N].</param>
    /// <param name="mask">1 on response tokens, 0 on padding [N, T]; every response needs at least one token.</param>
    /// <param name="config">The method (clipping, ε, cap, dual clip, aggregation).</param>
    public static PolicyLossResult Compute(Tensor logProb, Tensor oldLogProb, Tensor advantages, Tensor mask, PolicyOptimConfig config)
    {
        ArgumentNullException.ThrowIfNull(logProb);
        ArgumentNullException.ThrowIfNull(oldLogProb);
        ArgumentNullException.ThrowIfNull(advantages);
        ArgumentNullException.ThrowIfNull(mask);
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        if (logProb.dim() != 2 || !logProb.shape.SequenceEqual(oldLogProb.shape) || !logProb.shape.SequenceEqual(mask.shape))
            throw new ArgumentException("logProb, oldLogProb and mask must share the shape [N, T].", nameof(mask));
        if (advantages.dim() != 1 || advantages.shape[0] != logProb.shape[0])
            throw new ArgumentException("advantages must have shape [N].", nameof(advantages));

        using var scope = NewDisposeScope();
        var m = mask.to_type(logProb.dtype);
        var lengths = m.sum(1);
        if (lengths.min().item<double>() < 1) throw new ArgumentException("every response needs at least one token.", nameof(mask));
        var a = advantages.to_type(logProb.dtype).detach();
        using Scalar unit = 1;   // explicit alpha: an implicit temporary Scalar can be finalised while libtorch reads it (TorchSharp 0.107)
        var logRatio = logProb.add(oldLogProb.detach().neg(), unit).mul(m);
        Tensor perToken, clipped, ratioOut;
        if (config.Clipping == RatioClipping.Sequence)
        {
            var s = logRatio.sum(1).div(lengths).exp();                      // s_j
            using Scalar lo = 1 - config.EpsLow, hi = 1 + config.EpsHigh;
            var sc = s.clamp(lo, hi);
            var l1 = a.neg().mul(s);
            var l2 = a.neg().mul(sc);
            var l = DualClip(torch.maximum(l1, l2), a, config);
            clipped = l2.gt(l1).to_type(logProb.dtype).unsqueeze(1).mul(m);
            perToken = l.unsqueeze(1).expand_as(m);
            ratioOut = s.detach().unsqueeze(1).mul(m);
        }
        else
        {
            var r = logRatio.exp();
            Tensor rc;
            if (config.Clipping == RatioClipping.Dynamic)
            {
                var (lower, upper) = DynamicClip.Bounds(oldLogProb.detach().exp(), config.EpsLow, config.EpsHigh, config.RatioCap);
                rc = torch.minimum(torch.maximum(r, lower), upper);
            }
            else
            {
                using Scalar lo = 1 - config.EpsLow, hi = 1 + config.EpsHigh;
                rc = r.clamp(lo, hi);
            }
            var an = a.neg().unsqueeze(1);
            var l1 = an.mul(r);
            var l2 = an.mul(rc);
            perToken = DualClip(torch.maximum(l1, l2), a.unsqueeze(1).expand_as(r), config);
            clipped = l2.gt(l1).to_type(logProb.dtype).mul(m);
            ratioOut = r.detach().mul(m);
        }
        var masked = perToken.mul(m);
        using Scalar batch = lengths.shape[0];
        Tensor loss = config.Aggregation switch
        {
            LossAggregation.SequenceMeanTokenMean => masked.sum(1).div(lengths).mean(),
            LossAggregation.TokenMean => masked.sum().div(m.sum()),
            _ => masked.sum().div(batch),
        };
        double clippedTokens = clipped.sum().item<double>(), tokens = m.sum().item<double>();
        return new PolicyLossResult(loss.MoveToOuterDisposeScope(), clippedTokens, tokens, ratioOut.MoveToOuterDisposeScope());
    }

    /// <summary>verl's dual clip: where Â &lt; 0 the loss is capped at −Â·c.</summary>
    private static Tensor DualClip(Tensor loss, Tensor a, PolicyOptimConfig config)
    {
        if (config.DualClip is not { } c) return loss;
        using Scalar sc = c, zero = 0;
        var cap = a.neg().mul(sc);
        return torch.where(a.lt(zero), torch.minimum(loss, cap), loss);
    }
}

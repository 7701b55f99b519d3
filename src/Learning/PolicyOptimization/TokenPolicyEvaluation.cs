using TorchSharp;
using static TorchSharp.torch;

namespace PhyToolkit.Learning.PolicyOptimization;

/// <summary>Greedy evaluation and teacher-forced log-probabilities of a token policy on a task.</summary>
public static class TokenPolicyEvaluation
{
    /// <summary>Greedy (arg-max) decoding of every prompt; returns the fraction with reward ≥ 1 (exactly correct).</summary>
    /// <param name="policy">The policy.</param>
    /// <param name="task">The task.</param>
    public static double GreedyAccuracy(ITokenPolicy policy, IVerifiableTokenTask task)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(task);
        int n = task.PromptCount, len = task.MaxResponseLength;
        var prompts = new int[n];
        var pos = new int[n];
        var prev = new int[n];
        var tokens = new int[n, len];
        var lengths = new int[n];
        for (int i = 0; i < n; i++) { prompts[i] = i; prev[i] = -1; }
        var done = new bool[n];
        using (no_grad())
        {
            for (int t = 0; t < len; t++)
            {
                Array.Fill(pos, t);
                using var scope = NewDisposeScope();
                var arg = policy.Logits(prompts, pos, prev).argmax(1).data<long>().ToArray();
                for (int i = 0; i < n; i++)
                {
                    if (done[i]) continue;
                    tokens[i, t] = (int)arg[i];
                    lengths[i] = t + 1;
                    prev[i] = (int)arg[i];
                    if (arg[i] == task.EndToken) done[i] = true;
                }
            }
        }
        int correct = 0;
        var buf = new int[len];
        for (int i = 0; i < n; i++)
        {
            for (int t = 0; t < lengths[i]; t++) buf[t] = tokens[i, t];
            if (task.Reward(i, buf.AsSpan(0, lengths[i])) >= 1) correct++;
        }
        return (double)correct / n;
    }

    /// <summary>log π(answer | prompt) of every prompt's correct answer (sum over its tokens, teacher forcing).</summary>
    /// <param name="policy">The policy.</param>
    /// <param name="task">The task.</param>
    public static double[] AnswerLogProbabilities(ITokenPolicy policy, IVerifiableTokenTask task)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(task);
        var answers = Enumerable.Range(0, task.PromptCount).Select(task.Answer).ToArray();
        var prompts = new List<int>(); var pos = new List<int>(); var prev = new List<int>(); var tok = new List<long>(); var owner = new List<int>();
        for (int i = 0; i < answers.Length; i++)
            for (int t = 0; t < answers[i].Length; t++)
            {
                prompts.Add(i); pos.Add(t); prev.Add(t == 0 ? -1 : answers[i][t - 1]); tok.Add(answers[i][t]); owner.Add(i);
            }
        using var ng = no_grad();
        using var scope = NewDisposeScope();
        var lp = nn.functional.log_softmax(policy.Logits([.. prompts], [.. pos], [.. prev]), 1)
            .gather(1, torch.tensor(tok.ToArray(), ScalarType.Int64).unsqueeze(1)).squeeze(1).data<double>().ToArray();
        var result = new double[answers.Length];
        for (int k = 0; k < lp.Length; k++) result[owner[k]] += lp[k];
        return result;
    }
}

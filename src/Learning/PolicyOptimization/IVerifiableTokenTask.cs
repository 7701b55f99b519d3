namespace PhyToolkit.Learning.PolicyOptimization;

/// <summary>
/// A prompt set with a rule-based (verifiable) reward for token responses, the RLVR setting of GRPO/DAPO/GSPO/DCPO: a policy
/// generates a response of at most <see cref="MaxResponseLength"/> tokens from a vocabulary of <see cref="VocabularySize"/>,
/// stopping early at <see cref="EndToken"/>, and the task scores it.
/// </summary>
public interface IVerifiableTokenTask
{
    /// <summary>Number of prompts (prompt ids are 0 … PromptCount − 1).</summary>
    int PromptCount { get; }

    /// <summary>Vocabulary size V of the response tokens.</summary>
    int VocabularySize { get; }

    /// <summary>Maximum response length L ≥ 1 (a response is truncated there).</summary>
    int MaxResponseLength { get; }

    /// <summary>The token that ends a response, or −1 when responses always have length <see cref="MaxResponseLength"/>.</summary>
    int EndToken { get; }

    /// <summary>Length of the policy's input feature vector.</summary>
    int FeatureCount { get; }

    /// <summary>Writes the input features of the context (prompt, position, previous token; −1 at position 0).</summary>
    /// <param name="prompt">Prompt id.</param>
    /// <param name="position">Token position 0 … L − 1.</param>
    /// <param name="previous">Previous response token, or −1 at position 0.</param>
    /// <param name="features">Output of length <see cref="FeatureCount"/>.</param>
    void WriteFeatures(int prompt, int position, int previous, Span<double> features);

    /// <summary>The verifiable reward of a complete response (including its end token, if any).</summary>
    /// <param name="prompt">Prompt id.</param>
    /// <param name="response">The generated tokens.</param>
    double Reward(int prompt, ReadOnlySpan<int> response);

    /// <summary>The correct response of a prompt (used by supervised warm-start and diagnostics).</summary>
    /// <param name="prompt">Prompt id.</param>
    int[] Answer(int prompt);
}

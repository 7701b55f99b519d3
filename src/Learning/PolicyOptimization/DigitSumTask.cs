namespace PhyToolkit.Learning.PolicyOptimization;

/// <summary>
/// The toy verifiable tasks of our DCPO reproduction plan ([Proposed]): prompts (a, b) with a, b ∈ {0..9} (100 prompts).
/// T1 (digit-sum bandit): one answer token (a + b) mod 10, vocabulary 10, reward 1 if correct else 0; features onehot(a), onehot(b).
/// T2 (two-digit sum): tens digit, units digit, end token (id 10), vocabulary 11, generated autoregressively and stopped at the
/// end token or after 3 tokens; reward 1 only for the exact sequence; features onehot(a), onehot(b), onehot(position), onehot(previous token or start).
/// </summary>
public sealed class DigitSumTask : IVerifiableTokenTask
{
    private readonly bool _twoDigit;

    private DigitSumTask(bool twoDigit) => _twoDigit = twoDigit;

    /// <summary>T1: the single-token digit-sum bandit.</summary>
    public static DigitSumTask T1() => new(false);

    /// <summary>T2: the two-digit sum with an end token.</summary>
    public static DigitSumTask T2() => new(true);

    /// <inheritdoc/>
    public int PromptCount => 100;

    /// <inheritdoc/>
    public int VocabularySize => _twoDigit ? 11 : 10;

    /// <inheritdoc/>
    public int MaxResponseLength => _twoDigit ? 3 : 1;

    /// <inheritdoc/>
    public int EndToken => _twoDigit ? 10 : -1;

    /// <inheritdoc/>
    public int FeatureCount => _twoDigit ? 20 + 3 + 12 : 20;

    /// <summary>The operands (a, b) of a prompt id (a = id / 10, b = id mod 10).</summary>
    /// <param name="prompt">Prompt id 0 … 99.</param>
    public static (int A, int B) Operands(int prompt) => (prompt / 10, prompt % 10);

    /// <inheritdoc/>
    public void WriteFeatures(int prompt, int position, int previous, Span<double> features)
    {
        CheckPrompt(prompt);
        Guard.Length(features.Length, FeatureCount, nameof(features));
        features.Clear();
        var (a, b) = Operands(prompt);
        features[a] = 1;
        features[10 + b] = 1;
        if (!_twoDigit) return;
        Guard.InRange(position, 0, 2, nameof(position));
        Guard.InRange(previous, -1, 10, nameof(previous));
        features[20 + position] = 1;
        features[23 + previous + 1] = 1;   // slot 0 = start of response
    }

    /// <inheritdoc/>
    public double Reward(int prompt, ReadOnlySpan<int> response) => response.SequenceEqual(Answer(prompt)) ? 1 : 0;

    /// <inheritdoc/>
    public int[] Answer(int prompt)
    {
        CheckPrompt(prompt);
        var (a, b) = Operands(prompt);
        return _twoDigit ? [(a + b) / 10, (a + b) % 10, 10] : [(a + b) % 10];
    }

    private void CheckPrompt(int prompt) => Guard.InRange(prompt, 0, PromptCount - 1, nameof(prompt));
}

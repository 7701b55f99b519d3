using PhyToolkit.Core.Random;

namespace PhyToolkit.Learning.PolicyOptimization;

/// <summary>
/// Draws prompt ids by cycling through shuffled epochs (Fisher–Yates with the given seed), so every prompt is revisited once
/// per epoch — the revisits that smooth advantage standardisation needs.
/// </summary>
public sealed class PromptCycler
{
    private readonly int[] _order;
    private int _next;
    private Xoshiro256StarStar _rng;

    /// <summary>Creates the cycler.</summary>
    /// <param name="prompts">Number of prompts ≥ 1.</param>
    /// <param name="seed">Seed of the shuffles.</param>
    public PromptCycler(int prompts, ulong seed)
    {
        Guard.AtLeast(prompts, 1, nameof(prompts));
        _order = new int[prompts];
        for (int i = 0; i < prompts; i++) _order[i] = i;
        _rng = new Xoshiro256StarStar(seed);
        _next = prompts;
    }

    /// <summary>Completed passes over the prompt set.</summary>
    public int Epochs { get; private set; } = -1;

    /// <summary>The next prompt id.</summary>
    public int Next()
    {
        if (_next == _order.Length)
        {
            for (int i = _order.Length - 1; i > 0; i--)
            {
                int k = _rng.NextInt(i + 1);
                (_order[i], _order[k]) = (_order[k], _order[i]);
            }
            _next = 0;
            Epochs++;
        }
        return _order[_next++];
    }
}

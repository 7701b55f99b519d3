namespace PhyToolkit.Scenarios.OtaFl;

/// <summary>The study (figure family) a sweep point of <c>ota-fl</c> belongs to.</summary>
public enum OtaFlStudy
{
    /// <summary>Methods (A)-(E) over the SNR grid, per data set: loss/accuracy curves, claim 4.</summary>
    Main = 1,
    /// <summary>(B) vs (C) over ADC bits (claim 5).</summary>
    AdcBits = 2,
    /// <summary>(A) and (B) over the repetition k: accuracy vs symbol budget (claim 4, "20 % of the symbols").</summary>
    Repetitions = 3,
    /// <summary>(B) vs (D) over the step numerator eta (claim 6).</summary>
    StepSize = 4,
    /// <summary>min_t ||grad F||^2 vs T of (B) at small and large batch (claim 7, slopes).</summary>
    Rate = 5,
    /// <summary>Channel-corrected vs plain AdaGrad-Norm at batch 8 (claim 7, accumulator).</summary>
    Accumulator = 6,
    /// <summary>Bias and variance of the received gradient vs SNR, against the closed forms (claims 1-3).</summary>
    Channel = 7,
}

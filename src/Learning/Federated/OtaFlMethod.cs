namespace PhyToolkit.Learning.Federated;

/// <summary>The methods (A)-(E) of docs/ota-fl.md ([Proposed] comparison plan).</summary>
public enum OtaFlMethod
{
    /// <summary>(A) Digital FedSGD (float32, rate-1/2 code, 64 uses/coord/link, orthogonal uplink, digital broadcast) + AdaGrad-Norm.</summary>
    DigitalAdaGradNorm,

    /// <summary>(B) Over-the-air P1 (truncated inversion uplink, P1 broadcast) + channel-corrected AdaGrad-Norm.</summary>
    OtaAdaGradNormCorrected,

    /// <summary>(B') Same as (B) with plain AdaGrad-Norm.</summary>
    OtaAdaGradNormPlain,

    /// <summary>(C) Naive analog (deterministic DAC/ADC, no dither) in both directions + plain AdaGrad-Norm.</summary>
    NaiveAnalogAdaGradNorm,

    /// <summary>(D) Over-the-air P1 + fixed step eta.</summary>
    OtaFixedStep,

    /// <summary>(E) Noiseless reference: the same batches with exact links (centralised SGD) + AdaGrad-Norm.</summary>
    CentralizedSgd,

    /// <summary>
    /// (A~) SNR-adaptive digital FedSGD + AdaGrad-Norm: b-bit stochastic quantiser, MCS per worker and round from its SNR,
    /// ARQ, orthogonal uplink, adaptive digital broadcast (<see cref="OtaFlExperimentConfig.AdaptiveDigital"/>).
    /// </summary>
    AdaptiveDigitalAdaGradNorm,
}

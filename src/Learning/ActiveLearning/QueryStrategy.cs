namespace PhyToolkit.Learning.ActiveLearning;

/// <summary>The query strategies of the open-set active-learning loop (<see cref="OpenSetActiveLearning"/>).</summary>
public enum QueryStrategy
{
    /// <summary>Uniform random sample of the pool.</summary>
    Random,
    /// <summary>Largest entropy of the K-way classifier.</summary>
    Entropy,
    /// <summary>LfOSA-style max-activation mixture posterior of an SGD (K+1)-way model.</summary>
    Lfosa,
    /// <summary>SAMOSA, smallest normalised SGD/SAM disagreement.</summary>
    SamosaLow,
    /// <summary>SAMOSA, largest normalised SGD/SAM disagreement (our default reading of "SAMOSA").</summary>
    SamosaHigh,
    /// <summary>SAMOSA, round-dependent sampling weight.</summary>
    SamosaDynamic,
}

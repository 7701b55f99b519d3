namespace PhyToolkit.Learning.Optimizers;

/// <summary>
/// Thrown by the optimisers of this namespace when a parameter's gradient contains NaN or ±Inf.
/// The check runs over every parameter before any weight is modified, so the model is left unchanged.
/// </summary>
public sealed class NonFiniteGradientException : ArithmeticException
{
    /// <summary>Creates the exception for the named parameter.</summary>
    /// <param name="parameterName">The parameter's name (from <c>named_parameters()</c>, or "group g, parameter i").</param>
    public NonFiniteGradientException(string parameterName)
        : base($"The gradient of parameter '{parameterName}' contains NaN or Inf; the optimiser step was refused and no weight was changed.")
    {
        ParameterName = parameterName;
    }

    /// <summary>Creates the exception with a specific message.</summary>
    /// <param name="parameterName">The offending parameter, or "loss" for a non-finite loss value.</param>
    /// <param name="message">The message.</param>
    public NonFiniteGradientException(string parameterName, string message) : base(message)
    {
        ParameterName = parameterName;
    }

    /// <summary>The name of the offending parameter.</summary>
    public string ParameterName { get; }
}

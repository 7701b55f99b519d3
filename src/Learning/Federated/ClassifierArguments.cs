namespace PhyToolkit.Learning.Federated;

/// <summary>The argument checks every managed classifier of the federated engine makes before a loss or gradient.</summary>
internal static class ClassifierArguments
{
    /// <summary>
    /// Parameters of length <paramref name="parameterCount"/>, a gradient that is empty or of the same length, and data
    /// of the model's feature dimension with no more classes than the model has.
    /// </summary>
    public static void Check(ReadOnlySpan<double> p, LabeledDataset data, Span<double> g, int parameterCount, int dimension, int classes)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (p.Length != parameterCount) throw new ArgumentException($"parameters must have length {parameterCount}", "parameters");
        if (!g.IsEmpty && g.Length != parameterCount) throw new ArgumentException($"gradient must be empty or have length {parameterCount}", "gradient");
        if (data.Dimension != dimension) throw new ArgumentException($"data dimension {data.Dimension} != model dimension {dimension}", nameof(data));
        if (data.Classes > classes) throw new ArgumentException($"data has {data.Classes} classes, model {classes}", nameof(data));
    }

    /// <summary>
    /// The point the model's parameters are measured from: zeros of length <paramref name="parameterCount"/>, or a copy of
    /// <paramref name="basePoint"/>, which must have that length and be finite.
    /// </summary>
    public static double[] BasePoint(double[]? basePoint, int parameterCount)
    {
        if (basePoint is null) return new double[parameterCount];
        if (basePoint.Length != parameterCount) throw new ArgumentException($"basePoint must have length {parameterCount}", nameof(basePoint));
        foreach (double v in basePoint)
            if (!double.IsFinite(v)) throw new ArgumentException("basePoint must be finite", nameof(basePoint));
        return (double[])basePoint.Clone();
    }
}

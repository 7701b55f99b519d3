namespace PhyToolkit.Channels.Imaging;

/// <summary>Buffer-length checks shared by the forward operators (one home for the message form).</summary>
internal static class OperatorChecks
{
    public static void Lengths(IForwardOperator op, int inputLength, int outputLength, string inputName, string outputName)
    {
        Guard.Length(inputLength, op.InputShape.Length, inputName);
        Guard.Length(outputLength, op.OutputShape.Length, outputName);
    }
}

namespace PhyToolkit.Core.Results;

/// <summary>What <see cref="RunDirectory.Verify"/> found in a run directory.</summary>
/// <param name="Directory">The directory checked.</param>
/// <param name="Scenario">Its scenario.</param>
/// <param name="Blocks">Block files checked.</param>
/// <param name="ResultsChecked">Whether results.csv was recomputed from the blocks and found identical.</param>
/// <param name="Problems">One line per problem ("file: what is wrong"); empty when the directory is sound.</param>
/// <param name="Notes">What could not be checked and why.</param>
public sealed record RunVerification(string Directory, string Scenario, int Blocks, bool ResultsChecked, IReadOnlyList<string> Problems, IReadOnlyList<string> Notes)
{
    /// <summary>Whether no problem was found.</summary>
    public bool Ok => Problems.Count == 0;
}

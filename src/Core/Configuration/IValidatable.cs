namespace PhyToolkit.Core.Configuration;

/// <summary>
/// An options or parameters record that checks itself: one definition, one validation and one set of defaults, whether it
/// is built in code or bound from a scenario file.
/// </summary>
public interface IValidatable
{
    /// <summary>
    /// Checks every field and every cross-field constraint; throws <see cref="ConfigException"/> naming the full path of the
    /// offending field (<paramref name="path"/> joined with the field's name by <see cref="Check.Path"/>), the value and what
    /// is allowed.
    /// </summary>
    /// <param name="path">Where this record sits in the scenario file (e.g. "parameters.ao"), or "" when used from code.</param>
    void Validate(string path);
}

using PhyToolkit.Core.Statistics;

namespace PhyToolkit.Core.Reports;

/// <summary>The outcome of checking a claim on one run; one vocabulary for every report.</summary>
public enum Verdict
{
    /// <summary>The evidence supports the claim (its confidence interval lies on the claimed side).</summary>
    Held,
    /// <summary>The evidence contradicts the claim (its confidence interval lies on the other side).</summary>
    NotHeld,
    /// <summary>The interval straddles the threshold: this run cannot decide.</summary>
    Inconclusive,
    /// <summary>The points the claim needs are missing from the results.</summary>
    NotEvaluated,
}

/// <summary>Deciding verdicts: from a confidence interval for quantities with sampling error, from a check for exact ones.</summary>
public static class Verdicts
{
    /// <summary>The report text of a verdict: "held", "not held", "inconclusive", "not evaluated".</summary>
    public static string Text(this Verdict verdict) => verdict switch
    {
        Verdict.Held => "held",
        Verdict.NotHeld => "not held",
        Verdict.Inconclusive => "inconclusive",
        _ => "not evaluated",
    };

    /// <summary>Claim "quantity ≥ threshold": held when the interval lies above it, not held when it lies below, else inconclusive.</summary>
    public static Verdict AtLeast(ConfidenceInterval ci, double threshold)
    {
        if (!double.IsFinite(ci.Estimate)) return Verdict.NotEvaluated;
        if (!ci.IsDefined) return Verdict.Inconclusive;
        return ci.Low >= threshold ? Verdict.Held : ci.High < threshold ? Verdict.NotHeld : Verdict.Inconclusive;
    }

    /// <summary>Claim "quantity ≤ threshold": held when the interval lies below it, not held when it lies above, else inconclusive.</summary>
    public static Verdict AtMost(ConfidenceInterval ci, double threshold)
    {
        if (!double.IsFinite(ci.Estimate)) return Verdict.NotEvaluated;
        if (!ci.IsDefined) return Verdict.Inconclusive;
        return ci.High <= threshold ? Verdict.Held : ci.Low > threshold ? Verdict.NotHeld : Verdict.Inconclusive;
    }

    /// <summary>Claim "quantity ∈ [low, high]": held when the interval lies inside, not held when it lies outside, else inconclusive.</summary>
    public static Verdict Within(ConfidenceInterval ci, double low, double high)
    {
        if (!double.IsFinite(ci.Estimate)) return Verdict.NotEvaluated;
        if (!ci.IsDefined) return Verdict.Inconclusive;
        if (ci.Low >= low && ci.High <= high) return Verdict.Held;
        return ci.High < low || ci.Low > high ? Verdict.NotHeld : Verdict.Inconclusive;
    }

    /// <summary>
    /// A deterministic check (an identity, an exact count, a measured slope without sampling error): held / not held; null
    /// (missing points) is not evaluated. Use only where the quantity carries no sampling error.
    /// </summary>
    public static Verdict FromCheck(bool? holds) => holds is null ? Verdict.NotEvaluated : holds.Value ? Verdict.Held : Verdict.NotHeld;

    /// <summary>The overall verdict of claims that must all hold: not evaluated if any is, not held if any is, inconclusive if any is, else held.</summary>
    public static Verdict All(params ReadOnlySpan<Verdict> verdicts)
    {
        bool inconclusive = false, notHeld = false;
        foreach (var v in verdicts)
        {
            if (v == Verdict.NotEvaluated) return Verdict.NotEvaluated;
            notHeld |= v == Verdict.NotHeld;
            inconclusive |= v == Verdict.Inconclusive;
        }
        return notHeld ? Verdict.NotHeld : inconclusive ? Verdict.Inconclusive : Verdict.Held;
    }
}

/// <summary>One checked claim of a report.</summary>
/// <param name="Id">Short identifier, e.g. "C1" or "P3".</param>
/// <param name="Statement">What is claimed, in words (with the threshold).</param>
/// <param name="Verdict">The outcome on this run.</param>
/// <param name="Evidence">The measured numbers the verdict rests on (estimate, interval, seeds or trials).</param>
/// <param name="Source">Where the claim comes from (paper section, docs page), or null.</param>
public sealed record Claim(string Id, string Statement, Verdict Verdict, string Evidence, string? Source = null)
{
    /// <summary>"C1 (statement): held — evidence." for captions.</summary>
    public string Caption => $"{Id} ({Statement}): {Verdict.Text()} — {Evidence}.";
}

/// <summary>The claims of a report, in order, rendered as one table with one verdict vocabulary.</summary>
public sealed class ClaimsTable
{
    private readonly List<Claim> _claims = [];

    /// <summary>Creates an empty claims table.</summary>
    /// <param name="id">File-name stem of the table (letters, digits, '-', '_').</param>
    /// <param name="title">Title shown in the report.</param>
    public ClaimsTable(string id, string title)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentException.ThrowIfNullOrEmpty(title);
        Id = id;
        Title = title;
    }

    /// <summary>File-name stem.</summary>
    public string Id { get; }
    /// <summary>Title.</summary>
    public string Title { get; }
    /// <summary>Optional caption (how verdicts are decided, seeds, level).</summary>
    public string? Caption { get; init; }
    /// <summary>The claims in order.</summary>
    public IReadOnlyList<Claim> Claims => _claims;

    /// <summary>Adds a claim and returns it.</summary>
    /// <exception cref="ArgumentException">Empty or duplicate id, or empty statement.</exception>
    public Claim Add(string id, string statement, Verdict verdict, string evidence, string? source = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentException.ThrowIfNullOrEmpty(statement);
        if (_claims.Any(c => c.Id == id)) throw new ArgumentException($"claim '{id}' is already in the table", nameof(id));
        var claim = new Claim(id, statement, verdict, evidence ?? "", source);
        _claims.Add(claim);
        return claim;
    }

    /// <summary>The claim with <paramref name="id"/>.</summary>
    public Claim this[string id] => _claims.FirstOrDefault(c => c.Id == id) ?? throw new KeyNotFoundException($"no claim '{id}'");

    /// <summary>The caption text of the claim <paramref name="id"/>.</summary>
    public string CaptionOf(string id) => this[id].Caption;

    /// <summary>How many claims have each verdict.</summary>
    public IReadOnlyDictionary<Verdict, int> Tally() =>
        Enum.GetValues<Verdict>().ToDictionary(v => v, v => _claims.Count(c => c.Verdict == v));

    /// <summary>The report table: claim, statement, verdict, evidence, source.</summary>
    public Table ToTable()
    {
        var tally = Tally();
        string counts = $"{tally[Verdict.Held]} held, {tally[Verdict.NotHeld]} not held, {tally[Verdict.Inconclusive]} inconclusive, {tally[Verdict.NotEvaluated]} not evaluated";
        return new Table
        {
            Id = Id, Title = Title,
            Columns = ["claim", "statement", "verdict", "evidence", "source"],
            Rows = _claims.Select(c => (IReadOnlyList<string>)[c.Id, c.Statement, c.Verdict.Text(), c.Evidence, c.Source ?? ""]).ToList(),
            Caption = string.IsNullOrEmpty(Caption) ? $"{counts}." : $"{counts}. {Caption}",
        };
    }
}

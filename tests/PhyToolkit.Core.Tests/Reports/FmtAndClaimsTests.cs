using PhyToolkit.Core.Reports;
using PhyToolkit.Core.Statistics;

namespace PhyToolkit.Core.Tests.Reports;

public class FmtAndClaimsTests
{
    [Fact]
    public void FormatsAreInvariantAndNeverNaN()
    {
        Assert.Equal("1.235", Fmt.F(1.23456));
        Assert.Equal("–", Fmt.F(double.NaN));
        Assert.Equal("0.000123", Fmt.G(0.00012345));
        Assert.Equal("+27.4 %", Fmt.Pct(0.274));
        Assert.Equal("−3.0 %", Fmt.Pct(-0.03));
        Assert.Equal("0.27 [0.24, 0.31]", Fmt.Ci(new ConfidenceInterval(0.27, 0.24, 0.31, 0.95, 9), "0.00"));
        Assert.Equal("+27.4 % [+23.9, +31.1]", Fmt.PctCi(new ConfidenceInterval(0.274, 0.239, 0.311, 0.95, 100)));
        Assert.Equal("2 [–]", Fmt.Ci(ConfidenceInterval.Undefined(2, 1)));
    }

    [Fact]
    public void ClaimsTableHasOneVocabularyAndATally()
    {
        var t = new ClaimsTable("claims", "Claims") { Caption = "95 % paired t intervals over 5 seeds." };
        t.Add("C1", "A beats B", Verdict.Held, "+3 % [+1, +5]", "paper §4");
        t.Add("C2", "slope −1/2", Verdict.Inconclusive, "−0.45 [−0.6, −0.3]");
        Assert.Throws<ArgumentException>(() => t.Add("C1", "again", Verdict.Held, ""));
        var table = t.ToTable();
        Assert.Equal(["claim", "statement", "verdict", "evidence", "source"], table.Columns);
        Assert.Equal("held", table.Rows[0][2]);
        Assert.Equal("inconclusive", table.Rows[1][2]);
        Assert.StartsWith("1 held, 0 not held, 1 inconclusive, 0 not evaluated.", table.Caption, StringComparison.Ordinal);
        Assert.Equal("C1 (A beats B): held — +3 % [+1, +5].", t.CaptionOf("C1"));
    }

    [Fact]
    public void CategoricalAxesAreValidated()
    {
        var b = new ReportBuilder();
        Assert.Throws<ArgumentException>(() => b.AddFigure(new Figure
        {
            Id = "f", Title = "t", XLabel = "x", YLabel = "y", XCategories = ["a", "b"],
            Series = [new Series { Label = "s", X = [0, 2], Y = [1, 2] }],
        }));
        Assert.Throws<ArgumentException>(() => b.AddFigure(new Figure
        {
            Id = "g", Title = "t", XLabel = "x", YLabel = "y", XCategories = ["a"], LogX = true,
            Series = [new Series { Label = "s", X = [0], Y = [1] }],
        }));
        b.AddFigure(new Figure
        {
            Id = "h", Title = "t", XLabel = "x", YLabel = "y", XCategories = ["a", "b"], YMin = 0,
            Series = [new Series { Label = "s", X = [0, 1], Y = [1, 2] }],
        });
    }
}

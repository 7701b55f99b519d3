using PhyToolkit.Core.Reports;

namespace PhyToolkit.Core.Tests.Reports;

/// <summary>Report items shared by the report tests (fixed numbers, no randomness).</summary>
internal static class ReportSamples
{
    public static readonly double[] SnrDb = [0, 2, 4, 6, 8, 10, 12];

    /// <summary>A BER-style figure on a log y axis: simulated points with error bars and a CI band, theory, a baseline.
    /// The last simulated point is 0 (zero errors) and must be dropped from the plot.</summary>
    public static Figure BerFigure(string id = "ber", int width = 640, int height = 400) => new()
    {
        Id = id,
        Title = "BPSK over AWGN",
        XLabel = "Eb/N0 (dB)",
        YLabel = "BER",
        LogY = true,
        Width = width,
        Height = height,
        Caption = "Simulation vs. ½·erfc(√(Eb/N0)) — claim holds.",
        Series =
        [
            new Series
            {
                Label = "simulated",
                X = SnrDb,
                Y = [7.9e-2, 3.8e-2, 1.25e-2, 2.4e-3, 1.9e-4, 4e-6, 0],
                YError = [4e-3, 2e-3, 1e-3, 3e-4, 5e-5, 5e-6, 0],
                BandLow = [7.0e-2, 3.3e-2, 1.0e-2, 1.8e-3, 1.0e-4, 0, 0],
                BandHigh = [8.8e-2, 4.3e-2, 1.5e-2, 3.0e-3, 2.8e-4, 1.2e-5, 3e-7],
            },
            new Series { Label = "theory", X = SnrDb, Y = [7.86e-2, 3.75e-2, 1.25e-2, 2.39e-3, 1.91e-4, 3.87e-6, 9.0e-9], Style = SeriesStyle.Line },
            new Series { Label = "baseline", X = SnrDb, Y = [1e-1, 6e-2, 3e-2, 1e-2, 3e-3, 8e-4, 2e-4], Style = SeriesStyle.DashedLine },
        ],
    };

    /// <summary>A layout figure: equal axes, scatter markers, a labelled rectangle.</summary>
    public static Figure LayoutFigure(string id = "layout") => new()
    {
        Id = id,
        Title = "Port positions (x & y) <layout>",
        XLabel = "x (wavelengths)",
        YLabel = "y (wavelengths)",
        EqualAxes = true,
        Width = 500,
        Height = 500,
        Rectangles = [new RectangleShape(0, 0, 4, 1, "fluid antenna region & \"ports\"")],
        Series = [new Series { Label = "ports", X = [0.5, 1.5, 2.5, 3.5], Y = [0.5, 0.5, 0.5, 0.5], Style = SeriesStyle.Markers }],
    };

    public static Table ResultTable(string id = "summary") => new()
    {
        Id = id,
        Title = "Summary",
        Columns = ["snr_db", "ber", "note"],
        Rows = [["0", "0.079", "a, \"quoted\" note"], ["2", "0.038", "<b>"]],
        Caption = "Per-point summary.",
    };

    public static ReportMetadata Metadata() => new(
        "BPSK/AWGN check",
        "{ \"name\": \"bpsk\", \"seed\": 42 }",
        "{ \"tool\": \"phytk 0.1.0\", \"scenarioHash\": \"abc\" }",
        "point,snr_db,ber\n0,0,0.079\n1,2,\"0.038\"\n");


    /// <summary>Width and height from a PNG's IHDR chunk (bytes 16..23, big-endian), after checking the signature.</summary>
    public static (int Width, int Height) PngSize(byte[] png)
    {
        byte[] signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        Assert.True(png.AsSpan(0, 8).SequenceEqual(signature), "not a PNG signature");
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        int w = (png[16] << 24) | (png[17] << 16) | (png[18] << 8) | png[19];
        int h = (png[20] << 24) | (png[21] << 16) | (png[22] << 8) | png[23];
        return (w, h);
    }
}

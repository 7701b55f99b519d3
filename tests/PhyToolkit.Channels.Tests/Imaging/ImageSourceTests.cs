using PhyToolkit.Channels.Imaging;
using PhyToolkit.Channels.Imaging.Sources;

namespace PhyToolkit.Channels.Tests.Imaging;

public class ImageSourceTests
{
    private static readonly ImageShape Shape = new(16, 16);

    public static TheoryData<string> Sources() => new() { "digits", "shapes", "field", "ood" };

    private static IImageSource Build(string name, ulong seed) => name switch
    {
        "digits" => new StrokeDigits(Shape, seed),
        "shapes" => new Shapes(Shape, seed),
        "field" => new SmoothField(Shape, seed),
        _ => new DigitsPlusOod(Shape, seed),
    };

    [Theory]
    [MemberData(nameof(Sources))]
    public void ImagesDependOnlyOnSeedAndIndexAndStayInRange(string name)
    {
        var s1 = Build(name, 5);
        var s2 = Build(name, 5);
        var a = new double[Shape.Length];
        var b = new double[Shape.Length];
        var c = new double[Shape.Length];
        s2.Render(3, c); // another index first: must not change image 7
        s1.Render(7, a);
        s2.Render(7, b);
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.All(a, v => Assert.InRange(v, -1.0, 1.0));
        Build(name, 6).Render(7, c);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public void DigitsHaveAStrokeOnABackground()
    {
        // A digit is neither empty nor a filled block: some pixels near +1 (stroke core), most near −1.
        var src = new StrokeDigits(Shape, 1);
        var img = new double[Shape.Length];
        for (int k = 0; k < 20; k++)
        {
            src.Render(k, img);
            int bright = img.Count(v => v > 0), dark = img.Count(v => v < -0.9);
            Assert.True(bright >= 8 && dark > Shape.Length / 2, $"digit {src.DigitOf(k)}: bright={bright} dark={dark}");
        }
    }

    [Fact]
    public void OodFeatureIsMarkedAndBright()
    {
        var src = new DigitsPlusOod(Shape, 2);
        var img = new double[Shape.Length];
        var mask = new bool[Shape.Length];
        for (int k = 0; k < 10; k++)
        {
            src.Render(k, img, mask);
            int area = mask.Count(m => m);
            Assert.True(area is 9 or 5);
            for (int i = 0; i < mask.Length; i++) if (mask[i]) Assert.Equal(1.0, img[i]);
        }
    }

    [Fact]
    public void SmoothFieldIsCentredAndNormalized()
    {
        var img = new double[Shape.Length];
        new SmoothField(Shape, 3).Render(0, img);
        Assert.Equal(0.0, img.Average(), 12);
        Assert.Equal(1.0, img.Max(Math.Abs), 12);
    }
}

using PhyToolkit.Channels.Correlation;
using PhyToolkit.Channels.Sampling;
using PhyToolkit.Core.Random;

namespace PhyToolkit.Channels.Tests.Correlation;

/// <summary>The models every generic test runs on: field response (L = 2, 4, 8; equal and Rician powers), Jakes, 3-D sinc.</summary>
internal static class CorrelationModels
{
    public static IEnumerable<(string Name, ISpatialCorrelation Model)> All()
    {
        var rng = new Xoshiro256StarStar(2024);
        yield return ("FR L=2", new FieldResponseCovariance(PathGeometry.Sample(2, ref rng)));
        yield return ("FR L=4", new FieldResponseCovariance(PathGeometry.Sample(4, ref rng)));
        yield return ("FR L=8", new FieldResponseCovariance(PathGeometry.Sample(8, ref rng)));
        yield return ("FR L=4 Rician κ=1", new FieldResponseCovariance(PathGeometry.Sample(4, ref rng, ricianFactor: 1)));
        yield return ("Jakes", IsotropicCorrelation.Jakes);
        yield return ("3-D sinc", IsotropicCorrelation.ThreeDimensional);
    }

    public static TheoryData<int> Indices()
    {
        var d = new TheoryData<int>();
        for (int i = 0; i < All().Count(); i++) d.Add(i);
        return d;
    }

    public static (string Name, ISpatialCorrelation Model) Get(int index) => All().ElementAt(index);
}

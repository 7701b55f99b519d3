using PhyToolkit.Core.Random;

namespace PhyToolkit.Learning.Optimizers;

internal static class ZerothOrderHelpers
{
    /// <summary>u = radius·z/‖z‖, z ~ N(0, I).</summary>
    public static void SampleSphere(ref Xoshiro256StarStar rng, Span<double> u, double radius)
    {
        double n;
        do
        {
            n = 0;
            for (int i = 0; i < u.Length; i++)
            {
                u[i] = rng.NextGaussian();
                n += u[i] * u[i];
            }
        } while (n == 0);
        double scale = radius / Math.Sqrt(n);
        for (int i = 0; i < u.Length; i++) u[i] *= scale;
    }
}

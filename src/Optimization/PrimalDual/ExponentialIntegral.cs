namespace PhyToolkit.Optimization.PrimalDual;

/// <summary>
/// The exponential integral E1(x) = ∫_x^∞ e^{−u}/u du in the scaled form S(x) = e^x E1(x), x &gt; 0, which stays finite
/// where e^x overflows. Power series for x ≤ 1 (Abramowitz and Stegun 5.1.11) and the continued fraction for x &gt; 1
/// (A&amp;S 5.1.22, evaluated by the modified Lentz method); about 15 significant digits.
/// </summary>
public static class ExponentialIntegral
{
    private const double EulerGamma = 0.57721566490153286061;

    /// <summary>S(x) = e^x E1(x) for x &gt; 0.</summary>
    public static double ScaledE1(double x)
    {
        if (!(x > 0) || double.IsPositiveInfinity(x))
            throw new ArgumentOutOfRangeException(nameof(x), x, "x must be a finite number > 0.");
        if (x <= 1)
        {
            // E1(x) = −γ − ln x − Σ_{k≥1} (−x)^k / (k·k!)   (A&S 5.1.11)
            double sum = 0, term = 1;
            for (int k = 1; k < 60; k++)
            {
                term *= -x / k;
                double add = term / k;
                sum += add;
                if (Math.Abs(add) < 1e-17 * Math.Abs(sum)) break;
            }
            return Math.Exp(x) * (-EulerGamma - Math.Log(x) - sum);
        }
        // e^x E1(x) = 1/(x+1− 1²/(x+3− 2²/(x+5− ...)))   (A&S 5.1.22, even contraction), modified Lentz.
        const double tiny = 1e-300;
        double b = x + 1, c = 1 / tiny, d = 1 / b, h = d;
        for (int i = 1; i < 500; i++)
        {
            double a = -(double)i * i;
            b += 2;
            d = 1 / (a * d + b);
            c = b + a / c;
            double delta = c * d;
            h *= delta;
            if (Math.Abs(delta - 1) < 1e-16) break;
        }
        return h;
    }
}

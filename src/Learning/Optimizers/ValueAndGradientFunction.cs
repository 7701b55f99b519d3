namespace PhyToolkit.Learning.Optimizers;

/// <summary>A differentiable objective: returns L(x) and writes ∇L(x) into <paramref name="gradient"/>.</summary>
/// <param name="x">The point, length = problem dimension d.</param>
/// <param name="gradient">Output, length d: the gradient ∇L(x).</param>
/// <returns>L(x).</returns>
public delegate double ValueAndGradientFunction(ReadOnlySpan<double> x, Span<double> gradient);

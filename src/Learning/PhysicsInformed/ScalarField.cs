namespace PhyToolkit.Learning.PhysicsInformed;

/// <summary>A scalar function of a point x (spatial coordinates first, then time when the problem has one).</summary>
public delegate double ScalarField(ReadOnlySpan<double> x);

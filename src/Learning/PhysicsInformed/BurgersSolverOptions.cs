namespace PhyToolkit.Learning.PhysicsInformed;

/// <summary>
/// Settings of <see cref="BurgersSpectralSolver"/>: the periodic viscous Burgers equation
/// u_t + u u_x = ν u_xx on [x0, x0 + L) and its Fourier pseudo-spectral discretisation.
/// </summary>
/// <remarks>
/// Defaults (N = 256 grid points, dt = 1e-3, L = 1, x0 = 0) are the coarse reference configuration of the
/// Morephy-Net reproduction plan (docs/morephy.md); the paper (arXiv 2509.00663) gives no solver settings, so they
/// are our choice.
/// </remarks>
public sealed record BurgersSolverOptions
{
    /// <summary>Kinematic viscosity ν &gt; 0 (length²/time).</summary>
    public required double ViscosityNu { get; init; }

    /// <summary>Period L &gt; 0 of the domain (default 1).</summary>
    public double PeriodLength { get; init; } = 1.0;

    /// <summary>Left end x0 of the periodic domain [x0, x0 + L) (default 0).</summary>
    public double DomainStart { get; init; }

    /// <summary>Number N of equispaced grid points (= Fourier modes), even, ≥ 8 (default 256). Powers of two are fastest.</summary>
    public int GridPoints { get; init; } = 256;

    /// <summary>Largest time step dt &gt; 0 (default 1e-3); each output interval is split into equal steps no longer than this.</summary>
    public double TimeStep { get; init; } = 1e-3;

    /// <summary>Checks every field; throws <see cref="ArgumentOutOfRangeException"/> naming the field and its range.</summary>
    public BurgersSolverOptions Validate()
    {
        Guard.Positive(ViscosityNu, nameof(ViscosityNu));
        Guard.Positive(PeriodLength, nameof(PeriodLength));
        Guard.Finite(DomainStart, nameof(DomainStart));
        if (GridPoints < 8 || GridPoints % 2 != 0)
            throw new ArgumentOutOfRangeException(nameof(GridPoints), GridPoints, "GridPoints must be even and ≥ 8.");
        Guard.Positive(TimeStep, nameof(TimeStep));
        return this;
    }
}

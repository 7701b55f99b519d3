namespace PhyToolkit.Learning.Unlearning.Forging;

/// <summary>Floating-point format of the logged update, which sets the audit threshold ε_num = c·u·‖g*‖ [Proposed].</summary>
public enum AuditPrecision
{
    /// <summary>float32, unit roundoff u = 2⁻²⁴.</summary>
    Single,

    /// <summary>float64, unit roundoff u = 2⁻⁵³.</summary>
    Double,
}

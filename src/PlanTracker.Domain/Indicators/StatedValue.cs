namespace PlanTracker.Domain.Indicators;

/// <summary>
/// A value as a plan writes it (`≥50`, `＞10`, `40—45`, `3-5`, `新增一批`, `—`), kept verbatim in <see cref="Text"/>
/// and parsed into a comparison and bounds where it has numbers. For AtLeast/GreaterThan only <see cref="Lower"/> is set,
/// for AtMost/LessThan only <see cref="Upper"/>, for Exactly both are the same number.
/// </summary>
public sealed record StatedValue(string Text, TargetComparison Comparison, decimal? Lower, decimal? Upper)
{
    /// <summary>Parses a value written in a plan. Never throws: what it cannot read becomes Qualitative.</summary>
    public static StatedValue Parse(string? text)
    {
        // Implemented with the parser (PlanImport). Placeholder contract only.
        return new StatedValue(text?.Trim() ?? string.Empty, TargetComparison.None, null, null);
    }
}

using PlanTracker.Domain.Indicators;
using PlanTracker.Domain.Reporting;

namespace PlanTracker.Web.Features.NationalFigures;

/// <summary>The page where a planner enters an indicator's national figure (全国数) for each reporting period of the plan.</summary>
public sealed record NationalFiguresViewModel(
    int PlanId,
    string PlanTitle,
    int IndicatorId,
    string IndicatorName,
    string? Unit,
    StatedValue Target,
    int? TargetYear,
    IReadOnlyList<NationalFigureRow> Rows,
    int? RefusedPeriodId,
    string? Refusal);

/// <summary>A period with its national figure (null when none is entered) and the form's values.</summary>
public sealed record NationalFigureRow(int PeriodId, string PeriodLabel, DateOnly StartsOn, DateOnly EndsOn, NationalFigure? Stored, NationalFigureInput Form);

public sealed record NationalFigure(decimal? Value, string? ValueText, string? UnitOfMeasure, string? Source, string? Note, ReportStatus Status, string? UpdatedBy, DateTimeOffset UpdatedAt, uint RowVersion);

/// <summary>One period's national figure as typed. The value is read as text so that a word in it is refused with a message.</summary>
public sealed class NationalFigureInput
{
    public int PeriodId { get; set; }

    public string? Value { get; set; }

    public string? ValueText { get; set; }

    public string? UnitOfMeasure { get; set; }

    public string? Source { get; set; }

    public string? Note { get; set; }

    /// <summary>The stored figure's row version when the form was drawn; empty for a period without one.</summary>
    public uint? RowVersion { get; set; }
}

/// <summary>How a save went: done, not found (404), or refused with the Chinese message.</summary>
public sealed record NationalFigureResult(bool NotFound, string? Refusal)
{
    public static readonly NationalFigureResult Done = new(false, null);

    public static readonly NationalFigureResult Missing404 = new(true, null);

    public bool Succeeded => !NotFound && Refusal is null;

    public static NationalFigureResult Refused(string message) => new(false, message);
}

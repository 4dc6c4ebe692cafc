using PlanTracker.Domain.Monitoring;
using PlanTracker.Web.Features.Shared.Figures;

namespace PlanTracker.Web.Features.TaskDashboard;

/// <summary>The task page: the task, its national status, every assigned unit's status, and its progress over the periods.</summary>
public sealed record TaskPageViewModel(
    TaskHead Task,
    DateOnly AsOf,
    TaskAssessment National,
    int Units,
    int UnitsWithData,
    IReadOnlyList<TaskUnitLine> Lines,
    ChartSpec Chart,
    FigureTable UnitTable,
    FigureTable TrendTable,
    FigureTable MatrixTable,
    Guid TaskKey = default,
    TaskOrigin? Origin = null)
{
    public int Disagreements => Lines.Count(l => l.Assessment.IsDisagreement);
}

public sealed record TaskHead(int TaskId, int PlanId, string PlanTitle, string? Number, string Title, DateOnly StartsOn, DateOnly EndsOn, string? Chapter)
{
    public string Label => Number is null ? Title : $"{Number} {Title}";
}

/// <summary>One assignment's row: the unit, its role, and its status written by <see cref="TaskStatusRules"/>.</summary>
public sealed record TaskUnitLine(int UnitId, string UnitName, string Role, TaskAssessment Assessment, long? ApprovedReportId);

/// <summary>
/// The task as first published (the earliest published version holding its key), shown beside the current one when an
/// adjustment moved its dates or changed its units since: <see cref="Span"/> and <see cref="Units"/> are null when unchanged.
/// </summary>
public sealed record TaskOrigin(int VersionNumber, string? Span, string? Units, string? CurrentUnits)
{
    public bool Changed => Span is not null || Units is not null;
}

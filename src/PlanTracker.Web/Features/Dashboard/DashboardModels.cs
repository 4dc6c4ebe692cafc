using PlanTracker.Domain.Assignments;
using PlanTracker.Domain.Monitoring;
using PlanTracker.Domain.Reporting;
using PlanTracker.Domain.Units;
using PlanTracker.Infrastructure.Monitoring;
using PlanTracker.Web.Features.Shared.Figures;

namespace PlanTracker.Web.Features.Dashboard;

/// <summary>A published plan the ministry monitors.</summary>
public sealed record MonitoredPlan(int Id, string Title, string? DocumentNumber, int? StartYear, int? EndYear);

public sealed record DashboardIndexViewModel(IReadOnlyList<MonitoredPlan> Plans);

/// <summary>
/// What every dashboard page of a plan starts from: the plan, its thresholds, the day it is judged on, its latest
/// published version (null: nothing to monitor) and the "current" period (the latest opened by the as-of day).
/// </summary>
public sealed record PlanContext(
    int PlanId,
    string Title,
    string? DocumentNumber,
    MonitoringThresholds Thresholds,
    DateOnly AsOf,
    int? VersionId,
    CurrentPeriod? Period);

/// <summary>A chapter's or special column's tasks: how many, average approved and expected percent, colour counts.</summary>
public sealed record GroupFigures(int NodeId, string Label, int Tasks, decimal? ApprovedPercent, decimal ExpectedPercent, ColourTally Colours);

public sealed record OverviewViewModel(PlanContext Plan, ColourCounts Colours, IReadOnlyList<GroupFigures> Chapters, IReadOnlyList<GroupFigures> SpecialColumns, ReportingCounts? Reporting)
{
    public bool HasTasks => Colours.Tasks.Total > 0;

    public bool HasAssignments => Colours.Assignments.Total > 0;

    public IReadOnlyList<ChartSpec> Charts { get; init; } = [];

    public IReadOnlyList<FigureTable> Tables { get; init; } = [];

    public FigureTable? Table(string key) => Tables.FirstOrDefault(t => t.Key == key);

    public ChartSpec? Chart(string id) => Charts.FirstOrDefault(c => c.Id == id);
}

/// <summary>One task of a chapter, judged on its units' mean approved percent (report deadlines aside).</summary>
public sealed record ChapterTaskRow(
    int TaskId,
    string Label,
    DateOnly StartsOn,
    DateOnly EndsOn,
    int Units,
    int UnitsRed,
    int UnitsAmber,
    TaskAssessment Assessment);

public sealed record ChapterViewModel(PlanContext Plan, int NodeId, string ChapterLabel, IReadOnlyList<ChapterTaskRow> Tasks, ChartSpec? Chart, FigureTable Table);

/// <summary>A provincial-level unit's figures in a plan, and its tile's place on the map.</summary>
public sealed record UnitTile(
    int UnitId,
    string? Code,
    string Name,
    string ShortName,
    UnitKind Kind,
    int Assignments,
    int WithData,
    decimal? ApprovedPercent,
    decimal? ExpectedPercent,
    ColourTally Colours,
    int OverdueReports,
    StatusColour Colour,
    TilePlace? Place);

public sealed record UnitMapViewModel(PlanContext Plan, IReadOnlyList<UnitTile> Tiles, FigureTable Table)
{
    public bool HasAssignments => Tiles.Any(t => t.Assignments > 0);
}

/// <summary>One of a unit's assignments in the plan: the per-unit status, its reason, and a disagreement with the unit's own words.</summary>
public sealed record UnitTaskStatusRow(int TaskId, string Label, AssignmentRole Role, long? ApprovedReportId, ReportStatus? CurrentStatus, TaskAssessment Assessment);

public sealed record UnitStatusViewModel(PlanContext Plan, int UnitId, string UnitName, IReadOnlyList<UnitTaskStatusRow> Rows, FigureTable Table)
{
    public int Disagreements => Rows.Count(r => r.Assessment.IsDisagreement);
}

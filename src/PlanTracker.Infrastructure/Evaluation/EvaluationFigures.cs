using PlanTracker.Domain.Indicators;
using PlanTracker.Domain.Monitoring;
using PlanTracker.Domain.Units;

namespace PlanTracker.Infrastructure.Evaluation;

/// <summary>
/// Every figure of an evaluation report, read from approved data only, each with the ids of the reports or indicator
/// values behind it so an evaluator can check any number (the Excel annex lists them). The Word document, the print
/// page and the annex are all written from this one model; a frozen (issued) report keeps it as JSON.
/// </summary>
public sealed record EvaluationFigures(
    EvaluationScope Scope,
    EvaluationPlan Plan,
    EvaluationOverview Overview,
    IReadOnlyList<IndicatorFigure> Indicators,
    IReadOnlyList<ChapterFigure> Chapters,
    IReadOnlyList<ProjectFigure> Projects,
    IReadOnlyList<UnitFigure> Units,
    IReadOnlyList<ProblemGroup> Problems,
    IReadOnlyList<WarningFigure> OpenWarnings,
    IReadOnlyList<ProposalFigure> Proposals)
{
    public VerdictTally IndicatorTally => VerdictTally.Of(Indicators.Select(i => i.Verdict));

    /// <summary>Projects whose progress is as expected or better (green), against all of them.</summary>
    public int ProjectsOnTrack => Projects.Count(p => p.Colour == StatusColour.Green);
}

/// <summary>The plan as the report names it: title, 文号, years, the version in force at the end of the window.</summary>
public sealed record EvaluationPlan(int Id, string Title, string? DocumentNumber, string? Issuer, int? StartYear, int? EndYear, int VersionNumber, string? UnitName);

/// <summary>总体进展情况: tasks by status, reporting completeness, money invested (万元) in the window.</summary>
public sealed record EvaluationOverview(
    int Tasks,
    int TasksCompleted,
    int TasksOnTrack,
    int TasksBehind,
    int TasksSeriouslyBehind,
    int TasksNotStartedOrNoData,
    int ReportsDue,
    int ReportsSubmitted,
    int ReportsOnTime,
    int ReportsApproved,
    decimal InvestmentWan,
    int InvestmentReports)
{
    /// <summary>Submitted reports as a percent of reports due (null when none were due).</summary>
    public decimal? CompletenessPercent => ReportsDue == 0 ? null : Math.Round(100m * ReportsSubmitted / ReportsDue, 1);

    public decimal? TimelinessPercent => ReportsDue == 0 ? null : Math.Round(100m * ReportsOnTime / ReportsDue, 1);
}

/// <summary>主要指标完成情况: one row of the indicator table, with the approved values behind each year's figure.</summary>
public sealed record IndicatorFigure(
    int IndicatorId,
    Guid Key,
    int Ordinal,
    string? Category,
    string Name,
    string? Unit,
    IndicatorNature? Nature,
    int? BaselineYear,
    string? BaselineText,
    int? TargetYear,
    string TargetText,
    string? OriginalTargetText,
    IReadOnlyList<IndicatorYearFigure> Years,
    decimal? ProgressPercent,
    decimal? TimePercent,
    IndicatorVerdict Verdict,
    string Forecast,
    string Reason)
{
    public string NatureText => Nature switch
    {
        IndicatorNature.Binding => "约束性",
        IndicatorNature.Expected => "预期性",
        _ => "—",
    };

    public string VerdictText => IndicatorStatusRules.Chinese(Verdict);

    public bool TargetAdjusted => OriginalTargetText is not null && OriginalTargetText != TargetText;
}

/// <summary>An indicator's figure for a year: national or combined from units, with the approved value ids behind it.</summary>
public sealed record IndicatorYearFigure(int Year, decimal Value, bool IsNational, long Units, IReadOnlyList<long> ValueIds);

/// <summary>重点任务进展: a chapter of the plan and its tasks.</summary>
public sealed record ChapterFigure(int? ChapterId, string Label, IReadOnlyList<TaskFigure> Tasks)
{
    public ColourTally Tally => ColourTally.Of(Tasks.Select(t => t.Colour));
}

/// <summary>A task at the end of the window: its units' mean approved percent against time, and what the units wrote.</summary>
public sealed record TaskFigure(
    int TaskId,
    Guid Key,
    string Label,
    int Units,
    decimal ExpectedPercent,
    decimal? Percent,
    StatusColour Colour,
    TaskCondition Condition,
    string Reason,
    IReadOnlyList<UnitWords> Digest)
{
    public string StatusText => Condition switch
    {
        TaskCondition.Completed => "已完成",
        TaskCondition.Ahead => "快于预期",
        TaskCondition.OnTrack => "符合预期",
        TaskCondition.Behind when Colour == StatusColour.Red => "严重滞后",
        TaskCondition.Behind => "滞后",
        TaskCondition.NotYetStarted => "未到开始时间",
        _ => "暂无数据",
    };
}

/// <summary>A unit's words on a task from its latest approved report in the window (进展情况, 主要成效, 存在问题).</summary>
public sealed record UnitWords(int UnitId, string UnitName, long ReportId, string? Progress, string? Achievements, string? Problems);

/// <summary>重大工程/专栏项目: a task listed in a special column.</summary>
public sealed record ProjectFigure(
    int TaskId,
    string Column,
    string Label,
    bool Started,
    decimal? Percent,
    decimal ExpectedPercent,
    decimal InvestmentWan,
    StatusColour Colour,
    IReadOnlyList<long> ReportIds);

/// <summary>分地区进展: one unit's completion, timeliness and warnings.</summary>
public sealed record UnitFigure(
    int UnitId,
    string? Code,
    string Name,
    UnitKind Kind,
    int Assignments,
    decimal? MeanPercent,
    int Green,
    int Amber,
    int Red,
    int ReportsDue,
    int ReportsSubmitted,
    int ReportsOnTime,
    int WarningsRaised,
    int WarningsOpen,
    StatusColour Colour)
{
    public decimal? TimelinessPercent => ReportsDue == 0 ? null : Math.Round(100m * ReportsOnTime / ReportsDue, 1);
}

/// <summary>存在的主要问题, grouped by chapter: each unit's words with the task and report they come from.</summary>
public sealed record ProblemGroup(string Chapter, IReadOnlyList<ProblemFigure> Items);

public sealed record ProblemFigure(string UnitName, string TaskLabel, string Text, long ReportId);

/// <summary>An early warning still open at the end of the window.</summary>
public sealed record WarningFigure(long Id, StatusColour Colour, string Kind, string? UnitName, string Reason, DateOnly AsOf);

/// <summary>An adjustment proposal made or decided in the window.</summary>
public sealed record ProposalFigure(int Id, string Title, string Status, string? ProposedBy, string? UnitName, DateOnly? SubmittedOn, DateOnly? DecidedOn, string? DecidedBy, int Changes);

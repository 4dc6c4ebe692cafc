using PlanTracker.Domain.Reporting;

namespace PlanTracker.Web.Features.Progress;

/// <summary>Where a report belongs: the period, the task (of the current version, assigned to the unit) and the unit.</summary>
public sealed record ReportContext(int PeriodId, string PeriodLabel, PeriodStatus PeriodStatus, DateOnly DueOn, PeriodWindow Window, int TaskId, string TaskLabel, int UnitId, string UnitName);

/// <summary>The report's content as the form shows it.</summary>
public sealed record ReportFields(TaskProgress? Progress, decimal? PercentComplete, string? ProgressText, string? Achievements, string? Problems, string? NextSteps, decimal? InvestmentWan)
{
    public static readonly ReportFields Empty = new(null, null, null, null, null, null, null);
}

public sealed record EventRow(ReportStep Step, string? Actor, string? Comment, DateTimeOffset At);

/// <summary>A refusal as the page shows it: the message, and for an incomplete report the missing fields.</summary>
public sealed record ProgressMessage(string Text, IReadOnlyList<string> Missing);

/// <summary>The unit's entry form (填报) with the report's timeline; the reviewer's actions when it waits for them.</summary>
public sealed record EntryViewModel(
    ReportContext Context,
    long? ReportId,
    ReportStatus? Status,
    ReportFields Fields,
    uint? RowVersion,
    IReadOnlyList<EventRow> Events,
    bool CanEdit,
    bool CanReview,
    ProgressMessage? Message);

/// <summary>The ministry's view of one report, with approve and return while it waits for a decision.</summary>
public sealed record ReportViewModel(long ReportId, ReportContext Context, ReportStatus Status, ReportFields Fields, uint RowVersion, IReadOnlyList<EventRow> Events, bool CanDecide, ProgressMessage? Message);

/// <summary>The entry form's POST.</summary>
public sealed class ReportInput
{
    public TaskProgress? Progress { get; set; }

    public decimal? PercentComplete { get; set; }

    public string? ProgressText { get; set; }

    public string? Achievements { get; set; }

    public string? Problems { get; set; }

    public string? NextSteps { get; set; }

    public decimal? InvestmentWan { get; set; }

    /// <summary>The version the form was drawn from; empty for a report not saved yet.</summary>
    public uint? RowVersion { get; set; }

    public ReportFields ToFields() => new(Progress, PercentComplete, ProgressText, Achievements, Problems, NextSteps, InvestmentWan);

    public ReportDraft ToDraft() => ReportDraft.Of(Progress, PercentComplete, ProgressText, Achievements, Problems, NextSteps, InvestmentWan);
}

/// <summary>A review, approval or return: the comment (a return's reason) and the version it was decided on.</summary>
public sealed class StepInput
{
    public string? Comment { get; set; }

    public uint? RowVersion { get; set; }
}

/// <summary>What a POST came to: not found, done, or refused (with the missing fields of an incomplete submit).</summary>
public sealed record WriteResult(bool NotFound, string? RefusalKey, IReadOnlyList<ReportField> Missing, bool ShowLatest)
{
    public static readonly WriteResult Missing404 = new(true, null, [], false);

    public static readonly WriteResult Done = new(false, null, [], false);

    public static readonly WriteResult Stale = new(false, "Progress.Refusal.Stale", [], true);

    public bool Succeeded => !NotFound && RefusalKey is null;

    public static WriteResult Refused(ReportRefusal refusal, bool showLatest) =>
        new(false, "Progress.Refusal." + refusal.Reason, refusal.Missing, showLatest);
}

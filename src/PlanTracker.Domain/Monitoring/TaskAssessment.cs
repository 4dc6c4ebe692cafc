using PlanTracker.Domain.Reporting;

namespace PlanTracker.Domain.Monitoring;

/// <summary>When a task runs, both days included in its time (the end day counts as the day it should reach 100%).</summary>
public sealed record TaskSpan
{
    public TaskSpan(DateOnly startsOn, DateOnly endsOn)
    {
        if (endsOn < startsOn)
        {
            throw new ArgumentException("A task cannot end before it starts.", nameof(endsOn));
        }

        StartsOn = startsOn;
        EndsOn = endsOn;
    }

    public DateOnly StartsOn { get; }

    public DateOnly EndsOn { get; }
}

/// <summary>The latest approved report of a task: its percent complete and the unit's own status words.</summary>
public sealed record ApprovedProgress(decimal? PercentComplete, TaskProgress? UnitSays);

/// <summary>
/// The report the unit owes now: the one for the latest period already due (or about to be).
/// <see cref="Status"/> is null when no report was started at all; <see cref="ReturnedOn"/> is the day of the last return.
/// </summary>
public sealed record ReportDeadline(DateOnly DueOn, ReportStatus? Status, DateOnly? ReturnedOn = null);

/// <summary>What the status of one task (for one unit, or nationally) is computed from.</summary>
public sealed record TaskFacts(TaskSpan Span, ApprovedProgress? Latest, ReportDeadline? CurrentReport = null);

/// <summary>Where a task stands on time and progress alone (report deadlines aside).</summary>
public enum TaskCondition
{
    /// <summary>Before its start date and nothing approved: nothing is expected yet.</summary>
    NotYetStarted,

    /// <summary>Started, but no approved report (or none with a percent).</summary>
    NoData,

    Completed,

    /// <summary>Approved percent above the time-expected percent.</summary>
    Ahead,

    /// <summary>Behind by no more than the amber threshold (or exactly on time).</summary>
    OnTrack,

    /// <summary>Behind by more than the amber threshold.</summary>
    Behind,
}

/// <summary>
/// A task's computed status. <see cref="GapPoints"/> is expected minus actual (positive: behind).
/// <see cref="Disagreement"/> is set when the unit calls the task 进展顺利 / 已完成 but the computation says amber or red.
/// </summary>
public sealed record TaskAssessment(
    TaskCondition Condition,
    StatusColour Colour,
    decimal ExpectedPercent,
    decimal? ActualPercent,
    decimal? GapPoints,
    int? OverdueDays,
    int? ReturnedDays,
    string Reason,
    string? Disagreement)
{
    public bool IsDisagreement => Disagreement is not null;
}

using PlanTracker.Domain.Assignments;
using PlanTracker.Domain.Reporting;

namespace PlanTracker.Web.Features.Progress;

/// <summary>The unit's inbox: open periods with their tasks, reopened reports of closed periods, and what waits for review.</summary>
public sealed record InboxViewModel(DateOnly Today, IReadOnlyList<InboxPeriod> Periods, IReadOnlyList<InboxItem> Reopened, IReadOnlyList<InboxItem> AwaitingReview, bool IsReviewer);

/// <summary>An open period: <see cref="DaysLeft"/> is negative once the due date has passed (Beijing time).</summary>
public sealed record InboxPeriod(int Id, string Label, DateOnly DueOn, int DaysLeft, IReadOnlyList<InboxItem> Items)
{
    /// <summary>How many tasks are in each state; a task without a report counts under null.</summary>
    public IReadOnlyList<(ReportStatus? Status, int Count)> Counts =>
        new ReportStatus?[] { null, ReportStatus.Draft, ReportStatus.Returned, ReportStatus.Submitted, ReportStatus.Reviewed, ReportStatus.Approved }
            .Select(s => (s, Items.Count(i => i.Status == s)))
            .ToList();
}

/// <summary>One task of the unit in a period, with its report's state and, when returned or reopened, the reason.</summary>
public sealed record InboxItem(int PeriodId, int TaskId, string Label, AssignmentRole? Role, ReportStatus? Status, bool IsReopened, string? Reason)
{
    /// <summary>The period's name where the list mixes periods.</summary>
    public string? PeriodLabel { get; init; }

    /// <summary>Whether the unit has to act: returned or reopened and editable.</summary>
    public bool NeedsAction => Status == ReportStatus.Returned || (IsReopened && Status == ReportStatus.Draft);

    /// <summary>Returned and reopened first, then not started, drafts, submitted, reviewed, approved.</summary>
    public int Rank => NeedsAction ? 0 : Status switch
    {
        null => 1,
        ReportStatus.Draft => 2,
        ReportStatus.Submitted => 3,
        ReportStatus.Reviewed => 4,
        _ => 5,
    };
}

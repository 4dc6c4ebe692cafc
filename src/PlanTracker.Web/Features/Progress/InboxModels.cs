using PlanTracker.Domain.Assignments;
using PlanTracker.Domain.Reporting;

namespace PlanTracker.Web.Features.Progress;

/// <summary>The unit's inbox: open periods with a page of their tasks, reopened reports of closed periods, and what waits for review.</summary>
public sealed record InboxViewModel(DateOnly Today, IReadOnlyList<InboxPeriod> Periods, IReadOnlyList<InboxItem> Reopened, IReadOnlyList<InboxItem> AwaitingReview, int AwaitingCount, bool IsReviewer);

/// <summary>
/// An open period: <see cref="DaysLeft"/> is negative once the due date has passed (Beijing time). <see cref="Items"/> is
/// one page of <see cref="Total"/> tasks (those in <see cref="FilterStatus"/> when <see cref="IsFiltered"/>).
/// </summary>
public sealed record InboxPeriod(
    int Id,
    string Label,
    DateOnly DueOn,
    int DaysLeft,
    IReadOnlyList<InboxItem> Items,
    IReadOnlyList<(ReportStatus? Status, int Count)> Counts,
    int Total,
    int Page,
    ReportStatus? FilterStatus,
    bool IsFiltered)
{
    /// <summary>The states in the order the counts are shown; a task without a report counts under null.</summary>
    public static readonly IReadOnlyList<ReportStatus?> Order =
        [null, ReportStatus.Draft, ReportStatus.Returned, ReportStatus.Submitted, ReportStatus.Reviewed, ReportStatus.Approved];

    public int TaskCount => Counts.Sum(c => c.Count);

    public int PageCount => Math.Max(1, (Total + Progress.ProgressInbox.PageSize - 1) / Progress.ProgressInbox.PageSize);
}

/// <summary>A status filter from the URL: a <see cref="ReportStatus"/> name, or "none" for tasks not started.</summary>
public sealed record InboxFilter(ReportStatus? Status)
{
    public const string NotStarted = "none";

    public static InboxFilter? Parse(string? value) =>
        string.Equals(value, NotStarted, StringComparison.OrdinalIgnoreCase) ? new InboxFilter((ReportStatus?)null)
        : Enum.TryParse<ReportStatus>(value, ignoreCase: true, out var status) && Enum.IsDefined(status) ? new InboxFilter(status)
        : null;

    public static string Of(ReportStatus? status) => status?.ToString() ?? NotStarted;
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

using Microsoft.EntityFrameworkCore;
using PlanTracker.Domain.Access;
using PlanTracker.Domain.Reporting;
using PlanTracker.Infrastructure.Persistence;
using PlanTracker.Web.Features.Assignments;
using PlanTracker.Web.Features.Periods;
using PlanTracker.Web.Hosting;

namespace PlanTracker.Web.Features.Progress;

/// <summary>
/// The unit's inbox (/progress): for each open period the days left, the counts by status and the tasks in the order
/// they need attention (returned and reopened first, with the reason; then not started, drafts, submitted, approved),
/// a page at a time, and the reports a planner reopened in closed periods. Queries are scoped to the user's unit,
/// besides the data scope. Counts and order are computed by PostgreSQL: at the national volume a unit carries thousands
/// of tasks a period, and an unpaged inbox would be the heaviest page of the portal (docs/reliability.md, "Load").
/// </summary>
public sealed class ProgressInbox(AppDbContext db, CurrentUser user, TimeProvider clock)
{
    /// <summary>Tasks shown per period and page; what needs action comes first, so the first page is the working one.</summary>
    public const int PageSize = 30;

    /// <summary>Reports awaiting the reviewer listed at the top; the rest are in the periods' lists, filtered by status.</summary>
    public const int AwaitingShown = 20;

    /// <param name="pagePeriodId">The period whose list is paged or filtered; the others show their first page.</param>
    /// <param name="page">The page of that period's list.</param>
    /// <param name="status">Only that period's tasks in this state ("none": not started).</param>
    public async Task<InboxViewModel> IndexAsync(int? pagePeriodId, int page, string? status, CancellationToken cancellationToken)
    {
        var today = MinistryCalendar.Today(clock);
        var reviewer = user.Roles.Contains(Roles.Reviewer);
        if (user.UnitId is not int unitId)
        {
            return new InboxViewModel(today, [], [], [], 0, reviewer);
        }

        var periods = await db.ReportingPeriods.AsNoTracking()
            .Where(p => p.Status == PeriodStatus.Open)
            .OrderBy(p => p.DueOn).ThenBy(p => p.PlanId).ThenBy(p => p.Id)
            .Select(p => new { p.Id, p.PlanId, p.Label, p.DueOn })
            .ToListAsync(cancellationToken);
        var periodIds = periods.Select(p => p.Id).ToList();

        // How many of the unit's current tasks each open period has in each state, in one grouped statement.
        var counted = await (
                from c in db.AssignedReports(db.ReportingPeriods.Where(p => periodIds.Contains(p.Id)))
                where c.Assignment.UnitId == unitId
                group c.Report by new { c.PeriodId, Status = c.Report == null ? (ReportStatus?)null : c.Report.Status } into g
                select new { g.Key.PeriodId, g.Key.Status, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var filter = InboxFilter.Parse(status);
        var open = new List<InboxPeriod>();
        foreach (var period in periods)
        {
            // One statement per open period (a handful), each reading one page: bounded by the periods, not the tasks.
            var paged = period.Id == pagePeriodId;
            var counts = InboxPeriod.Order.Select(s => (s, counted.Where(c => c.PeriodId == period.Id && c.Status == s).Sum(c => c.Count))).ToList();
            var shownFilter = paged ? filter : null;
            var total = shownFilter is { } only ? counts.Single(c => c.s == only.Status).Item2 : counts.Sum(c => c.Item2);
            var pageNumber = paged ? Math.Clamp(page, 1, Math.Max(1, (total + PageSize - 1) / PageSize)) : 1;
            var items = await PageAsync(unitId, period.Id, period.PlanId, shownFilter, pageNumber, cancellationToken);
            open.Add(new InboxPeriod(period.Id, period.Label, period.DueOn, period.DueOn.DayNumber - today.DayNumber, items, counts, total, pageNumber, shownFilter?.Status, shownFilter is not null));
        }

        // Reopened reports of closed periods: the only ones of those periods the unit may still change (few by nature).
        var reopened = await (
                from r in db.ProgressReports.AsNoTracking()
                join p in db.ReportingPeriods on r.PeriodId equals p.Id
                join n in db.PlanNodes on r.TaskId equals n.Id
                where r.UnitId == unitId && r.IsReopened && !periodIds.Contains(r.PeriodId) && db.CurrentTaskKeys().Contains(r.TaskKey)
                orderby p.DueOn, n.Position
                select new { r.Id, r.PeriodId, p.Label, r.TaskId, n.Number, n.Title, r.Status })
            .ToListAsync(cancellationToken);
        var reopenedReasons = await ReasonsAsync(reopened.Select(r => r.Id).ToList(), cancellationToken);
        var closedItems = reopened
            .Select(r => new InboxItem(r.PeriodId, r.TaskId, Label(r.Number, r.Title), null, r.Status, true, reopenedReasons.GetValueOrDefault(r.Id)) { PeriodLabel = r.Label })
            .ToList();

        // What waits for the unit's reviewer: submitted, not yet reviewed — the oldest first, the count of all.
        if (!reviewer)
        {
            return new InboxViewModel(today, open, closedItems, [], 0, reviewer);
        }

        var waiting = db.ProgressReports.AsNoTracking()
            .Where(r => r.UnitId == unitId && r.Status == ReportStatus.Submitted && (periodIds.Contains(r.PeriodId) || r.IsReopened))
            .Where(r => db.CurrentTaskKeys().Contains(r.TaskKey));
        var awaitingCount = await waiting.CountAsync(cancellationToken);
        var awaiting = await (
                from r in waiting
                join p in db.ReportingPeriods on r.PeriodId equals p.Id
                join n in db.PlanNodes on r.TaskId equals n.Id
                orderby r.SubmittedAt, r.Id
                select new { r.PeriodId, p.Label, r.TaskId, n.Number, n.Title })
            .Take(AwaitingShown)
            .ToListAsync(cancellationToken);
        var awaitingItems = awaiting
            .Select(r => new InboxItem(r.PeriodId, r.TaskId, Label(r.Number, r.Title), null, ReportStatus.Submitted, false, null) { PeriodLabel = r.Label })
            .ToList();
        return new InboxViewModel(today, open, closedItems, awaitingItems, awaitingCount, reviewer);
    }

    /// <summary>The unit's current tasks of a plan, each with its report in the period (or none yet).</summary>
    private IQueryable<InboxCell> UnitCells(int unitId, int periodId, int planId) =>
        from c in db.AssignedReports(planId, periodId)
        where c.Assignment.UnitId == unitId
        select new InboxCell { Task = c.Task, Role = c.Assignment.Role, Report = c.Report };

    private async Task<IReadOnlyList<InboxItem>> PageAsync(int unitId, int periodId, int planId, InboxFilter? filter, int page, CancellationToken cancellationToken)
    {
        var cells = UnitCells(unitId, periodId, planId);
        if (filter is { Status: null })
        {
            cells = cells.Where(c => c.Report == null);
        }
        else if (filter is { Status: { } only })
        {
            cells = cells.Where(c => c.Report != null && c.Report.Status == only);
        }

        // The order of InboxItem.Rank, in SQL so that the page is the right one.
        var rows = await cells
            .Select(c => new
            {
                c.Task.Id,
                c.Task.Number,
                c.Task.Title,
                c.Task.Position,
                c.Role,
                ReportId = c.Report == null ? (long?)null : c.Report.Id,
                Status = c.Report == null ? (ReportStatus?)null : c.Report.Status,
                IsReopened = c.Report != null && c.Report.IsReopened,
                Rank = c.Report == null ? 1
                    : c.Report.Status == ReportStatus.Returned || (c.Report.IsReopened && c.Report.Status == ReportStatus.Draft) ? 0
                    : c.Report.Status == ReportStatus.Draft ? 2
                    : c.Report.Status == ReportStatus.Submitted ? 3
                    : c.Report.Status == ReportStatus.Reviewed ? 4
                    : 5,
            })
            .OrderBy(c => c.Rank).ThenBy(c => c.Position).ThenBy(c => c.Id)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .ToListAsync(cancellationToken);
        var reasons = await ReasonsAsync(rows.Where(r => r.Rank == 0).Select(r => r.ReportId!.Value).ToList(), cancellationToken);
        return rows
            .Select(r => new InboxItem(periodId, r.Id, Label(r.Number, r.Title), r.Role, r.Status, r.IsReopened, r.ReportId is { } id ? reasons.GetValueOrDefault(id) : null))
            .ToList();
    }

    /// <summary>The latest return or reopening reason of each report.</summary>
    private async Task<Dictionary<long, string?>> ReasonsAsync(List<long> reportIds, CancellationToken cancellationToken)
    {
        if (reportIds.Count == 0)
        {
            return [];
        }

        var events = await db.ProgressReportEvents.AsNoTracking()
            .Where(e => reportIds.Contains(e.ProgressReportId) && (e.Step == ReportStep.Returned || e.Step == ReportStep.Reopened))
            .OrderBy(e => e.At).ThenBy(e => e.Id)
            .Select(e => new { e.ProgressReportId, e.Comment })
            .ToListAsync(cancellationToken);
        return events.GroupBy(e => e.ProgressReportId).ToDictionary(g => g.Key, g => g.Last().Comment);
    }

    private static string Label(string? number, string title) => string.IsNullOrEmpty(number) ? title : number + " " + title;

    private sealed class InboxCell
    {
        public required Domain.Plans.PlanNode Task { get; init; }

        public required Domain.Assignments.AssignmentRole Role { get; init; }

        public ProgressReport? Report { get; init; }
    }
}

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
/// and the reports a planner reopened in closed periods. Queries are scoped to the user's unit, besides the data scope.
/// </summary>
public sealed class ProgressInbox(AppDbContext db, CurrentUser user, TimeProvider clock)
{
    public async Task<InboxViewModel> IndexAsync(CancellationToken cancellationToken)
    {
        var today = MinistryCalendar.Today(clock);
        var reviewer = user.Roles.Contains(Roles.Reviewer);
        if (user.UnitId is not int unitId)
        {
            return new InboxViewModel(today, [], [], [], reviewer);
        }

        var periods = await db.ReportingPeriods.AsNoTracking()
            .Where(p => p.Status == PeriodStatus.Open)
            .OrderBy(p => p.DueOn).ThenBy(p => p.PlanId).ThenBy(p => p.Id)
            .Select(p => new { p.Id, p.PlanId, p.Label, p.DueOn })
            .ToListAsync(cancellationToken);
        var tasks = await (
                from a in db.TaskAssignments.AsNoTracking()
                join n in db.PlanNodes on a.TaskId equals n.Id
                join v in db.CurrentVersions() on n.PlanVersionId equals v.Id
                where a.UnitId == unitId
                orderby v.PlanId, n.Position
                select new { n.Id, v.PlanId, n.Number, n.Title, a.Role })
            .ToListAsync(cancellationToken);
        var periodIds = periods.Select(p => p.Id).ToList();
        var reports = await db.ProgressReports.AsNoTracking()
            .Where(r => r.UnitId == unitId && (periodIds.Contains(r.PeriodId) || r.IsReopened))
            .Select(r => new { r.Id, r.PeriodId, r.TaskId, r.Status, r.IsReopened })
            .ToListAsync(cancellationToken);
        var reasons = await ReasonsAsync(reports.Where(r => r.Status == ReportStatus.Returned || r.IsReopened).Select(r => r.Id).ToList(), cancellationToken);
        var byCell = reports.ToDictionary(r => (r.PeriodId, r.TaskId));

        InboxItem Item(int periodId, int taskId, string label, Domain.Assignments.AssignmentRole? role)
        {
            var report = byCell.GetValueOrDefault((periodId, taskId));
            return new InboxItem(periodId, taskId, label, role, report?.Status, report?.IsReopened == true, report is null ? null : reasons.GetValueOrDefault(report.Id));
        }

        var open = periods
            .Select(p => new InboxPeriod(p.Id, p.Label, p.DueOn, p.DueOn.DayNumber - today.DayNumber, tasks
                .Where(t => t.PlanId == p.PlanId)
                .Select(t => Item(p.Id, t.Id, Label(t.Number, t.Title), t.Role))
                .OrderBy(i => i.Rank)
                .ToList()))
            .ToList();

        // Reopened reports of closed periods: the only ones of those periods the unit may still change.
        var openIds = periodIds.ToHashSet();
        var reopenedIds = reports.Where(r => r.IsReopened && !openIds.Contains(r.PeriodId)).Select(r => r.Id).ToList();
        var reopened = await (
                from r in db.ProgressReports.AsNoTracking()
                join p in db.ReportingPeriods on r.PeriodId equals p.Id
                join n in db.PlanNodes on r.TaskId equals n.Id
                where reopenedIds.Contains(r.Id) && r.UnitId == unitId
                orderby p.DueOn, n.Position
                select new { r.PeriodId, p.Label, r.TaskId, n.Number, n.Title })
            .ToListAsync(cancellationToken);
        var closedItems = reopened
            .Select(r => Item(r.PeriodId, r.TaskId, Label(r.Number, r.Title), null) with { PeriodLabel = r.Label })
            .ToList();

        // What waits for the unit's reviewer: submitted, not yet reviewed.
        var awaiting = open.SelectMany(p => p.Items.Where(i => i.Status == ReportStatus.Submitted).Select(i => i with { PeriodLabel = p.Label }))
            .Concat(closedItems.Where(i => i.Status == ReportStatus.Submitted))
            .ToList();
        return new InboxViewModel(today, open, closedItems, reviewer ? awaiting : [], reviewer);
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
}

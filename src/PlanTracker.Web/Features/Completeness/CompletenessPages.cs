using Microsoft.EntityFrameworkCore;
using PlanTracker.Domain.Plans;
using PlanTracker.Domain.Reporting;
using PlanTracker.Infrastructure.Monitoring;
using PlanTracker.Infrastructure.Persistence;
using PlanTracker.Web.Features.Assignments;
using PlanTracker.Web.Features.Periods;
using PlanTracker.Web.Features.Shared.Figures;

namespace PlanTracker.Web.Features.Completeness;

/// <summary>
/// The ministry's read side of a period: every count is one grouped query over the period plan's current assignments
/// left-joined to the period's reports on (task, unit); no report row is loaded into memory.
/// </summary>
public sealed class CompletenessPages(AppDbContext db, TimeProvider clock, MonitoringSql sql, DashboardCache cache)
{
    private const int RecentPeriods = 30;

    public async Task<ReviewIndexViewModel> IndexAsync(CancellationToken cancellationToken)
    {
        var today = MinistryCalendar.Today(clock);
        var periods = await (
                from p in db.ReportingPeriods.AsNoTracking()
                join plan in db.Plans on p.PlanId equals plan.Id
                where plan.Status == PlanStatus.Published && (p.Status == PeriodStatus.Open || p.OpensOn <= today)
                orderby p.Status == PeriodStatus.Open descending, p.DueOn descending, p.Id
                select new ReviewPeriod(p.Id, plan.Id, plan.Title, p.Label, p.DueOn, p.Status))
            .Take(RecentPeriods)
            .ToListAsync(cancellationToken);
        return new ReviewIndexViewModel(today, periods);
    }

    /// <returns>Null when there is no such period.</returns>
    public async Task<MatrixViewModel?> MatrixAsync(int periodId, UnitGroup? group, ReviewState? state, CancellationToken cancellationToken)
    {
        var period = await PeriodAsync(periodId, cancellationToken);
        if (period is null)
        {
            return null;
        }

        // The counts are cached under the plan's data version (any report, assignment or period change moves it);
        // whether drafts are visible is part of the key, since it decides which version's tasks count.
        var list = await cache.GetAsync(
            sql,
            "matrix",
            period.PlanId,
            $"{periodId}/{group}/{state}/{db.Scope.SeesDrafts}",
            () => MatrixRowsAsync(period.PlanId, periodId, group, state, cancellationToken),
            cancellationToken);
        return new MatrixViewModel(period, group, state, list);
    }

    private async Task<List<MatrixRow>> MatrixRowsAsync(int planId, int periodId, UnitGroup? group, ReviewState? state, CancellationToken cancellationToken)
    {
        var units = db.Units.AsQueryable();
        if (group is UnitGroup g)
        {
            var kinds = ReviewStates.Kinds(g);
            units = units.Where(u => kinds.Contains(u.Kind));
        }

        var rows =
            from c in db.AssignedReports(planId, periodId)
            join u in units on c.Assignment.UnitId equals u.Id
            group c.Report == null ? null : (ReportStatus?)c.Report.Status by new { u.Id, u.Name, u.Code, u.Kind, u.SortOrder } into unit
            select new
            {
                unit.Key.Id,
                unit.Key.Name,
                unit.Key.Code,
                unit.Key.Kind,
                unit.Key.SortOrder,
                None = unit.Count(s => s == null),
                Draft = unit.Count(s => s == ReportStatus.Draft),
                Submitted = unit.Count(s => s == ReportStatus.Submitted),
                Reviewed = unit.Count(s => s == ReportStatus.Reviewed),
                Returned = unit.Count(s => s == ReportStatus.Returned),
                Approved = unit.Count(s => s == ReportStatus.Approved),
            };

        // The state filter is a HAVING on the grouped counts.
        rows = state switch
        {
            ReviewState.None => rows.Where(x => x.None > 0),
            ReviewState.Draft => rows.Where(x => x.Draft > 0),
            ReviewState.Submitted => rows.Where(x => x.Submitted > 0),
            ReviewState.Reviewed => rows.Where(x => x.Reviewed > 0),
            ReviewState.Returned => rows.Where(x => x.Returned > 0),
            ReviewState.Approved => rows.Where(x => x.Approved > 0),
            _ => rows,
        };

        return await rows.AsNoTracking()
            .OrderBy(x => x.SortOrder).ThenBy(x => x.Code).ThenBy(x => x.Id)
            .Select(x => new MatrixRow(x.Id, x.Name, x.Code, x.Kind, new StateCounts(x.None, x.Draft, x.Submitted, x.Reviewed, x.Returned, x.Approved)))
            .ToListAsync(cancellationToken);
    }

    /// <returns>Null when there is no such period or unit.</returns>
    public async Task<UnitReviewViewModel?> UnitAsync(int periodId, int unitId, CancellationToken cancellationToken)
    {
        var period = await PeriodAsync(periodId, cancellationToken);
        var unit = await db.Units.AsNoTracking().Where(u => u.Id == unitId).Select(u => new { u.Id, u.Name }).SingleOrDefaultAsync(cancellationToken);
        if (period is null || unit is null)
        {
            return null;
        }

        var tasks = await (
                from c in db.AssignedReports(period.PlanId, periodId).AsNoTracking()
                where c.Assignment.UnitId == unitId
                orderby c.Task.Position
                select new
                {
                    c.Task.Id,
                    c.Task.Number,
                    c.Task.Title,
                    c.Assignment.Role,
                    ReportId = c.Report == null ? null : (long?)c.Report.Id,
                    Status = c.Report == null ? null : (ReportStatus?)c.Report.Status,
                    SubmittedAt = c.Report == null ? null : c.Report.SubmittedAt,
                })
            .ToListAsync(cancellationToken);
        return new UnitReviewViewModel(period, unit.Id, unit.Name, tasks
            .Select(t => new UnitTaskRow(t.Id, string.IsNullOrEmpty(t.Number) ? t.Title : t.Number + " " + t.Title, t.Role, t.ReportId, ReviewStates.Of(t.Status), t.SubmittedAt))
            .ToList());
    }

    /// <summary>催报: after the due date (Beijing), units with assigned tasks that have no report, a draft or a returned one.</summary>
    /// <returns>Null when there is no such period.</returns>
    public async Task<OverdueViewModel?> OverdueAsync(int periodId, CancellationToken cancellationToken)
    {
        var period = await PeriodAsync(periodId, cancellationToken);
        if (period is null)
        {
            return null;
        }

        var today = MinistryCalendar.Today(clock);
        if (today <= period.DueOn)
        {
            return new OverdueViewModel(period, today, []);
        }

        var units = await (
                from c in db.AssignedReports(period.PlanId, periodId).AsNoTracking()
                join u in db.Units on c.Assignment.UnitId equals u.Id
                let status = c.Report == null ? null : (ReportStatus?)c.Report.Status
                where status == null || status == ReportStatus.Draft || status == ReportStatus.Returned
                group status by new { u.Id, u.Name, u.Code, u.SortOrder, u.ContactName, u.ContactPhone, u.ContactEmail } into unit
                orderby unit.Count() descending, unit.Key.SortOrder, unit.Key.Code, unit.Key.Id
                select new OverdueRow(
                    unit.Key.Id,
                    unit.Key.Name,
                    unit.Key.Code,
                    unit.Count(),
                    unit.Count(s => s == null),
                    unit.Count(s => s == ReportStatus.Draft),
                    unit.Count(s => s == ReportStatus.Returned),
                    unit.Key.ContactName,
                    unit.Key.ContactPhone,
                    unit.Key.ContactEmail))
            .ToListAsync(cancellationToken);
        return new OverdueViewModel(period, today, units)
        {
            Reminders = await RemindersAsync(periodId, cancellationToken),
            ReminderText = DefaultReminder(period, today),
        };
    }

    /// <summary>The reminder as the form proposes it: the period, its due date, how late, and each unit's count.</summary>
    public static string DefaultReminder(ReviewPeriod period, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(period);
        var late = today.DayNumber - period.DueOn.DayNumber;
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"《{period.PlanTitle}》{period.Label}进展填报已于{period.DueOn:yyyy年M月d日}截止（已逾期{late}天），贵单位尚有{CompletenessWriter.CountToken}项任务未报送。请尽快登录规划实施监测平台完成填报并报送。");
    }

    /// <summary>The last reminder of the period to each unit, and whether it was read: one grouped query.</summary>
    private async Task<Dictionary<int, ReminderState>> RemindersAsync(int periodId, CancellationToken cancellationToken)
    {
        var last = await db.PortalMessages.AsNoTracking()
            .Where(m => m.PeriodId == periodId && m.Kind == Domain.Messages.MessageKind.Reminder)
            .GroupBy(m => m.UnitId)
            .Select(g => g.OrderByDescending(m => m.SentAt).ThenByDescending(m => m.Id).Select(m => new { m.UnitId, m.SentAt, m.SentBy, m.ReadBy, m.ReadAt }).First())
            .ToListAsync(cancellationToken);
        return last.ToDictionary(m => m.UnitId, m => new ReminderState(m.SentAt, m.SentBy, m.ReadBy, m.ReadAt));
    }

    private Task<ReviewPeriod?> PeriodAsync(int periodId, CancellationToken cancellationToken) =>
        (from p in db.ReportingPeriods.AsNoTracking()
         join plan in db.Plans on p.PlanId equals plan.Id
         where p.Id == periodId
         select new ReviewPeriod(p.Id, plan.Id, plan.Title, p.Label, p.DueOn, p.Status))
        .SingleOrDefaultAsync(cancellationToken);
}

using Microsoft.EntityFrameworkCore;
using PlanTracker.Domain.Access;
using PlanTracker.Domain.Reporting;
using PlanTracker.Infrastructure.Persistence;
using PlanTracker.Web.Features.Assignments;
using PlanTracker.Web.Hosting;

namespace PlanTracker.Web.Features.Progress;

/// <summary>
/// The read side. Every query runs under the data scope (a provincial account reaches its own unit's assignments and
/// reports only) and, for the unit pages, names the user's unit as well: both, always.
/// </summary>
public sealed class ProgressPages(AppDbContext db, CurrentUser user)
{
    /// <summary>The period and the user's unit's assigned task of the current version, in the same plan; null when any of it is not so.</summary>
    public async Task<ReportContext?> ContextAsync(int periodId, int taskId, CancellationToken cancellationToken)
    {
        if (user.UnitId is not int unitId)
        {
            return null;
        }

        var task = await (
                from n in db.CurrentTask(taskId)
                join v in db.PlanVersions on n.PlanVersionId equals v.Id
                where db.TaskAssignments.Any(a => a.TaskId == n.Id && a.UnitId == unitId)
                select new { n.Id, n.Number, n.Title, v.PlanId })
            .AsNoTracking()
            .SingleOrDefaultAsync(cancellationToken);
        if (task is null)
        {
            return null;
        }

        var period = await db.ReportingPeriods.AsNoTracking()
            .Where(p => p.Id == periodId && p.PlanId == task.PlanId)
            .Select(p => new { p.Id, p.Label, p.Status, p.DueOn, p.StartsOn, p.EndsOn })
            .SingleOrDefaultAsync(cancellationToken);
        var unitName = await db.Units.AsNoTracking().Where(u => u.Id == unitId).Select(u => u.Name).SingleAsync(cancellationToken);
        return period is null ? null : new ReportContext(period.Id, period.Label, period.Status, period.DueOn, new PeriodWindow(period.StartsOn, period.EndsOn), task.Id, Label(task.Number, task.Title), unitId, unitName);
    }

    /// <summary>The entry form: the report if the unit has started it, an empty form otherwise (nothing is created until saved).</summary>
    /// <param name="unsaved">After a stale save, what the person typed: the page shows it against the stored report.</param>
    public async Task<EntryViewModel?> EntryAsync(int periodId, int taskId, ReportFields? typed, ProgressMessage? message, CancellationToken cancellationToken, ReportDraft? unsaved = null)
    {
        var context = await ContextAsync(periodId, taskId, cancellationToken);
        if (context is null)
        {
            return null;
        }

        var report = await db.ReportOf(periodId, taskId, context.UnitId).AsNoTracking()
            .Select(r => new { r.Id, r.Status, r.RowVersion, r.IsReopened, Fields = new ReportFields(r.Progress, r.PercentComplete, r.ProgressText, r.Achievements, r.Problems, r.NextSteps, r.InvestmentWan), r.InvestmentSources, r.Milestones })
            .SingleOrDefaultAsync(cancellationToken);
        var events = report is null ? [] : await EventsAsync(report.Id, cancellationToken);
        var status = report?.Status;

        // The domain says whether the unit may change the report now; the page adds only who the user is.
        var editability = ProgressReport.Editability(context.PeriodStatus, report?.IsReopened == true, status);
        var canEdit = editability.Succeeded && user.Roles.Contains(Roles.Reporter);
        var canReview = ProgressReport.PeriodAdmits(context.PeriodStatus, report?.IsReopened == true) && user.Roles.Contains(Roles.Reviewer) && status is ReportStatus.Submitted;
        var stored = report is null ? ReportFields.Empty : WithMoneyAndMilestones(report.Fields, report.InvestmentSources, report.Milestones);
        var conflict = unsaved is null || report is null
            ? null
            : ReportVersionDiff.Between(ReportSnapshot.Of(unsaved, null), ReportSnapshot.Of(Draft(report.Fields, report.InvestmentSources, report.Milestones), null));
        return new EntryViewModel(context, report?.Id, status, typed ?? stored, report?.RowVersion, events, canEdit, canReview, message) { Conflict = conflict, Editability = editability };
    }

    /// <summary>The ministry's view of a report by id (planners see every unit's).</summary>
    public async Task<ReportViewModel?> ReportAsync(long reportId, ProgressMessage? message, CancellationToken cancellationToken)
    {
        var report = await (
                from r in db.ProgressReports.AsNoTracking()
                join p in db.ReportingPeriods on r.PeriodId equals p.Id
                join n in db.PlanNodes on r.TaskId equals n.Id
                join u in db.Units on r.UnitId equals u.Id
                where r.Id == reportId
                select new
                {
                    r.Id,
                    r.Status,
                    r.RowVersion,
                    Fields = new ReportFields(r.Progress, r.PercentComplete, r.ProgressText, r.Achievements, r.Problems, r.NextSteps, r.InvestmentWan),
                    r.InvestmentSources,
                    r.Milestones,
                    PeriodId = p.Id,
                    p.Label,
                    PeriodStatus = p.Status,
                    p.DueOn,
                    p.StartsOn,
                    p.EndsOn,
                    TaskId = n.Id,
                    n.Number,
                    n.Title,
                    UnitId = u.Id,
                    UnitName = u.Name,
                })
            .SingleOrDefaultAsync(cancellationToken);
        if (report is null)
        {
            return null;
        }

        var context = new ReportContext(report.PeriodId, report.Label, report.PeriodStatus, report.DueOn, new PeriodWindow(report.StartsOn, report.EndsOn), report.TaskId, Label(report.Number, report.Title), report.UnitId, report.UnitName);
        var events = await EventsAsync(report.Id, cancellationToken);
        return new ReportViewModel(report.Id, context, report.Status, WithMoneyAndMilestones(report.Fields, report.InvestmentSources, report.Milestones), report.RowVersion, events, report.Status is ReportStatus.Submitted or ReportStatus.Reviewed, message);
    }

    private async Task<IReadOnlyList<EventRow>> EventsAsync(long reportId, CancellationToken cancellationToken) =>
        await db.ProgressReportEvents.AsNoTracking()
            .Where(e => e.ProgressReportId == reportId)
            .OrderBy(e => e.At).ThenBy(e => e.Id)
            .Select(e => new EventRow(e.Step, e.Actor, e.Comment, e.At))
            .ToListAsync(cancellationToken);

    private static ReportFields WithMoneyAndMilestones(ReportFields fields, List<InvestmentBySource> sources, List<Milestone> milestones) =>
        fields with { Sources = sources, Milestones = [.. milestones.Select(m => new MilestoneRow(m.Title, m.ReachedOn))] };

    private static ReportDraft Draft(ReportFields fields, List<InvestmentBySource> sources, List<Milestone> milestones) =>
        new(fields.Progress, fields.PercentComplete, fields.ProgressText, fields.Achievements, fields.Problems, fields.NextSteps, fields.InvestmentWan, sources, milestones);

    private static string Label(string? number, string title) => Domain.Plans.TaskLabel.Of(number, title);
}

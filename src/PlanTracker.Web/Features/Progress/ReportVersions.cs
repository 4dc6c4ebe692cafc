using Microsoft.EntityFrameworkCore;
using PlanTracker.Domain.Reporting;
using PlanTracker.Infrastructure.Persistence;

namespace PlanTracker.Web.Features.Progress;

/// <summary>
/// The submitted versions of a report (报送版本): the list, one version read-only, and two compared. A unit reaches
/// its own report through (period, task) and the data scope; the ministry by report id. Versions carry no unit of
/// their own, so every query goes through the scoped <see cref="AppDbContext.ProgressReports"/>.
/// </summary>
public sealed class ReportVersions(AppDbContext db, ProgressPages pages)
{
    /// <summary>The versions and reopening state shown under a report, on the unit's entry page or the ministry's report page.</summary>
    public async Task<ReportHistory> HistoryAsync(long? reportId, ReportContext context, bool forUnit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (reportId is not long id)
        {
            return new ReportHistory(null, context, [], false, false, null, forUnit);
        }

        var state = await db.ProgressReports.AsNoTracking()
            .Where(r => r.Id == id)
            .Select(r => new { r.Status, r.IsReopened, r.RowVersion })
            .SingleAsync(cancellationToken);
        var versions = await ListAsync(id, cancellationToken);
        var closed = context.PeriodStatus == PeriodStatus.Closed;
        var canReopen = !forUnit && ProgressReport.Reopenability(state.Status, state.IsReopened, closed).Succeeded;
        return new ReportHistory(id, context, versions, state.IsReopened, canReopen, state.RowVersion, forUnit);
    }

    /// <summary>The unit's own report on (period, task); null when the task is not the unit's or nothing was saved yet.</summary>
    public async Task<(long ReportId, ReportContext Context)?> UnitReportAsync(int periodId, int taskId, CancellationToken cancellationToken)
    {
        var context = await pages.ContextAsync(periodId, taskId, cancellationToken);
        if (context is null)
        {
            return null;
        }

        var id = await db.ReportOf(periodId, taskId, context.UnitId).AsNoTracking()
            .Select(r => (long?)r.Id)
            .SingleOrDefaultAsync(cancellationToken);
        return id is long reportId ? (reportId, context) : null;
    }

    /// <summary>Any report the user's scope reaches, by id (the ministry's pages).</summary>
    public async Task<ReportContext?> ReportContextAsync(long reportId, CancellationToken cancellationToken) =>
        await (
                from r in db.ProgressReports.AsNoTracking()
                join p in db.ReportingPeriods on r.PeriodId equals p.Id
                join n in db.PlanNodes on r.TaskId equals n.Id
                join u in db.Units on r.UnitId equals u.Id
                where r.Id == reportId
                select new ReportContext(p.Id, p.Label, p.Status, p.DueOn, new PeriodWindow(p.StartsOn, p.EndsOn), n.Id, Domain.Plans.TaskLabel.Of(n.Number, n.Title), u.Id, u.Name))
            .SingleOrDefaultAsync(cancellationToken);

    /// <returns>Null when the report has no version of that number.</returns>
    public async Task<VersionViewModel?> VersionAsync(long reportId, ReportContext context, int number, bool forUnit, CancellationToken cancellationToken)
    {
        var all = await ListAsync(reportId, cancellationToken);
        var row = all.FirstOrDefault(v => v.Number == number);
        if (row is null)
        {
            return null;
        }

        var content = await Versions(reportId).Where(v => v.Number == number).Select(v => v.Content).SingleAsync(cancellationToken);
        return new VersionViewModel(reportId, context, row, content, all, forUnit);
    }

    /// <summary>Two versions compared; by default the last two. Null when a number names no version.</summary>
    public async Task<CompareViewModel?> CompareAsync(long reportId, ReportContext context, int? from, int? to, bool forUnit, CancellationToken cancellationToken)
    {
        var all = await ListAsync(reportId, cancellationToken);
        if (all.Count == 0)
        {
            return from is null && to is null ? new CompareViewModel(reportId, context, null, null, null, all, forUnit) : null;
        }

        var toNumber = to ?? all[^1].Number;
        var fromNumber = from ?? Math.Max(1, toNumber - 1);
        var before = all.FirstOrDefault(v => v.Number == fromNumber);
        var after = all.FirstOrDefault(v => v.Number == toNumber);
        if (before is null || after is null)
        {
            return null;
        }

        var contents = await Versions(reportId)
            .Where(v => v.Number == fromNumber || v.Number == toNumber)
            .Select(v => new { v.Number, v.Content })
            .ToDictionaryAsync(v => v.Number, v => v.Content, cancellationToken);
        return new CompareViewModel(reportId, context, before, after, ReportVersionDiff.Between(contents[fromNumber], contents[toNumber]), all, forUnit);
    }

    private async Task<IReadOnlyList<VersionRow>> ListAsync(long reportId, CancellationToken cancellationToken) =>
        await Versions(reportId)
            .OrderBy(v => v.Number)
            .Select(v => new VersionRow(v.Number, v.SubmittedAt, v.SubmittedBy))
            .ToListAsync(cancellationToken);

    /// <summary>The report's versions, reached only through a report the data scope lets the user see.</summary>
    private IQueryable<ProgressReportVersion> Versions(long reportId) =>
        from v in db.ProgressReportVersions.AsNoTracking()
        join r in db.ProgressReports on v.ProgressReportId equals r.Id
        where r.Id == reportId
        select v;
}

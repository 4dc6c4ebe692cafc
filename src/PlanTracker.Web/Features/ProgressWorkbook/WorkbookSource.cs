using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PlanTracker.Domain.Indicators;
using PlanTracker.Domain.Reporting;
using PlanTracker.Infrastructure.Persistence;
using PlanTracker.Web.Features.Assignments;
using PlanTracker.Web.Hosting;

namespace PlanTracker.Web.Features.ProgressWorkbook;

/// <summary>The workbook's data and, for the upload, the entities it came from (tracked inside the upload's transaction).</summary>
public sealed record WorkbookState(WorkbookData Data, IReadOnlyDictionary<int, ProgressReport> Reports, IReadOnlyDictionary<int, IndicatorValue> Values, int UnitId);

/// <summary>
/// Loads what the signed-in user's unit has to report for a period: its assigned tasks of the plan's current version,
/// their reports, and the indicators of that version the unit reports (all but the national-only ones) with the
/// unit's values. Every query names the user's unit and runs under the data scope as well.
/// </summary>
public sealed class WorkbookSource(AppDbContext db, CurrentUser user)
{
    /// <summary>Null when the user has no unit or the period does not exist (404).</summary>
    public async Task<WorkbookState?> LoadAsync(int periodId, bool tracked, CancellationToken cancellationToken)
    {
        if (user.UnitId is not int unitId)
        {
            return null;
        }

        var period = await db.ReportingPeriods.AsNoTracking().SingleOrDefaultAsync(p => p.Id == periodId, cancellationToken);
        if (period is null)
        {
            return null;
        }

        var unit = await db.Units.AsNoTracking().Where(u => u.Id == unitId).Select(u => new { u.Code, u.Name }).SingleAsync(cancellationToken);
        var tasks = await (
                from a in db.TaskAssignments.AsNoTracking()
                join n in db.CurrentTasksOf(period.PlanId) on a.TaskId equals n.Id
                where a.UnitId == unitId
                orderby n.Position
                select new { n.Id, n.Key, n.Number, n.Title, a.Role })
            .ToListAsync(cancellationToken);
        var reportQuery = db.ProgressReports.Where(r => r.PeriodId == periodId && r.UnitId == unitId);
        // A report belongs to its task across plan versions: matched by the task's key, then held by the current node.
        var reportsByKey = await (tracked ? reportQuery : reportQuery.AsNoTracking()).ToDictionaryAsync(r => r.TaskKey, cancellationToken);
        var reports = tasks.Where(t => reportsByKey.ContainsKey(t.Key)).ToDictionary(t => t.Id, t => reportsByKey[t.Key]);
        var versions = db.CurrentVersions().Where(v => v.PlanId == period.PlanId);
        var indicators = await db.Indicators.AsNoTracking()
            .Where(i => versions.Any(v => v.Id == i.PlanVersionId) && i.Aggregation != IndicatorAggregation.NationalOnly)
            .OrderBy(i => i.Ordinal).ThenBy(i => i.Id)
            .Select(i => new { i.Id, i.Key, i.Name, i.Unit })
            .ToListAsync(cancellationToken);
        var valueQuery = db.IndicatorValues.Where(v => v.PeriodId == periodId && v.UnitId == unitId);
        var valuesByKey = await (tracked ? valueQuery : valueQuery.AsNoTracking()).ToDictionaryAsync(v => v.IndicatorKey, cancellationToken);
        var values = indicators.Where(i => valuesByKey.ContainsKey(i.Key)).ToDictionary(i => i.Id, i => valuesByKey[i.Key]);

        var open = period.AcceptsEntries;
        var duplicateNumbers = tasks.Where(t => !string.IsNullOrWhiteSpace(t.Number)).GroupBy(t => t.Number!.Trim()).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        var rows = tasks.Select(t =>
        {
            var report = reports.GetValueOrDefault(t.Id);
            var code = string.IsNullOrWhiteSpace(t.Number) || duplicateNumbers.Contains(t.Number.Trim()) ? "T" + t.Id.ToString(CultureInfo.InvariantCulture) : t.Number.Trim();
            // The domain's rule: a closed period locks its reports, except one a planner reopened for the unit (重新开放).
            var editable = (report?.EditabilityIn(period.Status) ?? ProgressReport.EditabilityOfNew(period.Status)).Succeeded;
            return new WorkbookTask(t.Id, code, t.Title, t.Role, report?.Status, report?.RowVersion, report?.Content(), editable);
        }).ToList();
        var indicatorRows = indicators.Select(i =>
        {
            var value = values.GetValueOrDefault(i.Id);
            var figure = value is null ? null : new IndicatorFigure(value.Value, value.ValueText, value.UnitOfMeasure, value.Source, value.Note);
            return new WorkbookIndicator(i.Id, i.Name, i.Unit, figure, value?.Status, value?.RowVersion, open && (value is null || value.IsEditable));
        }).ToList();

        var data = new WorkbookData(unit.Code ?? "#" + unitId.ToString(CultureInfo.InvariantCulture), unit.Name, period.Id, period.Label, period.Window, open, rows, indicatorRows);
        return new WorkbookState(data, reports, values, unitId);
    }
}

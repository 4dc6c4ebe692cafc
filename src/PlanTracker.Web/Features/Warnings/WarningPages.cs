using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using PlanTracker.Domain.Monitoring;
using PlanTracker.Infrastructure.Monitoring;
using PlanTracker.Infrastructure.Persistence;
using PlanTracker.Web.Features.Shared.Figures;

namespace PlanTracker.Web.Features.Warnings;

/// <summary>
/// Reads for the warning pages: a plan's warnings filtered and paged newest first with the counts by state and colour
/// (one grouped query), and one warning with its subject's earlier warnings. Subject names come in the same query.
/// </summary>
public sealed class WarningPages(AppDbContext db, IStringLocalizer<SharedResource> localizer)
{
    public const int PageSize = 50;

    /// <summary>The table downloads every warning the filters select, not only the page on the screen (up to this many).</summary>
    public const int MaxDownloadRows = 50_000;

    public const string TableKey = "warnings";

    public async Task<WarningListViewModel?> ListAsync(int planId, WarningFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var title = await PlanTitleAsync(planId, cancellationToken);
        if (title is null)
        {
            return null;
        }

        var counts = await db.EarlyWarnings.AsNoTracking()
            .Where(w => w.PlanId == planId)
            .GroupBy(w => new { w.State, w.Colour })
            .Select(g => new WarningCount(g.Key.State, g.Key.Colour, g.Count()))
            .ToListAsync(cancellationToken);
        var units = await db.Units.AsNoTracking()
            .Where(u => db.EarlyWarnings.Any(w => w.PlanId == planId && w.UnitId == u.Id))
            .OrderBy(u => u.Code)
            .Select(u => new UnitOption(u.Id, u.Name))
            .ToListAsync(cancellationToken);
        var filtered = Filtered(planId, filter);
        var total = await filtered.CountAsync(cancellationToken);
        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        var page = Math.Clamp(filter.Page, 1, pageCount);
        var rows = await Rows(filtered).Skip((page - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
        var lastScanned = await db.MonitoredStatuses.AsNoTracking()
            .Where(s => s.PlanId == planId && s.SubjectKey == WarningScan.LastScanKey)
            .Select(s => (DateOnly?)s.Since)
            .SingleOrDefaultAsync(cancellationToken);
        return new WarningListViewModel(planId, title, filter with { Page = page }, counts, units, Table(planId, rows), total, pageCount, lastScanned);
    }

    /// <summary>Every warning the filters select, as the downloadable table; null when the plan is not there.</summary>
    public async Task<(FigureTable Table, string PlanTitle)?> DownloadAsync(int planId, WarningFilter filter, CancellationToken cancellationToken)
    {
        var title = await PlanTitleAsync(planId, cancellationToken);
        if (title is null)
        {
            return null;
        }

        var rows = await Rows(Filtered(planId, filter)).Take(MaxDownloadRows).ToListAsync(cancellationToken);
        return (Table(planId, rows), title);
    }

    public async Task<WarningViewModel?> WarningAsync(long id, CancellationToken cancellationToken)
    {
        var warning = await db.EarlyWarnings.AsNoTracking()
            .Where(w => w.Id == id)
            .Select(w => new { w.PlanId, w.SubjectKey, w.RowVersion, w.HandledBy, w.HandledAt, w.Note, w.AdjustmentId })
            .SingleOrDefaultAsync(cancellationToken);
        var title = warning is null ? null : await PlanTitleAsync(warning.PlanId, cancellationToken);
        if (warning is null || title is null)
        {
            return null;
        }

        var rows = await Rows(db.EarlyWarnings.AsNoTracking().Where(w => w.PlanId == warning.PlanId && w.SubjectKey == warning.SubjectKey)).ToListAsync(cancellationToken);
        var adjustments = await db.Adjustments.AsNoTracking()
            .Where(a => a.PlanId == warning.PlanId)
            .OrderByDescending(a => a.CreatedAt)
            .Select(a => new AdjustmentOption(a.Id, a.Title, a.Status.ToString()))
            .ToListAsync(cancellationToken);
        var adjustmentTitle = warning.AdjustmentId is { } linked
            ? await db.Adjustments.AsNoTracking().Where(a => a.Id == linked).Select(a => a.Title).SingleOrDefaultAsync(cancellationToken)
            : null;
        return new WarningViewModel(
            rows.Single(r => r.Id == id),
            warning.RowVersion,
            title,
            warning.HandledBy,
            warning.HandledAt,
            warning.Note,
            warning.AdjustmentId,
            adjustmentTitle,
            [.. rows.Where(r => r.Id != id)],
            adjustments);
    }

    /// <summary>The Chinese (or English) words for a state, a colour and a kind, as the list and the download write them.</summary>
    public string StateText(WarningState state) => localizer["Warnings.State." + state].Value;

    public string ColourText(StatusColour colour) => localizer["Warnings.Colour." + colour].Value;

    public string KindText(WarningKind kind) => localizer["Warnings.Kind." + kind].Value;

    public static string TaskHref(int taskId) => $"/monitoring/tasks/{taskId}";

    public static string UnitHref(int planId, int unitId) => $"/monitoring/plans/{planId}/units/{unitId}";

    public static string IndicatorHref(int indicatorId) => $"/monitoring/indicators/{indicatorId}";

    public static string ReportHref(long reportId) => $"/progress/reports/{reportId}";

    public static string WarningHref(long id) => $"/monitoring/warnings/{id}";

    public static string TaskLabel(string? number, string? title) =>
        Domain.Plans.TaskLabel.Of(number, title);

    private Task<string?> PlanTitleAsync(int planId, CancellationToken cancellationToken) =>
        db.Plans.AsNoTracking().Where(p => p.Id == planId).Select(p => p.Title).SingleOrDefaultAsync(cancellationToken);

    private IQueryable<Domain.Monitoring.EarlyWarning> Filtered(int planId, WarningFilter filter)
    {
        var query = db.EarlyWarnings.AsNoTracking().Where(w => w.PlanId == planId);
        query = filter.State switch
        {
            WarningStateFilter.Open => query.Where(w => w.State == WarningState.Open),
            WarningStateFilter.Handled => query.Where(w => w.State != WarningState.Open),
            _ => query,
        };
        if (filter.Colour is { } colour)
        {
            query = query.Where(w => w.Colour == colour);
        }

        if (filter.Kind is { } kind)
        {
            query = query.Where(w => w.Kind == kind);
        }

        if (filter.UnitId is { } unitId)
        {
            query = query.Where(w => w.UnitId == unitId);
        }

        return query;
    }

    private IQueryable<WarningRow> Rows(IQueryable<Domain.Monitoring.EarlyWarning> warnings) =>
        from w in warnings
        join n in db.PlanNodes on w.TaskId equals n.Id into tasks
        from n in tasks.DefaultIfEmpty()
        join u in db.Units on w.UnitId equals u.Id into units
        from u in units.DefaultIfEmpty()
        join i in db.Indicators on w.IndicatorId equals i.Id into indicators
        from i in indicators.DefaultIfEmpty()
        orderby w.RaisedAt descending, w.Id descending
        select new WarningRow(
            w.Id, w.PlanId, w.AsOf, w.RaisedAt, w.Kind, w.Colour, w.PreviousColour,
            w.TaskId, n == null ? null : n.Number, n == null ? null : n.Title,
            w.UnitId, u == null ? null : u.Name,
            w.IndicatorId, i == null ? null : i.Name,
            w.Reason, w.EvidenceReportId, w.State);

    private FigureTable Table(int planId, IReadOnlyList<WarningRow> rows) => new(
        TableKey,
        localizer["Warnings.TableTitle"].Value,
        [
            new FigureColumn(localizer["Warnings.Column.AsOf"].Value),
            new FigureColumn(localizer["Warnings.Column.Colour"].Value),
            new FigureColumn(localizer["Warnings.Column.Kind"].Value),
            new FigureColumn(localizer["Warnings.Column.Subject"].Value),
            new FigureColumn(localizer["Warnings.Column.Unit"].Value),
            new FigureColumn(localizer["Warnings.Column.Reason"].Value),
            new FigureColumn(localizer["Warnings.Column.Evidence"].Value),
            new FigureColumn(localizer["Warnings.Column.State"].Value),
        ],
        [.. rows.Select(r => Row(planId, r))])
    {
        EmptyText = localizer["Warnings.Empty"].Value,
    };

    private FigureRow Row(int planId, WarningRow r)
    {
        var subject = r.Kind switch
        {
            WarningKind.Task or WarningKind.TaskUnit when r.TaskId is { } taskId => FigureCell.Of(TaskLabel(r.TaskNumber, r.TaskTitle), TaskHref(taskId)),
            WarningKind.Unit when r.UnitId is { } unitId => FigureCell.Of(r.UnitName, UnitHref(planId, unitId)),
            WarningKind.Indicator when r.IndicatorId is { } indicatorId => FigureCell.Of(r.IndicatorName, IndicatorHref(indicatorId)),
            _ => FigureCell.Of("—"),
        };
        var unit = r.UnitId is { } id ? FigureCell.Of(r.UnitName, UnitHref(planId, id)) : FigureCell.Of("—");
        var evidence = r.EvidenceReportId is { } report
            ? FigureCell.Of(localizer["Warnings.EvidenceReport", report].Value, ReportHref(report))
            : FigureCell.Of("—");
        return new FigureRow(
        [
            FigureCell.Of(r.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            FigureCell.Of(ColourText(r.Colour), colour: r.Colour.ToString().ToLowerInvariant()),
            FigureCell.Of(KindText(r.Kind)),
            subject,
            unit,
            FigureCell.Of(r.Reason),
            evidence,
            FigureCell.Of(StateText(r.State), WarningHref(r.Id)),
        ]);
    }
}

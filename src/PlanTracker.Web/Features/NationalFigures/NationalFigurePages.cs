using Microsoft.EntityFrameworkCore;
using PlanTracker.Domain.Indicators;
using PlanTracker.Domain.Plans;
using PlanTracker.Infrastructure.Persistence;

namespace PlanTracker.Web.Features.NationalFigures;

/// <summary>
/// Reads for the national-figure page. The indicator must be one of the plan's published version; a figure entered
/// against the same indicator (same key) in an earlier version of the plan is shown, and replaced when saved.
/// </summary>
public sealed class NationalFigurePages(AppDbContext db)
{
    /// <summary>The published indicator of the plan, or null.</summary>
    public async Task<Indicator?> IndicatorAsync(int planId, int indicatorId, CancellationToken cancellationToken) =>
        await db.Indicators.AsNoTracking()
            .Where(i => i.Id == indicatorId && db.PlanVersions.Any(v => v.Id == i.PlanVersionId && v.PlanId == planId && v.Status == PlanVersionStatus.Published))
            .SingleOrDefaultAsync(cancellationToken);

    /// <summary>The ids of the indicator's versions in the plan (the same key).</summary>
    public IQueryable<int> SameIndicator(int planId, Guid key) =>
        db.Indicators.Where(i => i.Key == key && db.PlanVersions.Any(v => v.Id == i.PlanVersionId && v.PlanId == planId)).Select(i => i.Id);

    public async Task<NationalFiguresViewModel?> PageAsync(int planId, int indicatorId, NationalFigureInput? typed, string? refusal, CancellationToken cancellationToken)
    {
        var indicator = await IndicatorAsync(planId, indicatorId, cancellationToken);
        if (indicator is null)
        {
            return null;
        }

        var planTitle = await db.Plans.AsNoTracking().Where(p => p.Id == planId).Select(p => p.Title).SingleAsync(cancellationToken);
        var periods = await db.ReportingPeriods.AsNoTracking()
            .Where(p => p.PlanId == planId)
            .OrderBy(p => p.EndsOn).ThenBy(p => p.Id)
            .Select(p => new { p.Id, p.Label, p.StartsOn, p.EndsOn })
            .ToListAsync(cancellationToken);
        var ids = SameIndicator(planId, indicator.Key);
        var stored = (await db.IndicatorValues.AsNoTracking()
                .Where(v => v.UnitId == null && ids.Contains(v.IndicatorId))
                .Select(v => new { v.PeriodId, v.IndicatorId, v.Id, Figure = new NationalFigure(v.Value, v.ValueText, v.UnitOfMeasure, v.Source, v.Note, v.Status, v.UpdatedBy, v.UpdatedAt, v.RowVersion) })
                .ToListAsync(cancellationToken))
            .GroupBy(v => v.PeriodId)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(v => v.IndicatorId == indicatorId).ThenByDescending(v => v.Id).First().Figure);

        var rows = periods.Select(p =>
        {
            stored.TryGetValue(p.Id, out var figure);
            var form = typed is not null && typed.PeriodId == p.Id
                ? typed
                : new NationalFigureInput
                {
                    PeriodId = p.Id,
                    Value = figure?.Value?.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture),
                    ValueText = figure?.ValueText,
                    UnitOfMeasure = figure?.UnitOfMeasure ?? indicator.Unit,
                    Source = figure?.Source,
                    Note = figure?.Note,
                    RowVersion = figure?.RowVersion,
                };
            return new NationalFigureRow(p.Id, p.Label, p.StartsOn, p.EndsOn, figure, form);
        }).ToList();

        return new NationalFiguresViewModel(planId, planTitle, indicator.Id, indicator.Name, indicator.Unit, indicator.Target, indicator.TargetYear, rows, typed?.PeriodId, refusal);
    }
}

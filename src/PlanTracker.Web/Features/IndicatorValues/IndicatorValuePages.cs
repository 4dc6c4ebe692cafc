using Microsoft.EntityFrameworkCore;
using PlanTracker.Domain.Access;
using PlanTracker.Domain.Indicators;
using PlanTracker.Domain.Plans;
using PlanTracker.Domain.Reporting;
using PlanTracker.Infrastructure.Persistence;
using PlanTracker.Web.Hosting;

namespace PlanTracker.Web.Features.IndicatorValues;

/// <summary>
/// The read side of 指标值填报. The indicators are those of the plan's current published version that units report on
/// (not the national-figure-only kind). Values are read under the data scope (a unit sees its own) and, for the unit
/// page, by the user's unit as well.
/// </summary>
public sealed class IndicatorValuePages(AppDbContext db, CurrentUser user)
{
    /// <summary>The period with its plan; null when it does not exist or its plan is not visible to the user.</summary>
    public Task<IndicatorPeriod?> PeriodAsync(int periodId, CancellationToken cancellationToken) =>
        (from p in db.ReportingPeriods.AsNoTracking()
         join plan in db.Plans on p.PlanId equals plan.Id
         where p.Id == periodId
         select new IndicatorPeriod(p.Id, p.PlanId, plan.Title, p.Label, p.Status, p.DueOn))
        .SingleOrDefaultAsync(cancellationToken);

    /// <summary>The indicators units report on, in the plan's order.</summary>
    public async Task<IReadOnlyList<IndicatorHead>> IndicatorsAsync(int planId, CancellationToken cancellationToken) =>
        await db.Indicators.AsNoTracking()
            .Where(i => i.Aggregation != IndicatorAggregation.NationalOnly
                && db.PlanVersions.Any(v => v.Id == i.PlanVersionId && v.PlanId == planId && v.Status == PlanVersionStatus.Published))
            .OrderBy(i => i.Ordinal).ThenBy(i => i.Id)
            .Select(i => new IndicatorHead(i.Id, i.Name, i.Category, i.Unit, i.Target.Text, i.Key))
            .ToListAsync(cancellationToken);

    /// <summary>The unit's page; <paramref name="typed"/> (after a refusal) replaces the stored figures of the rows it holds.</summary>
    public async Task<UnitIndicatorsViewModel?> UnitAsync(int periodId, IndicatorValuesInput? typed, IndicatorMessage? message, CancellationToken cancellationToken)
    {
        if (user.UnitId is not int unitId || await PeriodAsync(periodId, cancellationToken) is not { } period)
        {
            return null;
        }

        var indicators = await IndicatorsAsync(period.PlanId, cancellationToken);
        var stored = await db.IndicatorValues.AsNoTracking().UnitValuesOf(indicators, periodId, unitId, cancellationToken);
        var unitName = await db.Units.AsNoTracking().Where(u => u.Id == unitId).Select(u => u.Name).SingleAsync(cancellationToken);
        var rows = indicators.Select(i =>
        {
            var row = stored.TryGetValue(i.Id, out var v)
                ? new UnitValueRow(i, v.Id, v.Value, v.ValueText, v.UnitOfMeasure, v.Source, v.Note, v.Status, v.ReturnReason, v.RowVersion)
                : new UnitValueRow(i, null, null, null, i.Unit, null, null, null, null, null);
            var input = typed?.Rows.FirstOrDefault(r => r.IndicatorId == i.Id);
            return input is null || !row.IsEditable
                ? row
                : row with { Value = input.Value, ValueText = input.ValueText, UnitOfMeasure = input.UnitOfMeasure, Source = input.Source, Note = input.Note };
        }).ToList();
        var canEdit = period.Status == PeriodStatus.Open && user.Roles.Contains(Roles.Reporter);
        return new UnitIndicatorsViewModel(period, unitName, rows, canEdit, message);
    }

    /// <summary>The ministry's table: every unit's submitted, returned or approved value of the period (drafts stay the unit's).</summary>
    public async Task<PeriodIndicatorsViewModel?> PeriodValuesAsync(int periodId, int? indicatorId, IndicatorMessage? message, CancellationToken cancellationToken)
    {
        if (await PeriodAsync(periodId, cancellationToken) is not { } period)
        {
            return null;
        }

        var indicators = await IndicatorsAsync(period.PlanId, cancellationToken);
        var ids = indicators.Where(i => indicatorId is null || i.Id == indicatorId).Select(i => i.Id).ToList();

        // A value belongs to its indicator across versions: matched by key to the current version's indicator.
        var rows = await (
                from v in db.IndicatorValues.AsNoTracking()
                join i in db.Indicators on v.IndicatorKey equals i.Key
                join u in db.Units on v.UnitId equals (int?)u.Id
                where v.PeriodId == periodId && ids.Contains(i.Id) && v.Status != ReportStatus.Draft
                orderby i.Ordinal, i.Id, u.Code
                select new ReviewValueRow(v.Id, i.Id, i.Name, u.Name, v.Value, v.ValueText, v.UnitOfMeasure, v.Source, v.Note, v.Status, v.ReturnReason, v.RowVersion))
            .ToListAsync(cancellationToken);
        return new PeriodIndicatorsViewModel(period, indicators, indicatorId, rows, user.Roles.Contains(Roles.Planner), message);
    }
}

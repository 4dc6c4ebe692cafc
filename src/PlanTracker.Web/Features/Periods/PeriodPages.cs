using Microsoft.EntityFrameworkCore;
using PlanTracker.Domain.Plans;
using PlanTracker.Infrastructure.Persistence;

namespace PlanTracker.Web.Features.Periods;

/// <summary>The read side: the plan picker and a plan's periods, projected straight into view models.</summary>
public sealed class PeriodPages(AppDbContext db, TimeProvider clock)
{
    public async Task<PeriodPlanPickerViewModel> PlansAsync(CancellationToken cancellationToken) =>
        new(await db.Plans.AsNoTracking()
            .Where(p => p.Status == PlanStatus.Published)
            .OrderByDescending(p => p.StartYear).ThenBy(p => p.Id)
            .Select(p => new PeriodPlanChoice(p.Id, p.Title, p.StartYear, p.EndYear, db.ReportingPeriods.Count(r => r.PlanId == p.Id)))
            .ToListAsync(cancellationToken));

    /// <returns>Null when no published plan has this id.</returns>
    public async Task<PeriodListViewModel?> ListAsync(int planId, CancellationToken cancellationToken)
    {
        var plan = await db.Plans.AsNoTracking()
            .Where(p => p.Id == planId && p.Status == PlanStatus.Published)
            .Select(p => new { p.Id, p.Title, p.StartYear, p.EndYear })
            .SingleOrDefaultAsync(cancellationToken);
        if (plan is null)
        {
            return null;
        }

        var periods = await db.ReportingPeriods.AsNoTracking()
            .Where(r => r.PlanId == planId)
            .OrderBy(r => r.Kind).ThenBy(r => r.Year).ThenBy(r => r.Sequence)
            .Select(r => new PeriodRow(r.Id, r.Kind, r.Label, r.StartsOn, r.EndsOn, r.OpensOn, r.DueOn, r.ClosesOn, r.Status, r.RowVersion))
            .ToListAsync(cancellationToken);
        return new PeriodListViewModel(plan.Id, plan.Title, plan.StartYear, plan.EndYear, MinistryCalendar.Today(clock), periods);
    }
}

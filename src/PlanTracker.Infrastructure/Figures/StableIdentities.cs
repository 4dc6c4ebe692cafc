using Microsoft.EntityFrameworkCore;
using PlanTracker.Infrastructure.Persistence;

namespace PlanTracker.Infrastructure.Figures;

/// <summary>
/// Tasks, outline nodes and indicators keep one identity across plan versions (their key); a page's id names one
/// version's row. This finds, for an id of any version, the row of the same thing in the plan's current version — or
/// says that the current version no longer has it (cancelled, merged or split by an adjustment).
/// </summary>
public sealed class StableIdentities(AppDbContext db)
{
    public async Task<VersionedId?> NodeAsync(int nodeId, CancellationToken cancellationToken) =>
        await (
                from n in db.PlanNodes.AsNoTracking()
                join v in db.PlanVersions on n.PlanVersionId equals v.Id
                where n.Id == nodeId
                select new VersionedId(
                    v.PlanId,
                    n.Key,
                    db.CurrentVersions().Where(c => c.PlanId == v.PlanId)
                        .SelectMany(c => db.PlanNodes.Where(x => x.PlanVersionId == c.Id && x.Key == n.Key))
                        .Select(x => (int?)x.Id)
                        .FirstOrDefault()))
            .SingleOrDefaultAsync(cancellationToken);

    public async Task<VersionedId?> IndicatorAsync(int indicatorId, CancellationToken cancellationToken) =>
        await (
                from i in db.Indicators.AsNoTracking()
                join v in db.PlanVersions on i.PlanVersionId equals v.Id
                where i.Id == indicatorId
                select new VersionedId(
                    v.PlanId,
                    i.Key,
                    db.CurrentVersions().Where(c => c.PlanId == v.PlanId)
                        .SelectMany(c => db.Indicators.Where(x => x.PlanVersionId == c.Id && x.Key == i.Key))
                        .Select(x => (int?)x.Id)
                        .FirstOrDefault()))
            .SingleOrDefaultAsync(cancellationToken);
}

/// <param name="CurrentId">The same thing's id in the plan's current version; null when that version no longer has it.</param>
public sealed record VersionedId(int PlanId, Guid Key, int? CurrentId);

using Microsoft.EntityFrameworkCore;
using PlanTracker.Domain.Adjustments;
using PlanTracker.Domain.Plans;
using PlanTracker.Infrastructure.Persistence;

namespace PlanTracker.Infrastructure.Adjustments;

/// <summary>Reads a stored plan version as a <see cref="PlanSnapshot"/> (three queries: nodes, indicators, assignments).</summary>
public static class PlanSnapshots
{
    /// <summary>The plan's version in force: the latest published one (null when none is published).</summary>
    public static Task<PlanVersion?> CurrentVersionAsync(this AppDbContext db, int planId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.PlanVersions.IgnoreQueryFilters()
            .Where(v => v.PlanId == planId && v.Status == PlanVersionStatus.Published)
            .OrderByDescending(v => v.Number)
            .FirstOrDefaultAsync(cancellationToken);
    }

    public static async Task<PlanSnapshot> SnapshotAsync(this AppDbContext db, int versionId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var version = await db.PlanVersions.IgnoreQueryFilters().AsNoTracking()
            .Where(v => v.Id == versionId)
            .Select(v => new { v.PlanId, v.Number, v.Plan!.StartYear, v.Plan.EndYear })
            .SingleAsync(cancellationToken);
        var nodes = await db.PlanNodes.AsNoTracking()
            .Where(n => n.PlanVersionId == versionId)
            .OrderBy(n => n.Position)
            .Select(n => new { n.Id, n.Key, n.Kind, n.ParentId, n.Number, n.Title, n.Text, n.StartsOn, n.EndsOn })
            .ToListAsync(cancellationToken);
        var keys = nodes.ToDictionary(n => n.Id, n => n.Key);
        var indicators = await db.Indicators.AsNoTracking()
            .Where(i => i.PlanVersionId == versionId)
            .OrderBy(i => i.Ordinal)
            .Select(i => new IndicatorState(i.Key, i.Name, i.Unit, i.BaselineYear, i.Baseline == null ? null : i.Baseline.Text, i.TargetYear, i.Target.Text))
            .ToListAsync(cancellationToken);

        // Every unit's assignment counts here, whoever asks: a snapshot is the plan itself, not one unit's view of it.
        var assignments = await db.TaskAssignments.IgnoreQueryFilters().AsNoTracking()
            .Where(a => db.PlanNodes.Any(n => n.Id == a.TaskId && n.PlanVersionId == versionId))
            .OrderBy(a => a.TaskId).ThenBy(a => a.UnitId)
            .Select(a => new { a.TaskId, a.UnitId, a.Role })
            .ToListAsync(cancellationToken);

        return new PlanSnapshot(
            version.PlanId,
            version.Number,
            version.StartYear,
            version.EndYear,
            [.. nodes.Select(n => new NodeState(n.Key, n.Kind, n.ParentId is { } p ? keys[p] : null, n.Number, n.Title, n.Text, n.StartsOn, n.EndsOn))],
            indicators,
            [.. assignments.Select(a => new AssignmentState(keys[a.TaskId], a.UnitId, a.Role))]);
    }
}

/// <summary>How a proposal is read whole: with its changes and its evidence (two collections: split queries).</summary>
public static class AdjustmentQueries
{
    public static IQueryable<Adjustment> Whole(this IQueryable<Adjustment> adjustments) =>
        adjustments.Include(a => a.Changes).Include(a => a.Evidence).AsSplitQuery();
}

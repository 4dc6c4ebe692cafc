using Microsoft.EntityFrameworkCore;
using PlanTracker.Domain;
using PlanTracker.Domain.Adjustments;
using PlanTracker.Domain.Plans;
using PlanTracker.Infrastructure.Persistence;

namespace PlanTracker.Infrastructure.Adjustments;

/// <summary>
/// A plan through its versions: which version was in force on a day, and the history of one task or indicator — every
/// version that changed it, with the approved adjustment behind that version (who decided, when, why).
/// </summary>
public static class PlanHistory
{
    /// <summary>The version in force at the end of <paramref name="day"/> (Beijing): the last one published by then.</summary>
    public static Task<PlanVersion?> VersionOnAsync(this AppDbContext db, int planId, DateOnly day, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var endOfDay = BeijingTime.StartOf(day.AddDays(1));
        return db.PlanVersions.IgnoreQueryFilters().AsNoTracking()
            .Where(v => v.PlanId == planId && v.Status != PlanVersionStatus.Draft && v.PublishedAt != null && v.PublishedAt < endOfDay)
            .OrderByDescending(v => v.Number)
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The published versions of a plan in order, each with the adjustment that produced it (none for the first).</summary>
    public static async Task<IReadOnlyList<VersionStep>> VersionsAsync(this AppDbContext db, int planId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var versions = await db.PlanVersions.IgnoreQueryFilters().AsNoTracking()
            .Where(v => v.PlanId == planId && v.Status != PlanVersionStatus.Draft)
            .OrderBy(v => v.Number)
            .Select(v => new { v.Id, v.Number, v.Status, v.PublishedAt })
            .ToListAsync(cancellationToken);
        // Approved adjustments are the plan's public record: every reader sees them, whoever proposed them.
        var adjustments = await db.Adjustments.IgnoreQueryFilters().AsNoTracking()
            .Where(a => a.PlanId == planId && a.ResultingVersionId != null)
            .Select(a => new { a.Id, a.ResultingVersionId, a.Title, a.Reason, a.ProposedBy, a.DecidedBy, a.DecidedAt, a.DecisionComment })
            .ToListAsync(cancellationToken);
        return [.. versions.Select(v =>
        {
            var a = adjustments.FirstOrDefault(x => x.ResultingVersionId == v.Id);
            return new VersionStep(
                v.Id, v.Number, v.Status, v.PublishedAt,
                a is null ? null : new AdjustmentDecision(a.Id, a.Title, a.Reason, a.ProposedBy, a.DecidedBy, a.DecidedAt, a.DecisionComment));
        })];
    }

    /// <summary>Every change to the node or indicator with <paramref name="key"/>, version by version, oldest first.</summary>
    public static async Task<IReadOnlyList<SubjectChange>> HistoryOfAsync(this AppDbContext db, int planId, Guid key, CancellationToken cancellationToken = default)
    {
        var steps = await db.VersionsAsync(planId, cancellationToken);
        var snapshots = new List<PlanSnapshot>();
        foreach (var step in steps)
        {
            snapshots.Add(await db.SnapshotAsync(step.VersionId, cancellationToken));
        }

        return ChangesOf(steps, snapshots, key);
    }

    /// <summary>The changes to <paramref name="key"/> between consecutive versions (<paramref name="snapshots"/> in the order of <paramref name="steps"/>).</summary>
    public static IReadOnlyList<SubjectChange> ChangesOf(IReadOnlyList<VersionStep> steps, IReadOnlyList<PlanSnapshot> snapshots, Guid key, IReadOnlyDictionary<int, string>? unitNames = null)
    {
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentNullException.ThrowIfNull(snapshots);
        var history = new List<SubjectChange>();
        for (var i = 1; i < snapshots.Count; i++)
        {
            history.AddRange(PlanVersionDiff.Compare(snapshots[i - 1], snapshots[i], unitNames).Where(c => c.Key == key).Select(c => new SubjectChange(steps[i], c)));
        }

        return history;
    }
}

public sealed record AdjustmentDecision(int AdjustmentId, string Title, string Reason, string? ProposedBy, string? DecidedBy, DateTimeOffset? DecidedAt, string? Comment);

/// <summary>A published version and, from version 2 on, the approved adjustment that produced it.</summary>
public sealed record VersionStep(int VersionId, int Number, PlanVersionStatus Status, DateTimeOffset? PublishedAt, AdjustmentDecision? Adjustment);

public sealed record SubjectChange(VersionStep Version, VersionChange Change);

using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using PlanTracker.Domain.Auditing;
using PlanTracker.Domain.Plans;
using PlanTracker.Infrastructure.Auditing;
using PlanTracker.Infrastructure.Persistence;

namespace PlanTracker.Web.Features.PlanDrafts;

/// <summary>
/// The write side of the draft editor: each edit loads the plan's current version with its outline, runs one
/// domain edit, and saves it in one transaction, refusing a stale edit (the version's xmin the planner saw is
/// no longer the version's) and an edit of a version that is not a draft.
/// </summary>
public sealed class DraftEditing(AppDbContext db, TimeProvider clock, IAuditActor actor)
{
    /// <param name="nodeIds">Every node id the edit names; one that is not in the plan's current version is a 404.</param>
    /// <param name="workflowAction">An audit action recorded besides the row changes (merge-tasks, split-task), or null.</param>
    public async Task<DraftOutcome> EditAsync(
        int planId,
        uint rowVersion,
        IReadOnlyCollection<int> nodeIds,
        Func<PlanVersion, Func<int, PlanNode>, DraftEdit> edit,
        string? workflowAction,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(nodeIds);
        ArgumentNullException.ThrowIfNull(edit);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var version = await CurrentVersionAsync(planId, withNodes: true, cancellationToken);
        if (version is null)
        {
            return DraftOutcome.NotFound;
        }

        var nodes = version.Nodes.ToDictionary(n => n.Id);
        if (!nodeIds.All(nodes.ContainsKey))
        {
            return DraftOutcome.NotFound;
        }

        if (version.Status != PlanVersionStatus.Draft)
        {
            return DraftOutcome.Refused(DraftRefusal.NotDraft);
        }

        if (version.RowVersion != rowVersion)
        {
            return DraftOutcome.Stale;
        }

        var before = workflowAction is null ? null : Describe(nodeIds.Select(id => nodes[id]));
        var result = edit(version, id => nodes[id]);
        if (!result.Succeeded)
        {
            return DraftOutcome.Refused(result.Refusal!.Value);
        }

        foreach (var removed in result.Removed)
        {
            db.Remove(removed);
        }

        await MoveShiftedRowsAsideAsync(transaction, cancellationToken);
        Touch(version, rowVersion);
        if (workflowAction is not null)
        {
            db.AuditEntries.Add(new AuditEntry(
                clock.GetUtcNow(), actor.UserId, actor.UserName, actor.UnitId, workflowAction, nameof(PlanVersion),
                version.Id.ToString(CultureInfo.InvariantCulture), before, Describe(result.Added.Count > 0 ? result.Added : [result.Node!]), actor.RequestId));
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return DraftOutcome.Stale;
        }

        return DraftOutcome.Done(result.Node!.Id);
    }

    /// <summary>Publishes the plan's draft version: from now on it is in force, shown to everyone, and edited only by adjustments.</summary>
    public async Task<DraftOutcome> PublishAsync(int planId, uint rowVersion, CancellationToken cancellationToken)
    {
        var version = await CurrentVersionAsync(planId, withNodes: false, cancellationToken);
        if (version is null)
        {
            return DraftOutcome.NotFound;
        }

        if (version.Status != PlanVersionStatus.Draft)
        {
            return DraftOutcome.Refused(DraftRefusal.NotDraft);
        }

        if (version.RowVersion != rowVersion)
        {
            return DraftOutcome.Stale;
        }

        var now = clock.GetUtcNow();
        version.Publish(now);
        db.Entry(version).Property(v => v.RowVersion).OriginalValue = rowVersion;
        db.AuditEntries.Add(new AuditEntry(
            now, actor.UserId, actor.UserName, actor.UnitId, "publish", nameof(PlanVersion), version.Id.ToString(CultureInfo.InvariantCulture),
            JsonSerializer.Serialize(new { version.PlanId, version.Number, Status = nameof(PlanVersionStatus.Draft) }),
            JsonSerializer.Serialize(new { version.PlanId, version.Number, Status = version.Status.ToString(), version.PublishedAt }),
            actor.RequestId));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return DraftOutcome.Stale;
        }

        return DraftOutcome.Done(null);
    }

    private async Task<PlanVersion?> CurrentVersionAsync(int planId, bool withNodes, CancellationToken cancellationToken)
    {
        var query = db.PlanVersions.Include(v => v.Plan).Where(v => v.PlanId == planId);
        if (withNodes)
        {
            query = query.Include(v => v.Nodes);
        }

        return await query.OrderByDescending(v => v.Number).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// (plan_version_id, position) is unique and checked row by row, so nodes that change place first step aside to
    /// negative positions (-1 - old) in the same transaction (<see cref="PlanNodePositions"/>); the save then writes every
    /// final position without meeting an old one.
    /// </summary>
    private async Task MoveShiftedRowsAsideAsync(IDbContextTransaction transaction, CancellationToken cancellationToken)
    {
        db.ChangeTracker.DetectChanges();
        var shifting = db.ChangeTracker.Entries<PlanNode>()
            .Where(e => e.State == EntityState.Deleted
                || (e.State == EntityState.Modified && e.Property(n => n.Position).OriginalValue != e.Property(n => n.Position).CurrentValue))
            .ToDictionary(e => e.Entity.Id);
        if (shifting.Count == 0)
        {
            return;
        }

        foreach (var node in await db.MoveAsideAsync(transaction, shifting.Keys, cancellationToken))
        {
            // The rows now carry a new xmin and the temporary position. The save's concurrency check must expect that
            // xmin; and EF, which orders updates by the unique index's original values, would otherwise see the swap
            // of two positions as a cycle and refuse it. (The audit's "before" shows the temporary -1 - old position.)
            var entry = shifting[node.Id];
            entry.Property(n => n.RowVersion).OriginalValue = node.RowVersion;
            entry.Property(n => n.Position).OriginalValue = -1 - entry.Property(n => n.Position).OriginalValue;
        }
    }

    /// <summary>
    /// Every edit updates the version row (its note, unchanged) with the xmin the planner saw as the concurrency
    /// check: a second edit made from the same stale page fails, and the next page carries the new xmin.
    /// </summary>
    private void Touch(PlanVersion version, uint rowVersion)
    {
        var entry = db.Entry(version);
        entry.Property(v => v.Note).IsModified = true;
        entry.Property(v => v.RowVersion).OriginalValue = rowVersion;
    }

    private static string Describe(IEnumerable<PlanNode> nodes) =>
        JsonSerializer.Serialize(nodes.Select(n => new { n.Key, n.Kind, n.Title, n.Text }));
}

public enum DraftOutcomeKind
{
    Done,
    NotFound,
    Refused,
    Stale,
}

/// <summary>How a draft edit went: done (and the node to show), not found (404), refused (and why), or stale.</summary>
public sealed record DraftOutcome(DraftOutcomeKind Kind, DraftRefusal? Refusal, int? NodeId)
{
    public static readonly DraftOutcome NotFound = new(DraftOutcomeKind.NotFound, null, null);

    public static readonly DraftOutcome Stale = new(DraftOutcomeKind.Stale, null, null);

    public static DraftOutcome Refused(DraftRefusal refusal) => new(DraftOutcomeKind.Refused, refusal, null);

    public static DraftOutcome Done(int? nodeId) => new(DraftOutcomeKind.Done, null, nodeId);
}

using Microsoft.EntityFrameworkCore;
using PlanTracker.Domain.Adjustments;
using PlanTracker.Domain.Assignments;
using PlanTracker.Domain.Indicators;
using PlanTracker.Domain.Plans;
using PlanTracker.Domain.Reporting;
using PlanTracker.Infrastructure.Persistence;

namespace PlanTracker.Infrastructure.Adjustments;

/// <summary>
/// Approves an adjustment proposal: in one transaction, with the plan row locked so two approvals cannot both build
/// on the same version, it applies every change to the current version's snapshot, writes the result as the next
/// version (published; the old one superseded, untouched), and records the decision. Approved reports keep pointing
/// at the version they were written against; reports and indicator values still in the workflow move to the new
/// version's node or indicator of the same key, so units carry on where they were.
/// </summary>
public sealed class AdjustmentApproval(AppDbContext db, TimeProvider clock)
{
    public async Task<ApprovalResult> ApproveAsync(int adjustmentId, string? actor, string? comment, CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var planId = await db.Adjustments.Where(a => a.Id == adjustmentId).Select(a => (int?)a.PlanId).SingleOrDefaultAsync(cancellationToken);
        if (planId is null)
        {
            return ApprovalResult.NotFound;
        }

        // Serialises approvals of one plan: the second waits here, then finds its base version superseded.
        await db.Database.ExecuteSqlAsync($"SELECT id FROM plans WHERE id = {planId} FOR UPDATE", cancellationToken);
        var adjustment = await db.Adjustments.Include(a => a.Changes).SingleAsync(a => a.Id == adjustmentId, cancellationToken);
        var plan = await db.Plans.IgnoreQueryFilters().SingleAsync(p => p.Id == planId, cancellationToken);
        var current = await db.CurrentVersionAsync(plan.Id, cancellationToken);
        if (current is null)
        {
            return ApprovalResult.Refused(["规划尚未发布，不能调整。"]);
        }

        var check = adjustment.CanApprove(current.Id);
        if (check.IsStale)
        {
            var basedOn = await db.SnapshotAsync(adjustment.BasedOnVersionId, cancellationToken);
            var now = await db.SnapshotAsync(current.Id, cancellationToken);
            return ApprovalResult.Stale(check.Refusal!, PlanVersionDiff.Compare(basedOn, now));
        }

        if (!check.Succeeded)
        {
            return ApprovalResult.Refused([check.Refusal!]);
        }

        var snapshot = await db.SnapshotAsync(current.Id, cancellationToken);
        var changes = adjustment.Changes.OrderBy(c => c.Ordinal).Select(PlanChanges.FromStored).ToList();
        var revision = PlanRevision.Apply(snapshot, changes);
        if (!revision.Succeeded)
        {
            return ApprovalResult.Refused(revision.Problems);
        }

        var unitIds = revision.Next!.Assignments.Select(a => a.UnitId).Distinct().ToList();
        var units = await db.Units.Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, cancellationToken);
        if (units.Count != unitIds.Count)
        {
            return ApprovalResult.Refused([$"承担单位不存在：{string.Join("、", unitIds.Where(id => !units.ContainsKey(id)))}。"]);
        }

        var at = clock.GetUtcNow();
        var next = await BuildAsync(current, revision.Next, units, adjustment, at, cancellationToken);
        plan.AddVersion(next);
        current.Supersede();
        next.Publish(at);
        var approval = adjustment.Approve(actor, comment, current.Id, next, at);
        if (!approval.Succeeded)
        {
            return ApprovalResult.Refused([approval.Refusal!]);
        }

        await db.SaveChangesAsync(cancellationToken);
        await MoveUnfinishedWorkAsync(current.Id, next.Id, cancellationToken);
        await CloseWithdrawnReportsAsync(current.Id, next.Number, adjustment.Title, changes, snapshot, actor, at, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ApprovalResult.Approved(next.Id, next.Number, PlanVersionDiff.Compare(snapshot, revision.Next));
    }

    private async Task<PlanVersion> BuildAsync(
        PlanVersion current, PlanSnapshot snapshot, IReadOnlyDictionary<int, Domain.Units.OrgUnit> units, Adjustment adjustment, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var oldNodes = await db.PlanNodes.AsNoTracking().Where(n => n.PlanVersionId == current.Id).ToDictionaryAsync(n => n.Key, cancellationToken);
        var oldAssignments = await db.TaskAssignments.IgnoreQueryFilters().AsNoTracking()
            .Where(a => db.PlanNodes.Any(n => n.Id == a.TaskId && n.PlanVersionId == current.Id))
            .Select(a => new { a.TaskId, a.UnitId, a.Role, a.AssignedAt })
            .ToListAsync(cancellationToken);
        var oldIndicators = await db.Indicators.AsNoTracking().Include(i => i.Links).Where(i => i.PlanVersionId == current.Id).ToListAsync(cancellationToken);
        var oldNodeKeys = oldNodes.Values.ToDictionary(n => n.Id, n => n.Key);

        var version = new PlanVersion(current.Number + 1, current.SourceText, null, at, $"调整方案“{adjustment.Title}”批准后生成");
        var built = new Dictionary<Guid, PlanNode>();
        var ordinals = new Dictionary<Guid, int>();
        var position = 0;
        foreach (var state in snapshot.Nodes)
        {
            var parentKey = state.ParentKey ?? Guid.Empty;
            ordinals[parentKey] = ordinals.GetValueOrDefault(parentKey) + 1;
            var parent = state.ParentKey is { } p ? built[p] : null;
            oldNodes.TryGetValue(state.Key, out var old);

            // The source span still shows the node in the imported text as long as its words are those of the text.
            var span = old is not null && old.Title == state.Title && old.Text == state.Text ? old.Span : null;
            var node = new PlanNode(state.Kind, state.Number, state.Title, state.Text, position++, ordinals[parentKey], parent is null ? 0 : parent.Depth + 1, span, state.Key);
            node.Schedule(state.StartsOn, state.EndsOn);
            parent?.AddChild(node);
            version.AddNode(node);
            built[state.Key] = node;
        }

        foreach (var state in snapshot.Indicators)
        {
            var old = oldIndicators.Single(i => i.Key == state.Key);
            var draft = new IndicatorDraft(
                old.Name, old.Category, old.Unit, old.Nature, old.Direction, old.Aggregation,
                old.BaselineYear, old.Baseline?.Text, old.BaselineNote, state.TargetYear, state.TargetText, old.PlannedMilestones);
            var (indicator, problems) = Indicator.Create(draft, [], old.Ordinal, old.Key);
            if (indicator is null)
            {
                throw new InvalidOperationException($"Indicator {old.Key} could not be copied: {string.Join("; ", problems)}");
            }

            if (old.SourceStart is { } start && old.SourceLength is { } length)
            {
                indicator.SetSource(new SourceSpan(start, length));
            }

            foreach (var link in old.Links)
            {
                if (oldNodeKeys.TryGetValue(link.PlanNodeId, out var key) && built.TryGetValue(key, out var node))
                {
                    indicator.LinkTo(node);
                }
            }

            version.AddIndicator(indicator);
        }

        foreach (var state in snapshot.Assignments)
        {
            var task = built[state.TaskKey];
            var kept = oldNodes.TryGetValue(state.TaskKey, out var oldTask)
                ? oldAssignments.FirstOrDefault(a => a.TaskId == oldTask.Id && a.UnitId == state.UnitId && a.Role == state.Role)
                : null;
            db.TaskAssignments.Add(new TaskAssignment(task, units[state.UnitId], state.Role, kept?.AssignedAt ?? at));
        }

        return version;
    }

    /// <summary>
    /// What happens to the reports of a task the new version no longer has: approved ones stay as they were (the task's
    /// history, readable in the version they were written against); the others are closed with a note naming the
    /// adjustment and what became of the task. Either way they leave every figure of the new version at once, because
    /// the figures count the reports of the version's tasks, matched by key.
    /// </summary>
    private async Task CloseWithdrawnReportsAsync(
        int fromVersionId, int toNumber, string title, IReadOnlyList<PlanChange> changes, PlanSnapshot before, string? actor, DateTimeOffset at, CancellationToken cancellationToken)
    {
        string Label(Guid key) => before.Node(key)?.Label ?? string.Empty;
        var notes = new Dictionary<Guid, string>();
        foreach (var change in changes)
        {
            switch (change)
            {
                case CancelTask c:
                    notes[c.TaskKey] = "取消";
                    break;
                case MergeTasks m:
                    foreach (var key in m.TaskKeys.Distinct().Skip(1))
                    {
                        notes[key] = $"并入“{m.Title.Trim()}”";
                    }

                    break;
                case SplitTask s:
                    notes[s.TaskKey] = "拆分为" + string.Concat(s.Parts.Select(p => $"“{p.Title.Trim()}”"));
                    break;
                default:
                    break;
            }
        }

        foreach (var (key, what) in notes)
        {
            var comment = $"按调整方案“{title}”，任务“{Label(key)}”自第{toNumber}版起{what}，本报告随之关闭，不再报送。";
            await db.Database.ExecuteSqlAsync(
                $"""
                INSERT INTO progress_report_events (progress_report_id, step, actor, comment, at)
                SELECT r.id, {nameof(ReportStep.TaskWithdrawn)}, {actor}, {comment}, {at}
                FROM progress_reports r
                JOIN plan_nodes n ON n.id = r.task_id AND n.plan_version_id = {fromVersionId}
                WHERE r.task_key = {key} AND r.status <> {nameof(ReportStatus.Approved)}
                """,
                cancellationToken);
        }
    }

    /// <summary>Reports and indicator values not yet approved follow their task or indicator (same key) into the new version.</summary>
    private async Task MoveUnfinishedWorkAsync(int fromVersionId, int toVersionId, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlAsync(
            $"""
            UPDATE progress_reports r SET task_id = new_node.id
            FROM plan_nodes old_node, plan_nodes new_node
            WHERE r.task_id = old_node.id AND old_node.plan_version_id = {fromVersionId}
              AND new_node.plan_version_id = {toVersionId} AND new_node.key = old_node.key
              AND r.status <> {nameof(ReportStatus.Approved)}
            """,
            cancellationToken);
        await db.Database.ExecuteSqlAsync(
            $"""
            UPDATE indicator_values v SET indicator_id = new_indicator.id
            FROM indicators old_indicator, indicators new_indicator
            WHERE v.indicator_id = old_indicator.id AND old_indicator.plan_version_id = {fromVersionId}
              AND new_indicator.plan_version_id = {toVersionId} AND new_indicator.key = old_indicator.key
              AND v.status <> {nameof(ReportStatus.Approved)}
            """,
            cancellationToken);
    }
}

public enum ApprovalOutcome
{
    Approved,
    NotFound,
    Refused,
    Stale,
}

/// <summary>The approval's outcome: the new version and what it changed, or why not (a stale proposal gets what changed meanwhile).</summary>
public sealed record ApprovalResult(ApprovalOutcome Outcome, int? VersionId, int? VersionNumber, IReadOnlyList<string> Problems, IReadOnlyList<VersionChange> Changes)
{
    public static readonly ApprovalResult NotFound = new(ApprovalOutcome.NotFound, null, null, [], []);

    public static ApprovalResult Approved(int versionId, int number, IReadOnlyList<VersionChange> changes) => new(ApprovalOutcome.Approved, versionId, number, [], changes);

    public static ApprovalResult Refused(IReadOnlyList<string> problems) => new(ApprovalOutcome.Refused, null, null, problems, []);

    public static ApprovalResult Stale(string problem, IReadOnlyList<VersionChange> changedMeanwhile) => new(ApprovalOutcome.Stale, null, null, [problem], changedMeanwhile);
}

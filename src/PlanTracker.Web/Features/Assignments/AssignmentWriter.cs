using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using PlanTracker.Domain.Assignments;
using PlanTracker.Domain.Auditing;
using PlanTracker.Domain.Plans;
using PlanTracker.Domain.Units;
using PlanTracker.Infrastructure.Persistence;
using PlanTracker.Web.Hosting;

namespace PlanTracker.Web.Features.Assignments;

/// <summary>
/// The write side: turns a planner's form into requests, lets <see cref="AssignmentPlan"/> decide, and stores the
/// outcome in one transaction (the rows, their audit entries and one summary entry) or nothing at all. The task rows
/// are locked for the transaction, so two planners assigning the same task take turns and the one-lead rule holds.
/// </summary>
public sealed class AssignmentWriter(AppDbContext db, CurrentUser user, TimeProvider clock)
{
    public async Task<AssignmentResult> AssignUnitsToTaskAsync(int taskId, TaskAssignmentInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var assignable = await db.CurrentTask(taskId).Select(n => n.Id).ToListAsync(cancellationToken);
        await db.LockTasksAsync(assignable, cancellationToken);
        var existing = await db.TaskAssignments.Where(a => a.TaskId == taskId).ToListAsync(cancellationToken);
        var units = await db.Units.ToListAsync(cancellationToken);

        // A group adds those of its active units that are not on the task yet and are not the lead named in the same form.
        var onTask = existing.Select(a => a.UnitId).ToHashSet();
        var participants = input.UnitIds
            .Concat(units.Where(u => u.IsActive && ReportingGroups.Of(u.Kind) is { } g && input.Groups.Contains(g) && !onTask.Contains(u.Id)).Select(u => u.Id))
            .Where(id => id != input.LeadUnitId)
            .Distinct();
        var requests = participants.Select(id => new AssignmentRequest(taskId, id, AssignmentRole.Participating)).ToList();
        if (input.LeadUnitId is int lead)
        {
            requests.Insert(0, new AssignmentRequest(taskId, lead, AssignmentRole.Lead));
        }

        var outcome = Plan(assignable, units, existing).Assign(requests);
        return await StoreAsync(outcome, existing, units, "assign", nameof(PlanNode), taskId, cancellationToken);
    }

    public async Task<AssignmentResult> RemoveAsync(int taskId, RemoveAssignmentInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var assignable = await db.CurrentTask(taskId).Select(n => n.Id).ToListAsync(cancellationToken);
        await db.LockTasksAsync(assignable, cancellationToken);
        var existing = await db.TaskAssignments.Where(a => a.TaskId == taskId).ToListAsync(cancellationToken);
        var units = await db.Units.ToListAsync(cancellationToken);

        var outcome = Plan(assignable, units, existing).Unassign(taskId, [input.UnitId]);
        return await StoreAsync(outcome, existing, units, "unassign", nameof(PlanNode), taskId, cancellationToken);
    }

    public async Task<AssignmentResult> AssignTasksToUnitAsync(int unitId, UnitAssignmentInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var tasks = await db.CurrentTasksOf(input.PlanId).Select(n => new { n.Id, n.ParentId }).ToListAsync(cancellationToken);
        var assignable = tasks.Select(t => t.Id).ToList();
        var requested = input.TaskIds.Distinct().ToList();
        await db.LockTasksAsync(assignable.Intersect(requested).Concat(tasks.Where(t => t.ParentId is int p && input.ColumnIds.Contains(p)).Select(t => t.Id)).Distinct().ToList(), cancellationToken);
        var existing = await db.TaskAssignments.Where(a => assignable.Contains(a.TaskId)).ToListAsync(cancellationToken);
        var units = await db.Units.ToListAsync(cancellationToken);

        // A column adds those of its tasks that the unit does not hold yet; a column that is not in this version refuses.
        var columns = tasks.Where(t => t.ParentId is not null).Select(t => t.ParentId!.Value).ToHashSet();
        if (input.ColumnIds.Where(c => !columns.Contains(c)).Select(c => (int?)c).FirstOrDefault() is int unknownColumn)
        {
            return new AssignmentResult(AssignmentOutcome.Refused(new AssignmentRefusal(RefusalReason.UnknownTask, unknownColumn)), new Dictionary<int, string>());
        }

        var held = existing.Where(a => a.UnitId == unitId).Select(a => a.TaskId).ToHashSet();
        var taskIds = requested
            .Concat(tasks.Where(t => t.ParentId is int p && input.ColumnIds.Contains(p) && !held.Contains(t.Id)).Select(t => t.Id))
            .Distinct();
        var requests = taskIds.Select(id => new AssignmentRequest(id, unitId, input.Role)).ToList();

        var outcome = Plan(assignable, units, existing).Assign(requests);
        return await StoreAsync(outcome, existing, units, "assign", nameof(OrgUnit), unitId, cancellationToken);
    }

    private static AssignmentPlan Plan(IEnumerable<int> assignable, IEnumerable<OrgUnit> units, IEnumerable<TaskAssignment> existing) =>
        new(
            assignable,
            units.Select(u => new AssigneeUnit(u.Id, u.Name, u.Kind, u.IsActive)),
            existing.Select(a => new ExistingAssignment(a.TaskId, a.UnitId, a.Role)));

    private async Task<AssignmentResult> StoreAsync(AssignmentOutcome outcome, List<TaskAssignment> existing, List<OrgUnit> units, string action, string entityType, int entityId, CancellationToken cancellationToken)
    {
        var unitsById = units.ToDictionary(u => u.Id);
        var names = units.ToDictionary(u => u.Id, u => u.Name);
        if (!outcome.Succeeded || outcome.Changes.Count == 0)
        {
            return new AssignmentResult(outcome, names);
        }

        var now = clock.GetUtcNow();
        var taskIds = outcome.Changes.Where(c => c.Kind == AssignmentChangeKind.Add).Select(c => c.TaskId).Distinct().ToList();
        var tasks = await db.PlanNodes.Where(n => taskIds.Contains(n.Id)).ToDictionaryAsync(n => n.Id, cancellationToken);
        var rows = existing.ToDictionary(a => (a.TaskId, a.UnitId));
        foreach (var change in outcome.Changes)
        {
            switch (change.Kind)
            {
                case AssignmentChangeKind.Add:
                    db.TaskAssignments.Add(new TaskAssignment(tasks[change.TaskId], unitsById[change.UnitId], change.Role, now));
                    break;
                case AssignmentChangeKind.ChangeRole:
                    rows[(change.TaskId, change.UnitId)].ChangeRole(change.Role);
                    break;
                case AssignmentChangeKind.Remove:
                    db.TaskAssignments.Remove(rows[(change.TaskId, change.UnitId)]);
                    break;
            }
        }

        // Each row is audited by the interceptor; this entry says what the planner did in one line.
        var summary = JsonSerializer.Serialize(outcome.Changes.Select(c => new { kind = c.Kind.ToString(), task = c.TaskId, unit = c.UnitId, role = c.Role.ToString(), demoted = c.IsDemotion }));
        db.AuditEntries.Add(new AuditEntry(now, user.UserId, user.UserName, user.UnitId, action, entityType, entityId.ToString(System.Globalization.CultureInfo.InvariantCulture), null, summary, user.RequestId));

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            await db.Database.CommitTransactionAsync(cancellationToken);
            return new AssignmentResult(outcome, names);
        }
        catch (DbUpdateException exception) when (exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } || exception is DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new AssignmentResult(AssignmentOutcome.Refused(new AssignmentRefusal(RefusalReason.Conflict)), names);
        }
    }
}

/// <summary>The outcome, and the names of the units it mentions for the message.</summary>
public sealed record AssignmentResult(AssignmentOutcome Outcome, IReadOnlyDictionary<int, string> UnitNames);

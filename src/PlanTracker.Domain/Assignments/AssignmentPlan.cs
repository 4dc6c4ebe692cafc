using PlanTracker.Domain.Units;

namespace PlanTracker.Domain.Assignments;

/// <summary>A unit as the assignment rules need it.</summary>
public sealed record AssigneeUnit(int Id, string Name, UnitKind Kind, bool IsActive)
{
    /// <summary>Only units that report progress (not the ministry or its departments) take tasks.</summary>
    public bool ReportsProgress => Kind is not (UnitKind.Ministry or UnitKind.Department);
}

/// <summary>An assignment as it stands before a change.</summary>
public sealed record ExistingAssignment(int TaskId, int UnitId, AssignmentRole Role);

/// <summary>One task for one unit in one role, as a planner asks for it.</summary>
public sealed record AssignmentRequest(int TaskId, int UnitId, AssignmentRole Role);

public enum AssignmentChangeKind
{
    Add,
    ChangeRole,
    Remove,
}

/// <summary>A row to add, a role to change (to <see cref="Role"/>), or a row to remove (that held <see cref="Role"/>).</summary>
public sealed record AssignmentChange(AssignmentChangeKind Kind, int TaskId, int UnitId, AssignmentRole Role)
{
    /// <summary>A lead turned into a participant because another unit became the task's lead.</summary>
    public bool IsDemotion { get; init; }
}

public enum RefusalReason
{
    NothingSelected,
    UnknownTask,
    UnknownUnit,
    NotReportingUnit,
    InactiveUnit,
    TwoLeads,
    ConflictingRoles,
    NotAssigned,

    /// <summary>Someone else changed the same assignments at the same moment.</summary>
    Conflict,
}

/// <summary>Why a request was refused, with the task or unit it is about.</summary>
public sealed record AssignmentRefusal(RefusalReason Reason, int? TaskId = null, int? UnitId = null, string? UnitName = null);

/// <summary>Either the changes to store, all of them, or a refusal and nothing to store.</summary>
public sealed record AssignmentOutcome(IReadOnlyList<AssignmentChange> Changes, AssignmentRefusal? Refusal)
{
    public bool Succeeded => Refusal is null;

    public static AssignmentOutcome Refused(AssignmentRefusal refusal) => new([], refusal);
}

/// <summary>
/// The rules for assigning the tasks of a plan's current version to units, over the tasks that may be assigned, the
/// units that exist and the assignments those tasks have now:
/// <list type="bullet">
/// <item>only tasks of the current version, only existing, active units that report progress (not the ministry or a department);</item>
/// <item>a unit holds one role per task: assigning it again in another role changes its role;</item>
/// <item>a task has at most one lead: naming a new lead demotes the previous lead to participant (it stays on the task);
/// naming two leads for one task in one request is refused;</item>
/// <item>all or nothing: one refused item refuses the whole request.</item>
/// </list>
/// </summary>
public sealed class AssignmentPlan
{
    private readonly HashSet<int> _tasks;
    private readonly Dictionary<int, AssigneeUnit> _units;
    private readonly Dictionary<(int TaskId, int UnitId), AssignmentRole> _existing;

    public AssignmentPlan(IEnumerable<int> assignableTaskIds, IEnumerable<AssigneeUnit> units, IEnumerable<ExistingAssignment> existing)
    {
        ArgumentNullException.ThrowIfNull(assignableTaskIds);
        ArgumentNullException.ThrowIfNull(units);
        ArgumentNullException.ThrowIfNull(existing);
        _tasks = [.. assignableTaskIds];
        _units = units.ToDictionary(u => u.Id);
        _existing = existing.ToDictionary(a => (a.TaskId, a.UnitId), a => a.Role);
    }

    public AssignmentOutcome Assign(IReadOnlyCollection<AssignmentRequest> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        if (requests.Count == 0)
        {
            return AssignmentOutcome.Refused(new AssignmentRefusal(RefusalReason.NothingSelected));
        }

        var wanted = new Dictionary<(int TaskId, int UnitId), AssignmentRole>();
        foreach (var request in requests)
        {
            if (Check(request.TaskId, request.UnitId) is { } refusal)
            {
                return AssignmentOutcome.Refused(refusal);
            }

            var key = (request.TaskId, request.UnitId);
            if (wanted.TryGetValue(key, out var role) && role != request.Role)
            {
                return AssignmentOutcome.Refused(new AssignmentRefusal(RefusalReason.ConflictingRoles, request.TaskId, request.UnitId, _units[request.UnitId].Name));
            }

            wanted[key] = request.Role;
        }

        var changes = new List<AssignmentChange>();
        foreach (var leads in wanted.Where(w => w.Value == AssignmentRole.Lead).GroupBy(w => w.Key.TaskId))
        {
            if (leads.Count() > 1)
            {
                return AssignmentOutcome.Refused(new AssignmentRefusal(RefusalReason.TwoLeads, leads.Key));
            }

            // The previous lead stays on the task as a participant, unless this request says otherwise about it.
            var newLead = leads.Single().Key.UnitId;
            foreach (var previous in _existing.Where(e => e.Key.TaskId == leads.Key && e.Value == AssignmentRole.Lead && e.Key.UnitId != newLead))
            {
                if (!wanted.ContainsKey(previous.Key))
                {
                    changes.Add(new AssignmentChange(AssignmentChangeKind.ChangeRole, previous.Key.TaskId, previous.Key.UnitId, AssignmentRole.Participating) { IsDemotion = true });
                }
            }
        }

        foreach (var ((taskId, unitId), role) in wanted)
        {
            if (!_existing.TryGetValue((taskId, unitId), out var held))
            {
                changes.Add(new AssignmentChange(AssignmentChangeKind.Add, taskId, unitId, role));
            }
            else if (held != role)
            {
                changes.Add(new AssignmentChange(AssignmentChangeKind.ChangeRole, taskId, unitId, role));
            }
        }

        return new AssignmentOutcome(changes, null);
    }

    public AssignmentOutcome Unassign(int taskId, IReadOnlyCollection<int> unitIds)
    {
        ArgumentNullException.ThrowIfNull(unitIds);
        if (unitIds.Count == 0)
        {
            return AssignmentOutcome.Refused(new AssignmentRefusal(RefusalReason.NothingSelected));
        }

        if (!_tasks.Contains(taskId))
        {
            return AssignmentOutcome.Refused(new AssignmentRefusal(RefusalReason.UnknownTask, taskId));
        }

        var changes = new List<AssignmentChange>();
        foreach (var unitId in unitIds.Distinct())
        {
            if (!_existing.TryGetValue((taskId, unitId), out var role))
            {
                return AssignmentOutcome.Refused(new AssignmentRefusal(RefusalReason.NotAssigned, taskId, unitId, _units.GetValueOrDefault(unitId)?.Name));
            }

            changes.Add(new AssignmentChange(AssignmentChangeKind.Remove, taskId, unitId, role));
        }

        return new AssignmentOutcome(changes, null);
    }

    private AssignmentRefusal? Check(int taskId, int unitId)
    {
        if (!_tasks.Contains(taskId))
        {
            return new AssignmentRefusal(RefusalReason.UnknownTask, taskId);
        }

        if (!_units.TryGetValue(unitId, out var unit))
        {
            return new AssignmentRefusal(RefusalReason.UnknownUnit, taskId, unitId);
        }

        if (!unit.ReportsProgress)
        {
            return new AssignmentRefusal(RefusalReason.NotReportingUnit, taskId, unitId, unit.Name);
        }

        return unit.IsActive ? null : new AssignmentRefusal(RefusalReason.InactiveUnit, taskId, unitId, unit.Name);
    }
}

using PlanTracker.Domain.Plans;
using PlanTracker.Domain.Units;

namespace PlanTracker.Domain.Assignments;

/// <summary>A task of a plan version assigned to a unit, as lead (牵头) or participant (参与).</summary>
public sealed class TaskAssignment
{
    private TaskAssignment()
    {
    }

    public TaskAssignment(PlanNode task, OrgUnit unit, AssignmentRole role, DateTimeOffset assignedAt)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(unit);
        if (task.Kind != NodeKind.Task)
        {
            throw new ArgumentException("Only tasks are assigned to units.", nameof(task));
        }

        Task = task;
        Unit = unit;
        Role = role;
        AssignedAt = assignedAt;
    }

    public int Id { get; private set; }

    public int TaskId { get; private set; }

    public PlanNode? Task { get; private set; }

    public int UnitId { get; private set; }

    public OrgUnit? Unit { get; private set; }

    public AssignmentRole Role { get; private set; }

    public DateTimeOffset AssignedAt { get; private set; }

    /// <summary>A unit holds one role on a task: assigning it again in another role changes this one.</summary>
    public void ChangeRole(AssignmentRole role) => Role = role;
}

public enum AssignmentRole
{
    /// <summary>牵头单位</summary>
    Lead,

    /// <summary>参与单位</summary>
    Participating,
}

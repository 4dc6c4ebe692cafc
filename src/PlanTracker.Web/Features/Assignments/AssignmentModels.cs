using PlanTracker.Domain.Assignments;
using PlanTracker.Domain.Units;

namespace PlanTracker.Web.Features.Assignments;

/// <summary>The task page's form: a lead (optional) and participants, picked one by one or a whole group at a time.</summary>
public sealed class TaskAssignmentInput
{
    public int? LeadUnitId { get; set; }

    public List<int> UnitIds { get; set; } = [];

    /// <summary>"All of this group": every active unit of the group not yet on the task joins as a participant.</summary>
    public List<ReportingGroup> Groups { get; set; } = [];
}

public sealed class RemoveAssignmentInput
{
    public int UnitId { get; set; }
}

/// <summary>The unit page's form: tasks of one plan's current version, one by one or a whole special column, in one role.</summary>
public sealed class UnitAssignmentInput
{
    public int PlanId { get; set; }

    public AssignmentRole Role { get; set; } = AssignmentRole.Participating;

    public List<int> TaskIds { get; set; } = [];

    /// <summary>"All tasks of this column": every task under it not yet assigned to the unit.</summary>
    public List<int> ColumnIds { get; set; } = [];
}

public sealed record TaskSummary(int Id, int PlanId, string PlanTitle, int VersionNumber, bool IsCurrentVersion, string Label, int? ColumnId, string? ColumnLabel);

public sealed record AssignedUnit(int UnitId, string Name, string? Code, UnitKind Kind, AssignmentRole Role, DateTimeOffset AssignedAt);

/// <summary>A unit in a checklist, with the role it already holds on the task (if any): those are not offered again.</summary>
public sealed record UnitChoice(int Id, string Name, string? Code, string? ParentName, AssignmentRole? HeldRole);

public sealed record UnitGroupChoices(ReportingGroup Group, IReadOnlyList<UnitChoice> Units)
{
    public int OpenCount => Units.Count(u => u.HeldRole is null);
}

public sealed record TaskAssignmentViewModel(
    TaskSummary Task,
    IReadOnlyList<AssignedUnit> Assigned,
    IReadOnlyList<UnitGroupChoices> Groups,
    TaskAssignmentInput Input,
    string? Refusal)
{
    public AssignedUnit? Lead => Assigned.FirstOrDefault(a => a.Role == AssignmentRole.Lead);
}

public sealed record UnitSummary(int Id, string Name, string? Code, UnitKind Kind, bool ReportsProgress, bool IsActive);

public sealed record PlanOption(int Id, string Title);

public sealed record TaskChoice(int Id, string Label, AssignmentRole? HeldRole);

public sealed record ColumnChoices(int? ColumnId, string Label, IReadOnlyList<TaskChoice> Tasks)
{
    public int OpenCount => Tasks.Count(t => t.HeldRole is null);
}

public sealed record UnitAssignmentViewModel(
    UnitSummary Unit,
    IReadOnlyList<PlanOption> Plans,
    int? PlanId,
    int? VersionNumber,
    IReadOnlyList<ColumnChoices> Columns,
    UnitAssignmentInput Input,
    string? Refusal);

/// <summary>Dates as people in China read them (UTC+8, no daylight saving), whatever the server's zone.</summary>
public static class ChinaTime
{
    public static string Date(DateTimeOffset at) => Domain.BeijingTime.Of(at).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}

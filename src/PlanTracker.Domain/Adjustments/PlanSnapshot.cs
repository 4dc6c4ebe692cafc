using PlanTracker.Domain.Assignments;
using PlanTracker.Domain.Plans;

namespace PlanTracker.Domain.Adjustments;

/// <summary>
/// A plan version as plain values: its outline, indicators and assignments, each named by its key (the same node in
/// every version). Adjustments are applied to a snapshot and give the next one (<see cref="PlanRevision"/>); two
/// snapshots are compared by key (<see cref="PlanVersionDiff"/>). Nodes are in document order.
/// </summary>
public sealed record PlanSnapshot(
    int PlanId,
    int VersionNumber,
    int? StartYear,
    int? EndYear,
    IReadOnlyList<NodeState> Nodes,
    IReadOnlyList<IndicatorState> Indicators,
    IReadOnlyList<AssignmentState> Assignments)
{
    public NodeState? Node(Guid key) => Nodes.FirstOrDefault(n => n.Key == key);

    public IndicatorState? Indicator(Guid key) => Indicators.FirstOrDefault(i => i.Key == key);

    /// <summary>Whether a span lies inside the plan's years (a plan without years takes any).</summary>
    public bool Covers(DateOnly startsOn, DateOnly endsOn) =>
        (StartYear is not { } first || startsOn.Year >= first) && (EndYear is not { } last || endsOn.Year <= last);

    public IEnumerable<AssignmentState> AssignmentsOf(Guid taskKey) => Assignments.Where(a => a.TaskKey == taskKey);
}

/// <summary>A node of the outline. <see cref="ParentKey"/> is null for a top-level node.</summary>
public sealed record NodeState(
    Guid Key,
    NodeKind Kind,
    Guid? ParentKey,
    string? Number,
    string Title,
    string Text,
    DateOnly? StartsOn = null,
    DateOnly? EndsOn = null)
{
    public string Label => TaskLabel.Of(Number, Title);
}

/// <summary>An indicator's identity and the parts an adjustment may change (target and target year) with their context.</summary>
public sealed record IndicatorState(Guid Key, string Name, string? Unit, int? BaselineYear, string? BaselineText, int? TargetYear, string TargetText);

public sealed record AssignmentState(Guid TaskKey, int UnitId, AssignmentRole Role);

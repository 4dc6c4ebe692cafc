using System.Text.Json;
using System.Text.Json.Serialization;

namespace PlanTracker.Domain.Adjustments;

/// <summary>
/// One change an adjustment proposal asks for, typed. Stored as <see cref="AdjustmentChange"/> (kind + JSON) through
/// <see cref="PlanChanges.ToStored"/> and read back with <see cref="PlanChanges.FromStored"/>. New nodes carry their
/// keys in the change, so applying the same proposal twice gives the same version.
/// </summary>
public abstract record PlanChange
{
    [JsonIgnore]
    public abstract AdjustmentChangeKind Kind { get; }

    /// <summary>The key of the node or indicator the change is about (the first one for a merge).</summary>
    [JsonIgnore]
    public abstract Guid? SubjectKey { get; }
}

/// <summary>调整指标目标值或目标年份. A null target year keeps the current one.</summary>
public sealed record ReviseTarget(Guid IndicatorKey, string TargetText, int? TargetYear = null) : PlanChange
{
    public override AdjustmentChangeKind Kind => AdjustmentChangeKind.ReviseTarget;

    public override Guid? SubjectKey => IndicatorKey;
}

/// <summary>调整任务起止时间.</summary>
public sealed record MoveDates(Guid TaskKey, DateOnly StartsOn, DateOnly EndsOn) : PlanChange
{
    public override AdjustmentChangeKind Kind => AdjustmentChangeKind.MoveDates;

    public override Guid? SubjectKey => TaskKey;
}

/// <summary>调整牵头、参与单位: the task's assignments become exactly these.</summary>
public sealed record ReassignUnits(Guid TaskKey, IReadOnlyList<int> LeadUnitIds, IReadOnlyList<int> ParticipatingUnitIds) : PlanChange
{
    public override AdjustmentChangeKind Kind => AdjustmentChangeKind.ReassignUnits;

    public override Guid? SubjectKey => TaskKey;
}

/// <summary>新增任务 at the end of a special column, section or item.</summary>
public sealed record AddTask(
    Guid NewKey,
    Guid ParentKey,
    string Title,
    string? Text,
    DateOnly? StartsOn,
    DateOnly? EndsOn,
    IReadOnlyList<int> LeadUnitIds,
    IReadOnlyList<int> ParticipatingUnitIds) : PlanChange
{
    public override AdjustmentChangeKind Kind => AdjustmentChangeKind.AddTask;

    public override Guid? SubjectKey => NewKey;
}

/// <summary>取消任务: the task and its assignments are not in the next version (earlier versions keep them).</summary>
public sealed record CancelTask(Guid TaskKey) : PlanChange
{
    public override AdjustmentChangeKind Kind => AdjustmentChangeKind.CancelTask;

    public override Guid? SubjectKey => TaskKey;
}

/// <summary>合并任务 into the first (which keeps its key, place and dates, widened to cover all); units are combined.</summary>
public sealed record MergeTasks(IReadOnlyList<Guid> TaskKeys, string Title) : PlanChange
{
    public override AdjustmentChangeKind Kind => AdjustmentChangeKind.MergeTasks;

    public override Guid? SubjectKey => TaskKeys.Count > 0 ? TaskKeys[0] : null;
}

/// <summary>拆分任务 into new tasks in its place; each keeps the task's dates and units.</summary>
public sealed record SplitTask(Guid TaskKey, IReadOnlyList<SplitPart> Parts) : PlanChange
{
    public override AdjustmentChangeKind Kind => AdjustmentChangeKind.SplitTask;

    public override Guid? SubjectKey => TaskKey;
}

public sealed record SplitPart(Guid NewKey, string Title);

/// <summary>修改任务表述. A null text keeps the current one.</summary>
public sealed record RewordTask(Guid TaskKey, string Title, string? Text) : PlanChange
{
    public override AdjustmentChangeKind Kind => AdjustmentChangeKind.RewordTask;

    public override Guid? SubjectKey => TaskKey;
}

public static class PlanChanges
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static AdjustmentChange ToStored(PlanChange change, int ordinal)
    {
        ArgumentNullException.ThrowIfNull(change);
        return new AdjustmentChange(change.Kind, change.SubjectKey, JsonSerializer.Serialize(change, change.GetType(), Json), ordinal);
    }

    public static PlanChange FromStored(AdjustmentChange stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var type = stored.Kind switch
        {
            AdjustmentChangeKind.ReviseTarget => typeof(ReviseTarget),
            AdjustmentChangeKind.MoveDates => typeof(MoveDates),
            AdjustmentChangeKind.ReassignUnits => typeof(ReassignUnits),
            AdjustmentChangeKind.AddTask => typeof(AddTask),
            AdjustmentChangeKind.CancelTask => typeof(CancelTask),
            AdjustmentChangeKind.MergeTasks => typeof(MergeTasks),
            AdjustmentChangeKind.SplitTask => typeof(SplitTask),
            AdjustmentChangeKind.RewordTask => typeof(RewordTask),
            _ => throw new InvalidOperationException($"Unknown change kind {stored.Kind}."),
        };
        return (PlanChange)(JsonSerializer.Deserialize(stored.PayloadJson, type, Json)
            ?? throw new InvalidOperationException($"Change {stored.Id} has no payload."));
    }

    /// <summary>The change kind in the ministry's words.</summary>
    public static string Chinese(AdjustmentChangeKind kind) => kind switch
    {
        AdjustmentChangeKind.ReviseTarget => "调整指标目标",
        AdjustmentChangeKind.MoveDates => "调整任务时间",
        AdjustmentChangeKind.ReassignUnits => "调整承担单位",
        AdjustmentChangeKind.AddTask => "新增任务",
        AdjustmentChangeKind.CancelTask => "取消任务",
        AdjustmentChangeKind.MergeTasks => "合并任务",
        AdjustmentChangeKind.SplitTask => "拆分任务",
        AdjustmentChangeKind.RewordTask => "修改任务表述",
        _ => kind.ToString(),
    };
}

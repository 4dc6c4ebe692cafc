using PlanTracker.Domain.Assignments;
using PlanTracker.Domain.Plans;

namespace PlanTracker.Domain.Adjustments;

/// <summary>
/// What changed between two versions of a plan, node by node and indicator by indicator, matched by key: added,
/// removed, moved (another parent), reworded, dates changed, target changed, units changed. Entries are in the later
/// version's document order (removed ones where they stood before), so the diff reads like the plan.
/// </summary>
public static class PlanVersionDiff
{
    /// <param name="unitNames">Unit names by id, so units read as 北京市、上海市; without it units show as ids.</param>
    public static IReadOnlyList<VersionChange> Compare(PlanSnapshot before, PlanSnapshot after, IReadOnlyDictionary<int, string>? unitNames = null)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var changes = new List<VersionChange>();
        var old = before.Nodes.ToDictionary(n => n.Key);
        var now = after.Nodes.ToDictionary(n => n.Key);

        foreach (var node in after.Nodes)
        {
            if (!old.TryGetValue(node.Key, out var was))
            {
                changes.Add(new(VersionChangeKind.Added, node.Key, node.Kind, node.Label, null, Describe(node, after, unitNames)));
                continue;
            }

            if (was.ParentKey != node.ParentKey)
            {
                changes.Add(new(VersionChangeKind.Moved, node.Key, node.Kind, node.Label, ParentLabel(was, before), ParentLabel(node, after)));
            }

            if (was.Title != node.Title || was.Text != node.Text || was.Number != node.Number)
            {
                changes.Add(new(VersionChangeKind.Reworded, node.Key, node.Kind, node.Label, Wording(was), Wording(node)));
            }

            if (was.StartsOn != node.StartsOn || was.EndsOn != node.EndsOn)
            {
                changes.Add(new(VersionChangeKind.DatesChanged, node.Key, node.Kind, node.Label, Span(was), Span(node)));
            }

            var unitsBefore = Units(before, node.Key, unitNames);
            var unitsAfter = Units(after, node.Key, unitNames);
            if (unitsBefore != unitsAfter)
            {
                changes.Add(new(VersionChangeKind.UnitsChanged, node.Key, node.Kind, node.Label, unitsBefore, unitsAfter));
            }
        }

        foreach (var node in before.Nodes.Where(n => !now.ContainsKey(n.Key)))
        {
            changes.Add(new(VersionChangeKind.Removed, node.Key, node.Kind, node.Label, Describe(node, before, unitNames), null));
        }

        var oldIndicators = before.Indicators.ToDictionary(i => i.Key);
        foreach (var indicator in after.Indicators)
        {
            if (!oldIndicators.TryGetValue(indicator.Key, out var was))
            {
                changes.Add(new(VersionChangeKind.Added, indicator.Key, null, indicator.Name, null, Target(indicator)));
            }
            else if (was.TargetText != indicator.TargetText || was.TargetYear != indicator.TargetYear)
            {
                changes.Add(new(VersionChangeKind.TargetChanged, indicator.Key, null, indicator.Name, Target(was), Target(indicator)));
            }
        }

        var newIndicators = after.Indicators.Select(i => i.Key).ToHashSet();
        changes.AddRange(before.Indicators.Where(i => !newIndicators.Contains(i.Key))
            .Select(i => new VersionChange(VersionChangeKind.Removed, i.Key, null, i.Name, Target(i), null)));
        return changes;
    }

    private static string Describe(NodeState node, PlanSnapshot version, IReadOnlyDictionary<int, string>? unitNames) =>
        node.Kind == NodeKind.Task ? $"{Wording(node)}；{Span(node)}；{Units(version, node.Key, unitNames)}" : Wording(node);

    private static string Wording(NodeState node) =>
        string.IsNullOrWhiteSpace(node.Text) || node.Text == node.Title ? node.Label : $"{node.Label}：{node.Text}";

    internal static string Span(NodeState node) =>
        node.StartsOn is null && node.EndsOn is null ? "起止时间未定" : $"{Day(node.StartsOn)}至{Day(node.EndsOn)}";

    internal static string Day(DateOnly? day) => day is { } d ? $"{d.Year}年{d.Month}月{d.Day}日" : "未定";

    private static string ParentLabel(NodeState node, PlanSnapshot version) =>
        node.ParentKey is { } key && version.Node(key) is { } parent ? parent.Label : "（顶层）";

    /// <summary>Units as "牵头：北京市；参与：上海市、广东省" (ids where no names were given).</summary>
    internal static string Units(PlanSnapshot version, Guid taskKey, IReadOnlyDictionary<int, string>? unitNames)
    {
        var units = version.AssignmentsOf(taskKey).ToList();
        if (units.Count == 0)
        {
            return "未分配单位";
        }

        string Of(AssignmentRole role) => UnitList(units.Where(a => a.Role == role).Select(a => a.UnitId), unitNames);
        return $"牵头：{Of(AssignmentRole.Lead)}；参与：{Of(AssignmentRole.Participating)}";
    }

    internal static string UnitList(IEnumerable<int> unitIds, IReadOnlyDictionary<int, string>? unitNames)
    {
        var ids = unitIds.Order().ToList();
        if (ids.Count == 0)
        {
            return "无";
        }

        return unitNames is null
            ? string.Join(",", ids)
            : string.Join("、", ids.Select(id => unitNames.TryGetValue(id, out var name) ? name : id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    internal static string Target(IndicatorState indicator) =>
        indicator.TargetYear is { } year ? $"{year}年 {indicator.TargetText}{indicator.Unit}" : $"{indicator.TargetText}{indicator.Unit}";
}

public enum VersionChangeKind
{
    Added,
    Removed,
    Moved,
    Reworded,
    DatesChanged,
    TargetChanged,
    UnitsChanged,
}

/// <summary>One line of a version diff: what, about which node or indicator (<see cref="NodeKind"/> null: an indicator), before and after.</summary>
public sealed record VersionChange(VersionChangeKind Kind, Guid Key, NodeKind? NodeKind, string Label, string? Before, string? After)
{
    public string KindChinese => Kind switch
    {
        VersionChangeKind.Added => "新增",
        VersionChangeKind.Removed => "删除",
        VersionChangeKind.Moved => "移动",
        VersionChangeKind.Reworded => "表述修改",
        VersionChangeKind.DatesChanged => "时间调整",
        VersionChangeKind.TargetChanged => "目标调整",
        VersionChangeKind.UnitsChanged => "承担单位调整",
        _ => Kind.ToString(),
    };
}

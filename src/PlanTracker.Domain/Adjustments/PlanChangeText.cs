using PlanTracker.Domain.Assignments;

namespace PlanTracker.Domain.Adjustments;

/// <summary>
/// One change of a proposal as the ministry writes it, with its before and after read from the version the proposal
/// was written against: "将指标"…"的目标由"2015年 5"调整为"2016年 4"". Proposal pages, the decision page and the
/// 动态调整报告 all use these words, so a change reads the same everywhere.
/// </summary>
public static class PlanChangeText
{
    public static ChangeText Describe(PlanChange change, PlanSnapshot basedOn, IReadOnlyDictionary<int, string>? unitNames = null)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(basedOn);
        var kind = PlanChanges.Chinese(change.Kind);
        return change switch
        {
            ReviseTarget c => Indicator(basedOn, c.IndicatorKey) is { } i
                ? new(kind, i.Name, PlanVersionDiff.Target(i), PlanVersionDiff.Target(i with { TargetText = c.TargetText, TargetYear = c.TargetYear ?? i.TargetYear }))
                : Missing(kind),
            MoveDates c => basedOn.Node(c.TaskKey) is { } n
                ? new(kind, n.Label, PlanVersionDiff.Span(n), PlanVersionDiff.Span(n with { StartsOn = c.StartsOn, EndsOn = c.EndsOn }))
                : Missing(kind),
            ReassignUnits c => basedOn.Node(c.TaskKey) is { } n
                ? new(kind, n.Label, PlanVersionDiff.Units(basedOn, n.Key, unitNames), Units(c.LeadUnitIds, c.ParticipatingUnitIds, unitNames))
                : Missing(kind),
            AddTask c => new(
                kind,
                c.Title,
                null,
                $"列于“{basedOn.Node(c.ParentKey)?.Label ?? "（未知位置）"}”之下；{Span(c.StartsOn, c.EndsOn)}；{Units(c.LeadUnitIds, c.ParticipatingUnitIds, unitNames)}"),
            CancelTask c => basedOn.Node(c.TaskKey) is { } n ? new(kind, n.Label, n.Label, "（取消）") : Missing(kind),
            MergeTasks c => new(
                kind,
                c.Title,
                string.Join("；", c.TaskKeys.Select(k => basedOn.Node(k)?.Label ?? "（不在本规划中的任务）")),
                c.Title),
            SplitTask c => basedOn.Node(c.TaskKey) is { } n
                ? new(kind, n.Label, n.Label, string.Join("；", c.Parts.Select(p => p.Title)))
                : Missing(kind),
            RewordTask c => basedOn.Node(c.TaskKey) is { } n
                ? new(kind, n.Label, Wording(n.Title, n.Text), Wording(c.Title, c.Text ?? n.Text))
                : Missing(kind),
            _ => new(kind, string.Empty, null, null),
        };
    }

    private static IndicatorState? Indicator(PlanSnapshot snapshot, Guid key) => snapshot.Indicator(key);

    private static ChangeText Missing(string kind) => new(kind, "（该事项已不在所依据的规划版本中）", null, null);

    private static string Units(IEnumerable<int> lead, IEnumerable<int> participating, IReadOnlyDictionary<int, string>? unitNames) =>
        $"牵头：{PlanVersionDiff.UnitList(lead, unitNames)}；参与：{PlanVersionDiff.UnitList(participating, unitNames)}";

    private static string Span(DateOnly? startsOn, DateOnly? endsOn) =>
        startsOn is null && endsOn is null ? "起止时间未定" : $"{PlanVersionDiff.Day(startsOn)}至{PlanVersionDiff.Day(endsOn)}";

    private static string Wording(string title, string? text) =>
        string.IsNullOrWhiteSpace(text) || text == title ? title : $"{title}：{text}";
}

/// <summary>A change in words: its kind (调整指标目标…), what it is about, and the before and after (null where none).</summary>
public sealed record ChangeText(string Kind, string Subject, string? Before, string? After)
{
    public string Sentence => (Before, After) switch
    {
        (null, null) => $"{Kind}：{Subject}",
        (null, { } after) => $"{Kind}“{Subject}”：{after}",
        ({ } before, null) => $"{Kind}“{Subject}”：原为{before}",
        ({ } before, { } after) => $"{Kind}“{Subject}”：由“{before}”调整为“{after}”",
    };
}

/// <summary>
/// What a provincial reviewer may propose: changes to tasks its own unit carries (dates, units, wording, cancel, split,
/// merge of its own tasks). Indicator targets and new tasks are national matters, proposed by the ministry.
/// </summary>
public static class ProvincialProposals
{
    /// <returns>Null when the unit may propose the change; otherwise the reason in Chinese.</returns>
    public static string? Refusal(PlanChange change, PlanSnapshot basedOn, int unitId)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(basedOn);
        bool Carries(Guid taskKey) => basedOn.AssignmentsOf(taskKey).Any(a => a.UnitId == unitId);
        return change switch
        {
            ReviseTarget => "指标目标的调整由部委提出，省级单位可在理由中提出建议。",
            AddTask => "新增任务由部委提出，省级单位可在理由中提出建议。",
            MergeTasks c when !c.TaskKeys.All(Carries) => "只能提出合并本单位承担的任务。",
            MoveDates c when !Carries(c.TaskKey) => NotOwn,
            ReassignUnits c when !Carries(c.TaskKey) => NotOwn,
            CancelTask c when !Carries(c.TaskKey) => NotOwn,
            SplitTask c when !Carries(c.TaskKey) => NotOwn,
            RewordTask c when !Carries(c.TaskKey) => NotOwn,
            _ => null,
        };
    }

    private const string NotOwn = "只能对本单位承担的任务提出调整。";

    /// <summary>The unit's role in a task of the version, for the proposal page.</summary>
    public static AssignmentRole? RoleOf(PlanSnapshot basedOn, Guid taskKey, int unitId) =>
        basedOn?.AssignmentsOf(taskKey).Where(a => a.UnitId == unitId).Select(a => (AssignmentRole?)a.Role).FirstOrDefault();
}

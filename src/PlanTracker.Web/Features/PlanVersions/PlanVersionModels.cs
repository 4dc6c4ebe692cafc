using PlanTracker.Domain.Adjustments;
using PlanTracker.Domain.Assignments;
using PlanTracker.Domain.Plans;
using PlanTracker.Infrastructure.Adjustments;
using PlanTracker.Web.Features.Shared.Figures;

namespace PlanTracker.Web.Features.PlanVersions;

/// <summary>A plan's published versions, newest first, each with the adjustment behind it; <see cref="Message"/> answers the date form.</summary>
public sealed record VersionListViewModel(int PlanId, string PlanTitle, IReadOnlyList<VersionLine> Versions, string? Message = null, DateOnly? Date = null);

/// <summary>One version: in force from its publication until the next one's (<see cref="Until"/> null while current).</summary>
public sealed record VersionLine(VersionStep Step, DateOnly? PublishedOn, DateOnly? Until, bool IsCurrent, IReadOnlyList<KindCount> ChangeCounts)
{
    public int Number => Step.Number;

    public AdjustmentDecision? Adjustment => Step.Adjustment;

    public int ChangeTotal => ChangeCounts.Sum(c => c.Count);
}

/// <summary>How many changes of one kind (in words: 修改任务表述, 新增 …).</summary>
public sealed record KindCount(string Kind, int Count);

/// <summary>The plan as it stood at one version: its outline (tasks with dates and units) and its indicators.</summary>
public sealed record VersionPageViewModel(
    int PlanId,
    string PlanTitle,
    VersionLine Version,
    int CurrentNumber,
    IReadOnlyList<VersionNode> Roots,
    IReadOnlyList<IndicatorState> Indicators,
    int TaskCount);

/// <summary>A node of a version's outline with its children; tasks carry their units as names.</summary>
public sealed record VersionNode(NodeState Node, IReadOnlyList<VersionNode> Children, IReadOnlyList<string> LeadUnits, IReadOnlyList<string> ParticipatingUnits);

/// <summary>The readable diff between two versions, with the adjustments that lie between them.</summary>
public sealed record CompareViewModel(
    int PlanId,
    string PlanTitle,
    int From,
    int To,
    IReadOnlyList<int> Numbers,
    IReadOnlyList<VersionChange> Changes,
    IReadOnlyList<KindCount> Counts,
    IReadOnlyList<VersionStep> Between,
    FigureTable Table)
{
    public bool Backwards => From > To;
}

/// <summary>One task's or indicator's changes since the plan was published, each with the version and proposal behind it.</summary>
public sealed record HistoryViewModel(int PlanId, string PlanTitle, Guid Key, string Subject, bool IsIndicator, int? CurrentTaskId, int? CurrentIndicatorId, IReadOnlyList<SubjectChange> Changes)
{
    /// <summary>The version that no longer has the task or indicator (null: the current version has it).</summary>
    public int? RemovedInVersion { get; init; }
}

/// <summary>Unit names of a task's assignments in one version.</summary>
internal static class VersionUnits
{
    public static IReadOnlyList<string> Of(PlanSnapshot snapshot, Guid taskKey, AssignmentRole role, IReadOnlyDictionary<int, string> names) =>
        [.. snapshot.AssignmentsOf(taskKey).Where(a => a.Role == role).Select(a => a.UnitId).Order().Select(id => names.TryGetValue(id, out var name) ? name : id.ToString(System.Globalization.CultureInfo.InvariantCulture))];
}

public static class PlanVersionServices
{
    public static void Add(IServiceCollection services) => services.AddScoped<PlanVersionPages>();
}

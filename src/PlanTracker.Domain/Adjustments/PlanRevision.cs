using PlanTracker.Domain.Assignments;
using PlanTracker.Domain.Indicators;
using PlanTracker.Domain.Plans;
using PlanTracker.Domain.Reporting;

namespace PlanTracker.Domain.Adjustments;

/// <summary>
/// Applies an adjustment's changes to a version, all or nothing: the result is the next version's snapshot, or the
/// Chinese reasons it was refused (each naming the change by its number). The rules: every change names a node or
/// indicator of this plan's version; a task keeps at least one lead unit; a target year is not before its baseline
/// year; dates lie inside the plan's years; merged tasks belong to this plan and are at least two; no HTML in text.
/// </summary>
public static class PlanRevision
{
    public const int MaxTitleLength = 500;

    public static RevisionResult Apply(PlanSnapshot version, IReadOnlyList<PlanChange> changes)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0)
        {
            return RevisionResult.Refused(["调整方案中没有任何变更。"]);
        }

        var work = new Working(version);
        var problems = new List<string>();
        for (var i = 0; i < changes.Count; i++)
        {
            var problem = work.Apply(changes[i]);
            if (problem is not null)
            {
                problems.Add($"第{i + 1}项变更（{PlanChanges.Chinese(changes[i].Kind)}）：{problem}");
            }
        }

        // Whatever the order of the changes, no task whose units the proposal changed may end without a lead unit if it
        // has any unit at all. Tasks the proposal leaves alone are not its business: one assigned without a lead earlier
        // must not block every adjustment of the plan.
        var unitsBefore = version.Assignments.ToLookup(a => a.TaskKey);
        var unitsAfter = work.Assignments.ToLookup(a => a.TaskKey);
        foreach (var task in work.Nodes.Where(n => n.Kind == NodeKind.Task))
        {
            var units = unitsAfter[task.Key].ToList();
            var unchanged = unitsBefore[task.Key].OrderBy(a => a.UnitId).ThenBy(a => a.Role).SequenceEqual(units.OrderBy(a => a.UnitId).ThenBy(a => a.Role));
            if (!unchanged && units.Count > 0 && units.All(a => a.Role != AssignmentRole.Lead))
            {
                problems.Add($"任务“{task.Label}”调整后没有牵头单位。");
            }
        }

        return problems.Count > 0
            ? RevisionResult.Refused(problems)
            : RevisionResult.Done(version with
            {
                VersionNumber = version.VersionNumber + 1,
                Nodes = [.. work.Nodes],
                Indicators = [.. work.Indicators],
                Assignments = [.. work.Assignments],
            });
    }

    private sealed class Working(PlanSnapshot version)
    {
        public List<NodeState> Nodes { get; } = [.. version.Nodes];

        public List<IndicatorState> Indicators { get; } = [.. version.Indicators];

        public List<AssignmentState> Assignments { get; } = [.. version.Assignments];

        public string? Apply(PlanChange change) => change switch
        {
            ReviseTarget c => Revise(c),
            MoveDates c => Move(c),
            ReassignUnits c => Reassign(c.TaskKey, c.LeadUnitIds, c.ParticipatingUnitIds),
            AddTask c => Add(c),
            CancelTask c => Cancel(c),
            MergeTasks c => Merge(c),
            SplitTask c => Split(c),
            RewordTask c => Reword(c),
            _ => "不支持的变更类型。",
        };

        private string? Revise(ReviseTarget c)
        {
            var index = Indicators.FindIndex(i => i.Key == c.IndicatorKey);
            if (index < 0)
            {
                return "找不到该指标（它不属于本规划的当前版本）。";
            }

            var indicator = Indicators[index];
            if (string.IsNullOrWhiteSpace(c.TargetText))
            {
                return $"指标“{indicator.Name}”的新目标值不能为空。";
            }

            if (Markup.Contains(c.TargetText))
            {
                return "目标值不能包含HTML或脚本。";
            }

            var targetYear = c.TargetYear ?? indicator.TargetYear;
            if (targetYear is { } year && indicator.BaselineYear is { } baseline && year < baseline)
            {
                return $"指标“{indicator.Name}”的目标年份{year}年早于基期年份{baseline}年。";
            }

            if (StatedValue.Parse(c.TargetText) == StatedValue.Parse(indicator.TargetText) && targetYear == indicator.TargetYear)
            {
                return $"指标“{indicator.Name}”的目标值和目标年份均未改变。";
            }

            Indicators[index] = indicator with { TargetText = c.TargetText.Trim(), TargetYear = targetYear };
            return null;
        }

        private string? Move(MoveDates c)
        {
            var (index, problem) = Task(c.TaskKey);
            if (problem is not null)
            {
                return problem;
            }

            if (c.EndsOn < c.StartsOn)
            {
                return "结束日期不能早于开始日期。";
            }

            if (!version.Covers(c.StartsOn, c.EndsOn))
            {
                return $"任务时间须在规划期（{version.StartYear}—{version.EndYear}年）之内。";
            }

            Nodes[index] = Nodes[index] with { StartsOn = c.StartsOn, EndsOn = c.EndsOn };
            return null;
        }

        private string? Reassign(Guid taskKey, IReadOnlyList<int> lead, IReadOnlyList<int> participating)
        {
            var (_, problem) = Task(taskKey);
            if (problem is not null)
            {
                return problem;
            }

            if (lead.Count == 0)
            {
                return "每项任务至少要有一个牵头单位。";
            }

            if (lead.Intersect(participating).Any())
            {
                return "同一单位不能既是牵头单位又是参与单位。";
            }

            Assignments.RemoveAll(a => a.TaskKey == taskKey);
            Assignments.AddRange(lead.Distinct().Select(u => new AssignmentState(taskKey, u, AssignmentRole.Lead)));
            Assignments.AddRange(participating.Distinct().Select(u => new AssignmentState(taskKey, u, AssignmentRole.Participating)));
            return null;
        }

        private string? Add(AddTask c)
        {
            var parentIndex = Nodes.FindIndex(n => n.Key == c.ParentKey);
            if (parentIndex < 0)
            {
                return "找不到新任务所属的章节（它不属于本规划的当前版本）。";
            }

            var parent = Nodes[parentIndex];
            if (!PlanNode.CanHold(parent.Kind, NodeKind.Task))
            {
                return $"“{parent.Label}”下不能直接设任务：请选择节、条目或专栏。";
            }

            if (Nodes.Any(n => n.Key == c.NewKey))
            {
                return "新任务的标识已被占用。";
            }

            if (TitleProblem(c.Title, c.Text) is { } titleProblem)
            {
                return titleProblem;
            }

            if (c.StartsOn is { } s && c.EndsOn is { } e && (e < s || !version.Covers(s, e)))
            {
                return $"任务时间须在规划期（{version.StartYear}—{version.EndYear}年）之内，且结束不早于开始。";
            }

            var task = new NodeState(c.NewKey, NodeKind.Task, c.ParentKey, null, c.Title.Trim(), c.Text?.Trim() ?? string.Empty, c.StartsOn, c.EndsOn);
            Nodes.Insert(EndOfSubtree(parentIndex) + 1, task);
            return Reassign(c.NewKey, c.LeadUnitIds, c.ParticipatingUnitIds);
        }

        private string? Cancel(CancelTask c)
        {
            var (index, problem) = Task(c.TaskKey);
            if (problem is not null)
            {
                return problem;
            }

            Nodes.RemoveAt(index);
            Assignments.RemoveAll(a => a.TaskKey == c.TaskKey);
            return null;
        }

        private string? Merge(MergeTasks c)
        {
            var keys = c.TaskKeys.Distinct().ToList();
            if (keys.Count < 2)
            {
                return "合并至少需要两项不同的任务。";
            }

            foreach (var key in keys)
            {
                if (Task(key).Problem is { } problem)
                {
                    return problem;
                }
            }

            if (TitleProblem(c.Title, null) is { } titleProblem)
            {
                return titleProblem;
            }

            var merged = keys.Select(k => Nodes.Single(n => n.Key == k)).ToList();
            var kept = merged[0];
            var starts = merged.Select(n => n.StartsOn).Where(d => d is not null).Min();
            var ends = merged.Select(n => n.EndsOn).Where(d => d is not null).Max();
            var text = string.Join("\n", merged.Select(n => n.Text).Where(t => !string.IsNullOrWhiteSpace(t)));
            Nodes[Nodes.IndexOf(kept)] = kept with { Title = c.Title.Trim(), Text = text, StartsOn = starts, EndsOn = ends };
            Nodes.RemoveAll(n => keys.Skip(1).Contains(n.Key));

            // The first task's lead units lead; every other unit takes part, unless it already leads.
            var units = Assignments.Where(a => keys.Contains(a.TaskKey)).ToList();
            var lead = units.Where(a => a.TaskKey == kept.Key && a.Role == AssignmentRole.Lead).Select(a => a.UnitId).ToList();
            if (lead.Count == 0)
            {
                lead = [.. units.Where(a => a.Role == AssignmentRole.Lead).Select(a => a.UnitId).Distinct()];
            }

            Assignments.RemoveAll(a => keys.Contains(a.TaskKey));
            Assignments.AddRange(lead.Distinct().Select(u => new AssignmentState(kept.Key, u, AssignmentRole.Lead)));
            Assignments.AddRange(units.Select(a => a.UnitId).Distinct().Except(lead).Select(u => new AssignmentState(kept.Key, u, AssignmentRole.Participating)));
            return null;
        }

        private string? Split(SplitTask c)
        {
            var (index, problem) = Task(c.TaskKey);
            if (problem is not null)
            {
                return problem;
            }

            if (c.Parts.Count < 2)
            {
                return "拆分至少要分成两项任务。";
            }

            if (c.Parts.Select(p => p.NewKey).Distinct().Count() != c.Parts.Count || c.Parts.Any(p => Nodes.Any(n => n.Key == p.NewKey)))
            {
                return "拆分后的任务标识重复或已被占用。";
            }

            foreach (var part in c.Parts)
            {
                if (TitleProblem(part.Title, null) is { } titleProblem)
                {
                    return titleProblem;
                }
            }

            var original = Nodes[index];
            var units = Assignments.Where(a => a.TaskKey == c.TaskKey).ToList();
            Nodes.RemoveAt(index);
            Nodes.InsertRange(index, c.Parts.Select(p => original with { Key = p.NewKey, Number = null, Title = p.Title.Trim(), Text = string.Empty }));
            Assignments.RemoveAll(a => a.TaskKey == c.TaskKey);
            Assignments.AddRange(c.Parts.SelectMany(p => units.Select(a => a with { TaskKey = p.NewKey })));
            return null;
        }

        private string? Reword(RewordTask c)
        {
            var (index, problem) = Task(c.TaskKey);
            if (problem is not null)
            {
                return problem;
            }

            if (TitleProblem(c.Title, c.Text) is { } titleProblem)
            {
                return titleProblem;
            }

            var task = Nodes[index];
            var title = c.Title.Trim();
            var text = c.Text?.Trim() ?? task.Text;
            if (title == task.Title && text == task.Text)
            {
                return $"任务“{task.Label}”的表述没有改变。";
            }

            Nodes[index] = task with { Title = title, Text = text };
            return null;
        }

        private (int Index, string? Problem) Task(Guid key)
        {
            var index = Nodes.FindIndex(n => n.Key == key);
            return index < 0 ? (-1, "找不到该任务（它不属于本规划的当前版本，或已被本方案的前一项变更取消、合并或拆分）。")
                : Nodes[index].Kind != NodeKind.Task ? (-1, $"“{Nodes[index].Label}”不是任务。")
                : (index, null);
        }

        private int EndOfSubtree(int index)
        {
            var inside = new HashSet<Guid> { Nodes[index].Key };
            var end = index;
            for (var i = index + 1; i < Nodes.Count && Nodes[i].ParentKey is { } parent && inside.Contains(parent); i++)
            {
                inside.Add(Nodes[i].Key);
                end = i;
            }

            return end;
        }

        private static string? TitleProblem(string? title, string? text)
        {
            if (string.IsNullOrWhiteSpace(title))
            {
                return "任务名称不能为空。";
            }

            if (title.Trim().Length > MaxTitleLength)
            {
                return $"任务名称不能超过{MaxTitleLength}字。";
            }

            return Markup.Contains(title) || Markup.Contains(text) ? "任务名称和内容不能包含HTML或脚本。" : null;
        }
    }
}

public sealed record RevisionResult(PlanSnapshot? Next, IReadOnlyList<string> Problems)
{
    public bool Succeeded => Next is not null;

    public static RevisionResult Done(PlanSnapshot next) => new(next, []);

    public static RevisionResult Refused(IReadOnlyList<string> problems) => new(null, problems);
}

using PlanTracker.Domain.Adjustments;
using PlanTracker.Domain.Assignments;
using PlanTracker.Domain.Plans;

namespace PlanTracker.Domain.Tests.Adjustments;

public sealed class PlanRevisionTests
{
    private static readonly Guid Chapter = Guid.Parse("00000000-0000-0000-0000-0000000000c1");
    private static readonly Guid Section = Guid.Parse("00000000-0000-0000-0000-0000000000a1");
    private static readonly Guid Column = Guid.Parse("00000000-0000-0000-0000-0000000000b1");
    private static readonly Guid T1 = Guid.Parse("00000000-0000-0000-0000-000000000001");
    private static readonly Guid T2 = Guid.Parse("00000000-0000-0000-0000-000000000002");
    private static readonly Guid T3 = Guid.Parse("00000000-0000-0000-0000-000000000003");
    private static readonly Guid T4 = Guid.Parse("00000000-0000-0000-0000-000000000004");
    private static readonly Guid Bases = Guid.Parse("00000000-0000-0000-0000-0000000000d1");
    private static readonly Guid New1 = Guid.Parse("00000000-0000-0000-0000-0000000000e1");
    private static readonly Guid New2 = Guid.Parse("00000000-0000-0000-0000-0000000000e2");

    internal static PlanSnapshot Version1 => new(
        7,
        1,
        2011,
        2015,
        [
            new NodeState(Chapter, NodeKind.Chapter, null, "三、", "重点任务", string.Empty),
            new NodeState(Section, NodeKind.Section, Chapter, "（一）", "发展电子商务", string.Empty),
            new NodeState(T1, NodeKind.Task, Section, "1.", "建设电子商务平台", "建设一批平台", new(2011, 1, 1), new(2013, 12, 31)),
            new NodeState(T2, NodeKind.Task, Section, "2.", "完善支付体系", string.Empty, new(2012, 1, 1), new(2015, 12, 31)),
            new NodeState(T3, NodeKind.Task, Section, "3.", "推广示范应用", string.Empty, new(2011, 6, 1), new(2014, 12, 31)),
            new NodeState(Column, NodeKind.SpecialColumn, Chapter, null, "专栏1 电子商务工程", string.Empty),
            new NodeState(T4, NodeKind.Task, Column, null, "电子商务示范城市", string.Empty, new(2011, 1, 1), new(2015, 12, 31)),
        ],
        [new IndicatorState(Bases, "国家现代服务业产业化基地", "家", 2010, "18", 2015, "≥50")],
        [
            new AssignmentState(T1, 11, AssignmentRole.Lead),
            new AssignmentState(T1, 12, AssignmentRole.Participating),
            new AssignmentState(T2, 12, AssignmentRole.Lead),
            new AssignmentState(T3, 13, AssignmentRole.Lead),
            new AssignmentState(T3, 11, AssignmentRole.Participating),
            new AssignmentState(T4, 14, AssignmentRole.Lead),
        ]);

    private static PlanSnapshot Applied(params PlanChange[] changes)
    {
        var result = PlanRevision.Apply(Version1, changes);
        result.Problems.Should().BeEmpty();
        result.Next!.VersionNumber.Should().Be(2);
        return result.Next;
    }

    private static IReadOnlyList<string> Refused(params PlanChange[] changes)
    {
        var result = PlanRevision.Apply(Version1, changes);
        result.Succeeded.Should().BeFalse();
        return result.Problems;
    }

    [Fact]
    public void ReviseTarget_ChangesTheTargetAndYear_AndTheDiffShowsBoth()
    {
        var next = Applied(new ReviseTarget(Bases, "≥40", 2016));

        next.Indicator(Bases)!.TargetText.Should().Be("≥40");
        next.Indicator(Bases)!.TargetYear.Should().Be(2016);
        PlanVersionDiff.Compare(Version1, next).Should().ContainSingle().Which.Should().Be(
            new VersionChange(VersionChangeKind.TargetChanged, Bases, null, "国家现代服务业产业化基地", "2015年 ≥50家", "2016年 ≥40家"));
    }

    [Fact]
    public void ReviseTarget_ToAYearBeforeTheBaseline_IsRefused()
    {
        Refused(new ReviseTarget(Bases, "≥40", 2009)).Should().ContainSingle().Which.Should().Contain("目标年份2009年早于基期年份2010年");
    }

    [Fact]
    public void MoveDates_ChangesTheSpan_AndOutsideThePlanYearsIsRefused()
    {
        var next = Applied(new MoveDates(T1, new(2012, 1, 1), new(2015, 6, 30)));

        next.Node(T1)!.EndsOn.Should().Be(new DateOnly(2015, 6, 30));
        PlanVersionDiff.Compare(Version1, next).Should().ContainSingle(c => c.Kind == VersionChangeKind.DatesChanged)
            .Which.After.Should().Be("2012年1月1日至2015年6月30日");
        Refused(new MoveDates(T1, new(2012, 1, 1), new(2016, 6, 30))).Single().Should().Contain("规划期（2011—2015年）");
        Refused(new MoveDates(T1, new(2013, 1, 1), new(2012, 6, 30))).Single().Should().Contain("结束日期不能早于开始日期");
    }

    [Fact]
    public void ReassignUnits_ReplacesTheUnits_AndNoLeadIsRefused()
    {
        var next = Applied(new ReassignUnits(T2, [13], [11, 12]));

        next.AssignmentsOf(T2).Should().BeEquivalentTo(
            [new AssignmentState(T2, 13, AssignmentRole.Lead), new AssignmentState(T2, 11, AssignmentRole.Participating), new AssignmentState(T2, 12, AssignmentRole.Participating)]);
        PlanVersionDiff.Compare(Version1, next).Should().ContainSingle().Which.Should().Match<VersionChange>(c =>
            c.Kind == VersionChangeKind.UnitsChanged && c.Before == "牵头：12；参与：无" && c.After == "牵头：13；参与：11,12");
        Refused(new ReassignUnits(T2, [], [11])).Single().Should().Contain("至少要有一个牵头单位");
    }

    [Fact]
    public void AddTask_GoesAtTheEndOfItsParent_WithItsUnits_AndIsAddedInTheDiff()
    {
        var next = Applied(new AddTask(New1, Section, "发展跨境电子商务", "开展试点", new(2013, 1, 1), new(2015, 12, 31), [15], [11]));

        next.Nodes.Select(n => n.Key).Should().Equal(Chapter, Section, T1, T2, T3, New1, Column, T4);
        next.AssignmentsOf(New1).Should().HaveCount(2);
        PlanVersionDiff.Compare(Version1, next).Should().ContainSingle().Which.Should().Match<VersionChange>(c =>
            c.Kind == VersionChangeKind.Added && c.Key == New1 && c.After!.Contains("发展跨境电子商务：开展试点") && c.After.Contains("牵头：15；参与：11"));
    }

    [Fact]
    public void AddTask_UnderAChapter_OrWithoutALead_IsRefused()
    {
        Refused(new AddTask(New1, Chapter, "新任务", null, null, null, [15], [])).Single().Should().Contain("下不能直接设任务");
        Refused(new AddTask(New1, Section, "新任务", null, null, null, [], [15])).Single().Should().Contain("至少要有一个牵头单位");
        Refused(new AddTask(New1, Section, "<script>alert(1)</script>", null, null, null, [15], [])).Single().Should().Contain("HTML");
    }

    [Fact]
    public void CancelTask_RemovesTheTaskAndItsUnits_AndTheDiffSaysRemoved()
    {
        var next = Applied(new CancelTask(T3));

        next.Node(T3).Should().BeNull();
        next.AssignmentsOf(T3).Should().BeEmpty();
        PlanVersionDiff.Compare(Version1, next).Should().ContainSingle().Which.Should().Match<VersionChange>(c =>
            c.Kind == VersionChangeKind.Removed && c.Key == T3 && c.Before!.StartsWith("3. 推广示范应用", StringComparison.Ordinal));
    }

    [Fact]
    public void MergeTasks_KeepsTheFirstKey_WidensTheDates_AndCombinesTheUnits()
    {
        var next = Applied(new MergeTasks([T1, T3], "建设平台并推广应用"));

        next.Node(T3).Should().BeNull();
        var merged = next.Node(T1)!;
        merged.Title.Should().Be("建设平台并推广应用");
        (merged.StartsOn, merged.EndsOn).Should().Be((new DateOnly(2011, 1, 1), new DateOnly(2014, 12, 31)));
        next.AssignmentsOf(T1).Should().BeEquivalentTo(
            [new AssignmentState(T1, 11, AssignmentRole.Lead), new AssignmentState(T1, 12, AssignmentRole.Participating), new AssignmentState(T1, 13, AssignmentRole.Participating)]);
        PlanVersionDiff.Compare(Version1, next).Select(c => (c.Kind, c.Key)).Should().BeEquivalentTo(
            [(VersionChangeKind.Reworded, T1), (VersionChangeKind.DatesChanged, T1), (VersionChangeKind.UnitsChanged, T1), (VersionChangeKind.Removed, T3)]);
    }

    [Fact]
    public void MergeTasks_WithATaskOfAnotherPlan_OrOnlyOne_IsRefused()
    {
        var elsewhere = Guid.Parse("00000000-0000-0000-0000-0000000000f9");
        Refused(new MergeTasks([T1, elsewhere], "合并")).Single().Should().Contain("不属于本规划的当前版本");
        Refused(new MergeTasks([T1, T1], "合并")).Single().Should().Contain("至少需要两项不同的任务");
    }

    [Fact]
    public void SplitTask_PutsTheNewTasksInItsPlace_EachWithItsDatesAndUnits()
    {
        var next = Applied(new SplitTask(T2, [new SplitPart(New1, "完善网上支付"), new SplitPart(New2, "完善移动支付")]));

        next.Nodes.Select(n => n.Key).Should().Equal(Chapter, Section, T1, New1, New2, T3, Column, T4);
        next.Node(New2)!.EndsOn.Should().Be(new DateOnly(2015, 12, 31));
        next.AssignmentsOf(New1).Should().ContainSingle().Which.Should().Be(new AssignmentState(New1, 12, AssignmentRole.Lead));
        PlanVersionDiff.Compare(Version1, next).Select(c => (c.Kind, c.Key)).Should().BeEquivalentTo(
            [(VersionChangeKind.Added, New1), (VersionChangeKind.Added, New2), (VersionChangeKind.Removed, T2)]);
        Refused(new SplitTask(T2, [new SplitPart(New1, "只有一项")])).Single().Should().Contain("至少要分成两项");
    }

    [Fact]
    public void RewordTask_ChangesTitleAndText_AndTheDiffHasBeforeAndAfter()
    {
        var next = Applied(new RewordTask(T1, "建设国家电子商务平台", null));

        PlanVersionDiff.Compare(Version1, next).Should().ContainSingle().Which.Should().Be(new VersionChange(
            VersionChangeKind.Reworded, T1, NodeKind.Task, "1. 建设国家电子商务平台", "1. 建设电子商务平台：建设一批平台", "1. 建设国家电子商务平台：建设一批平台"));
        Refused(new RewordTask(T1, "建设电子商务平台", null)).Single().Should().Contain("没有改变");
    }

    [Fact]
    public void SeveralChanges_TravelTogether_AndOneBadChangeRefusesTheWhole_NamingIt()
    {
        Applied(new RewordTask(T1, "新名称", null), new MoveDates(T2, new(2012, 1, 1), new(2014, 12, 31)), new ReviseTarget(Bases, "≥45")).Should().NotBeNull();

        var problems = Refused(new RewordTask(T1, "新名称", null), new CancelTask(T3), new MoveDates(T3, new(2012, 1, 1), new(2014, 12, 31)));

        problems.Should().ContainSingle().Which.Should().StartWith("第3项变更（调整任务时间）：找不到该任务");
    }

    [Fact]
    public void ATaskWithoutALeadElsewhereInThePlan_DoesNotBlockAProposalThatLeavesItAlone()
    {
        // T4 came to the plan with a participating unit only; a proposal about T1 is still possible.
        var withoutLead = Version1 with
        {
            Assignments = [.. Version1.Assignments.Where(a => a.TaskKey != T4), new AssignmentState(T4, 14, AssignmentRole.Participating)],
        };

        PlanRevision.Apply(withoutLead, [new RewordTask(T1, "建设电子商务公共平台", null)]).Problems.Should().BeEmpty();
        PlanRevision.Apply(withoutLead, [new ReassignUnits(T4, [], [14, 15])]).Problems.Should().ContainSingle().Which.Should().Contain("每项任务至少要有一个牵头单位");
    }

    [Fact]
    public void NoChanges_IsRefused()
    {
        PlanRevision.Apply(Version1, []).Problems.Should().ContainSingle().Which.Should().Be("调整方案中没有任何变更。");
    }

    [Fact]
    public void AMovedNode_IsMovedInTheDiff_WithItsOldAndNewParent()
    {
        var moved = Version1 with { Nodes = [.. Version1.Nodes.Select(n => n.Key == T4 ? n with { ParentKey = Section } : n)] };

        PlanVersionDiff.Compare(Version1, moved).Should().ContainSingle().Which.Should().Match<VersionChange>(c =>
            c.Kind == VersionChangeKind.Moved && c.Before == "专栏1 电子商务工程" && c.After == "（一） 发展电子商务");
    }

    [Fact]
    public void StoredChanges_ReadBackAsTheSameTypedChanges()
    {
        PlanChange[] changes =
        [
            new ReviseTarget(Bases, "≥40", 2016),
            new MoveDates(T1, new(2012, 1, 1), new(2015, 6, 30)),
            new ReassignUnits(T2, [13], [11, 12]),
            new AddTask(New1, Section, "新任务", "内容", new(2013, 1, 1), null, [15], []),
            new CancelTask(T3),
            new MergeTasks([T1, T3], "合并"),
            new SplitTask(T2, [new SplitPart(New1, "甲"), new SplitPart(New2, "乙")]),
            new RewordTask(T1, "新名称", null),
        ];

        var stored = changes.Select((c, i) => PlanChanges.ToStored(c, i)).ToList();

        stored.Select(s => s.Kind).Should().OnlyHaveUniqueItems();
        stored.Select(PlanChanges.FromStored).Should().BeEquivalentTo(changes, o => o.RespectingRuntimeTypes());
        stored[0].SubjectKey.Should().Be(Bases);
    }
}

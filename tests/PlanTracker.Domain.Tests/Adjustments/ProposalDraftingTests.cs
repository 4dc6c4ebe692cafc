using PlanTracker.Domain.Adjustments;

namespace PlanTracker.Domain.Tests.Adjustments;

public sealed class ProposalDraftingTests
{
    private static readonly DateTimeOffset At = new(2014, 3, 1, 2, 0, 0, TimeSpan.Zero);
    private static readonly Guid T1 = Guid.Parse("00000000-0000-0000-0000-000000000001");
    private static readonly Guid T2 = Guid.Parse("00000000-0000-0000-0000-000000000002");
    private static readonly Guid Bases = Guid.Parse("00000000-0000-0000-0000-0000000000d1");
    private static readonly Dictionary<int, string> Names = new() { [11] = "北京市", [12] = "上海市", [13] = "广东省" };

    private static Adjustment Draft() => new(1, 10, "调整电子商务任务", "进展滞后", "planner", null, At);

    [Fact]
    public void Redraft_ChangesTitleAndReason_OnlyWhileDraft_AndNeedsBoth()
    {
        var adjustment = Draft();
        adjustment.Redraft("  新标题 ", " 新理由 ").Succeeded.Should().BeTrue();
        (adjustment.Title, adjustment.Reason).Should().Be(("新标题", "新理由"));
        adjustment.Redraft("标题", " ").Refusal.Should().Be("调整方案须有标题和调整理由。");

        adjustment.AddChange(PlanChanges.ToStored(new CancelTask(T1), adjustment.NextOrdinal));
        adjustment.Submit("planner", At);
        adjustment.Redraft("再改", "再改").Refusal.Should().Be("调整方案已提交，不能再修改。");
        adjustment.Title.Should().Be("新标题");
    }

    [Fact]
    public void RemoveChange_LeavesTheOthersInOrder_AndNextOrdinalNeverReusesOne()
    {
        var adjustment = Draft();
        adjustment.AddChange(PlanChanges.ToStored(new CancelTask(T1), adjustment.NextOrdinal));
        adjustment.AddChange(PlanChanges.ToStored(new CancelTask(T2), adjustment.NextOrdinal));

        adjustment.RemoveChange(1).Succeeded.Should().BeTrue();
        adjustment.RemoveChange(9).Refusal.Should().Be("该变更不在本调整方案中。");

        adjustment.Changes.Select(c => c.Ordinal).Should().Equal(2);
        adjustment.NextOrdinal.Should().Be(3);
    }

    [Fact]
    public void AddEvidence_RefusesTheSameThingTwice_AndAnythingAfterSubmission()
    {
        var adjustment = Draft();
        adjustment.AddEvidence(AdjustmentEvidence.ForWarning(5)).Succeeded.Should().BeTrue();
        adjustment.AddEvidence(AdjustmentEvidence.ForReport(5)).Succeeded.Should().BeTrue();
        adjustment.AddEvidence(AdjustmentEvidence.ForWarning(5)).Refusal.Should().Be("该预警已列为依据。");
        adjustment.AddChange(PlanChanges.ToStored(new CancelTask(T1), adjustment.NextOrdinal));
        adjustment.Submit("planner", At);

        adjustment.AddEvidence(AdjustmentEvidence.ForIndicatorValue(3)).Refusal.Should().Be("调整方案已提交，不能再修改依据。");
        adjustment.Evidence.Select(e => e.Kind).Should().Equal(AdjustmentEvidenceKind.Warning, AdjustmentEvidenceKind.Report);
    }

    [Fact]
    public void Describe_ReadsEachChangeAgainstTheVersionItWasWrittenFor_WithUnitNames()
    {
        var v1 = PlanRevisionTests.Version1;

        PlanChangeText.Describe(new ReviseTarget(Bases, "≥40", 2016), v1).Sentence
            .Should().Be("调整指标目标“国家现代服务业产业化基地”：由“2015年 ≥50家”调整为“2016年 ≥40家”");
        PlanChangeText.Describe(new MoveDates(T1, new(2012, 1, 1), new(2014, 6, 30)), v1).Sentence
            .Should().Be("调整任务时间“1. 建设电子商务平台”：由“2011年1月1日至2013年12月31日”调整为“2012年1月1日至2014年6月30日”");
        PlanChangeText.Describe(new ReassignUnits(T1, [13], [11, 12]), v1, Names).Sentence
            .Should().Be("调整承担单位“1. 建设电子商务平台”：由“牵头：北京市；参与：上海市”调整为“牵头：广东省；参与：北京市、上海市”");
        PlanChangeText.Describe(new MergeTasks([T1, T2], "建设平台和支付体系"), v1).Before
            .Should().Be("1. 建设电子商务平台；2. 完善支付体系");
        PlanChangeText.Describe(new CancelTask(Guid.NewGuid()), v1).Subject.Should().Be("（该事项已不在所依据的规划版本中）");
    }

    [Fact]
    public void ProvincialReviewer_MayProposeChangesToItsOwnTasksOnly_NotTargetsOrNewTasks()
    {
        var v1 = PlanRevisionTests.Version1;

        ProvincialProposals.Refusal(new MoveDates(T1, new(2012, 1, 1), new(2014, 1, 1)), v1, unitId: 12).Should().BeNull();
        ProvincialProposals.Refusal(new RewordTask(T2, "完善支付体系建设", null), v1, unitId: 11).Should().Be("只能对本单位承担的任务提出调整。");
        ProvincialProposals.Refusal(new MergeTasks([T1, T2], "合并"), v1, unitId: 12).Should().BeNull();
        ProvincialProposals.Refusal(new MergeTasks([T1, T2], "合并"), v1, unitId: 11).Should().Be("只能提出合并本单位承担的任务。");
        ProvincialProposals.Refusal(new ReviseTarget(Bases, "≥40"), v1, unitId: 11).Should().Contain("由部委提出");
    }
}

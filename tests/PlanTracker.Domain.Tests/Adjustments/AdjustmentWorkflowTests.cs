using PlanTracker.Domain.Adjustments;
using PlanTracker.Domain.Plans;

namespace PlanTracker.Domain.Tests.Adjustments;

public sealed class AdjustmentWorkflowTests
{
    private static readonly DateTimeOffset At = new(2014, 3, 1, 2, 0, 0, TimeSpan.Zero);

    private static Adjustment Draft(bool withChange = true)
    {
        var adjustment = new Adjustment(1, 10, "调整电子商务任务", "进展滞后", "planner", null, At);
        if (withChange)
        {
            adjustment.AddChange(PlanChanges.ToStored(new CancelTask(Guid.NewGuid()), 1));
        }

        return adjustment;
    }

    [Fact]
    public void Submit_NeedsAChange_AndFixesTheChanges()
    {
        Draft(withChange: false).Submit("planner", At).Refusal.Should().Be("调整方案中没有任何变更，不能提交。");

        var adjustment = Draft();
        adjustment.Submit("planner", At).Succeeded.Should().BeTrue();

        adjustment.Status.Should().Be(AdjustmentStatus.Submitted);
        adjustment.SubmittedAt.Should().Be(At);
        adjustment.Submit("planner", At).Refusal.Should().Contain("已提交，不能再次提交");
        FluentActions.Invoking(() => adjustment.AddChange(PlanChanges.ToStored(new CancelTask(Guid.NewGuid()), 2))).Should().Throw<InvalidOperationException>();
    }

    [Fact]
    public void Reject_NeedsAComment_AndASubmittedProposal()
    {
        Draft().Reject("director", "不同意", At).Refusal.Should().Contain("只有已提交的方案可以审定");
        var adjustment = Draft();
        adjustment.Submit("planner", At);

        adjustment.Reject("director", " ", At).Refusal.Should().Be("不予批准须填写意见。");
        adjustment.Reject("director", "理由不充分", At).Succeeded.Should().BeTrue();

        (adjustment.Status, adjustment.DecidedBy, adjustment.DecisionComment).Should().Be((AdjustmentStatus.Rejected, "director", "理由不充分"));
    }

    [Fact]
    public void Approve_AgainstAnotherCurrentVersion_IsStale_AndChangesNothing()
    {
        var adjustment = Draft();
        adjustment.Submit("planner", At);
        var next = new PlanVersion(2, null, null, At);

        var outcome = adjustment.Approve("director", null, currentVersionId: 11, next, At);

        outcome.IsStale.Should().BeTrue();
        outcome.Refusal.Should().Contain("已不是当前版本");
        adjustment.Status.Should().Be(AdjustmentStatus.Submitted);
        adjustment.ResultingVersion.Should().BeNull();
    }

    [Fact]
    public void Approve_OnTheCurrentVersion_RecordsTheDecisionAndTheNewVersion()
    {
        var adjustment = Draft();
        adjustment.Submit("planner", At);
        var next = new PlanVersion(2, null, null, At);

        adjustment.Approve("director", "同意", currentVersionId: 10, next, At).Succeeded.Should().BeTrue();

        (adjustment.Status, adjustment.DecidedBy, adjustment.DecisionComment, adjustment.ResultingVersion).Should().Be((AdjustmentStatus.Approved, "director", "同意", next));
        adjustment.Approve("director", null, 10, next, At).Refusal.Should().Contain("已批准");
    }
}

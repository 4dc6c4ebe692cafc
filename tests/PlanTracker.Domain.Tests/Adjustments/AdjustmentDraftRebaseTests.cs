using PlanTracker.Domain.Adjustments;

namespace PlanTracker.Domain.Tests.Adjustments;

public sealed class AdjustmentDraftRebaseTests
{
    private static readonly DateTimeOffset At = new(2014, 3, 1, 2, 0, 0, TimeSpan.Zero);

    private static Adjustment Draft()
    {
        var adjustment = new Adjustment(1, 10, "调整电子商务任务", "进展滞后", "planner", null, At);
        adjustment.AddChange(PlanChanges.ToStored(new CancelTask(Guid.NewGuid()), 1));
        return adjustment;
    }

    [Fact]
    public void Rebase_ADraft_MovesItOntoTheNewVersion_KeepingItsChanges()
    {
        var adjustment = Draft();

        var outcome = adjustment.Rebase(11);

        outcome.Succeeded.Should().BeTrue();
        adjustment.BasedOnVersionId.Should().Be(11);
        adjustment.Changes.Should().ContainSingle();
        adjustment.CanApprove(11).Refusal.Should().Contain("只有已提交的方案可以审定", "a re-based draft is still a draft");
    }

    [Fact]
    public void Rebase_OntoTheSameVersion_IsRefused()
    {
        var adjustment = Draft();

        adjustment.Rebase(10).Refusal.Should().Be("调整方案已依据当前版本起草，无需重新起草。");
        adjustment.BasedOnVersionId.Should().Be(10);
    }

    [Fact]
    public void Rebase_ASubmittedProposal_IsRefused()
    {
        var adjustment = Draft();
        adjustment.Submit("planner", At);

        adjustment.Rebase(11).Refusal.Should().Be("调整方案已提交，不能再重新起草。");
        adjustment.BasedOnVersionId.Should().Be(10);
    }
}

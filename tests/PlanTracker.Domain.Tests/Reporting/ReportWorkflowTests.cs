using PlanTracker.Domain.Reporting;
using PlanTracker.TestSupport.Builders;

namespace PlanTracker.Domain.Tests.Reporting;

public sealed class ReportWorkflowTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private static readonly PeriodWindow Year2026 = new(new(2026, 1, 1), new(2026, 12, 31));

    private static readonly ReportDraft Written = ReportDraft.Of(TaskProgress.OnTrack, 40, "进展情况", "主要成效", null, "下一步工作", 12.5m);

    [Fact]
    public void Start_RecordsTheCreatedStep()
    {
        var report = ProgressReport.Start(1, 2, 3, "bj-reporter", Now);

        report.Status.Should().Be(ReportStatus.Draft);
        report.Events.Should().ContainSingle().Which.Step.Should().Be(ReportStep.Created);
    }

    [Fact]
    public void Submit_CompleteDraft_IsSubmittedWithItsEvent()
    {
        var report = Complete();

        var outcome = report.Submit("bj-reporter", Now.AddHours(1));

        outcome.Succeeded.Should().BeTrue();
        report.Status.Should().Be(ReportStatus.Submitted);
        report.SubmittedAt.Should().Be(Now.AddHours(1));
        report.Events.Last().Should().BeEquivalentTo(new { Step = ReportStep.Submitted, Actor = "bj-reporter" });
    }

    [Fact]
    public void Submit_EmptyDraft_ListsExactlyWhatIsMissing_AndStaysDraft()
    {
        var report = new ReportBuilder().Build();

        var outcome = report.Submit("bj-reporter", Now);

        outcome.Refusal!.Reason.Should().Be(ReportRefusalReason.Incomplete);
        outcome.Refusal.Missing.Should().Equal(ReportField.Progress, ReportField.PercentComplete, ReportField.ProgressText, ReportField.Achievements, ReportField.NextSteps);
        outcome.Refusal.Code.Should().Be(ReportRefusalCode.ReportIncomplete);
        report.Status.Should().Be(ReportStatus.Draft);
        report.Events.Should().ContainSingle();
    }

    [Theory]
    [InlineData(TaskProgress.Behind)]
    [InlineData(TaskProgress.Suspended)]
    public void Submit_BehindOrSuspendedWithoutProblems_RequiresProblems(TaskProgress progress)
    {
        var report = new ReportBuilder().WithContent(ReportDraft.Of(progress, 30, "进展", "成效", null, "下一步", null)).Build();

        var outcome = report.Submit("r", Now);

        outcome.Refusal!.Missing.Should().Equal(ReportField.Problems);
    }

    [Fact]
    public void Submit_OnTrackWithoutProblems_IsComplete()
    {
        var report = new ReportBuilder().WithContent(ReportDraft.Of(TaskProgress.OnTrack, 30, "进展", "成效", " ", "下一步", null)).Build();

        report.Submit("r", Now).Succeeded.Should().BeTrue();
    }

    [Fact]
    public void Submit_CompletedBelow100Percent_IsRefused()
    {
        var report = new ReportBuilder().WithContent(ReportDraft.Of(TaskProgress.Completed, 90, "进展", "成效", null, "下一步", null)).Build();

        var outcome = report.Submit("r", Now);

        outcome.Refusal!.Missing.Should().Equal(ReportField.PercentCompleteForCompleted);
        outcome.Refusal.Code.Should().Be(ReportRefusalCode.ReportIncomplete);
    }

    [Fact]
    public void Submit_CompletedAt100Percent_IsSubmitted()
    {
        var report = new ReportBuilder().WithContent(ReportDraft.Of(TaskProgress.Completed, 100, "进展", "成效", null, "下一步", null)).Build();

        report.Submit("r", Now).Succeeded.Should().BeTrue();
    }

    [Fact]
    public void Submit_Returned_IsSubmittedAgain()
    {
        var report = Submitted();
        report.Return("planner", "数据不准", Now);

        report.Submit("r", Now.AddDays(1)).Succeeded.Should().BeTrue();

        report.Status.Should().Be(ReportStatus.Submitted);
        report.Events.Select(e => e.Step).Should().Equal(ReportStep.Created, ReportStep.Submitted, ReportStep.Returned, ReportStep.Submitted);
    }

    [Theory]
    [InlineData(ReportStatus.Submitted)]
    [InlineData(ReportStatus.Reviewed)]
    [InlineData(ReportStatus.Approved)]
    public void Submit_FromAnotherStatus_IsRefused(ReportStatus status)
    {
        var report = In(status);
        var events = report.Events.Count;

        var outcome = report.Submit("r", Now);

        outcome.Refusal!.Reason.Should().Be(ReportRefusalReason.NotEditable);
        report.Status.Should().Be(status);
        report.Events.Should().HaveCount(events);
    }

    [Theory]
    [InlineData(ReportStatus.Draft)]
    [InlineData(ReportStatus.Returned)]
    public void SaveDraft_DraftOrReturned_Stores(ReportStatus status)
    {
        var report = In(status);

        var outcome = report.SaveDraft(ReportDraft.Of(TaskProgress.Behind, 10, "新进展", null, "问题", null, 5), Year2026, Now.AddDays(2));

        outcome.Succeeded.Should().BeTrue();
        report.ProgressText.Should().Be("新进展");
        report.Achievements.Should().BeNull();
        report.UpdatedAt.Should().Be(Now.AddDays(2));
    }

    [Theory]
    [InlineData(ReportStatus.Submitted)]
    [InlineData(ReportStatus.Reviewed)]
    [InlineData(ReportStatus.Approved)]
    public void SaveDraft_AfterSubmit_IsRefused_AndChangesNothing(ReportStatus status)
    {
        var report = In(status);

        var outcome = report.SaveDraft(ReportDraft.Of(TaskProgress.Behind, 10, "改写", null, null, null, null), Year2026, Now);

        outcome.Refusal!.Reason.Should().Be(ReportRefusalReason.NotEditable);
        report.ProgressText.Should().Be("进展情况");
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(100.5)]
    public void SaveDraft_PercentOutOfRange_IsRefused(double percent)
    {
        var report = new ReportBuilder().Build();

        report.SaveDraft(ReportDraft.Of(null, (decimal)percent, null, null, null, null, null), Year2026, Now).Refusal!.Reason.Should().Be(ReportRefusalReason.PercentOutOfRange);
    }

    [Fact]
    public void Review_Submitted_IsReviewed()
    {
        var report = Submitted();

        report.Review("bj-reviewer", "已核实", Now).Succeeded.Should().BeTrue();

        report.Status.Should().Be(ReportStatus.Reviewed);
        report.Events.Last().Should().BeEquivalentTo(new { Step = ReportStep.Reviewed, Actor = "bj-reviewer", Comment = "已核实" });
    }

    [Theory]
    [InlineData(ReportStatus.Draft)]
    [InlineData(ReportStatus.Reviewed)]
    [InlineData(ReportStatus.Returned)]
    [InlineData(ReportStatus.Approved)]
    public void Review_FromAnotherStatus_IsRefused(ReportStatus status)
    {
        var report = In(status);

        var outcome = report.Review("bj-reviewer", null, Now);

        outcome.Refusal!.Reason.Should().Be(ReportRefusalReason.WrongStatus);
        outcome.Refusal.Should().BeEquivalentTo(new { Code = ReportRefusalCode.ReviewWrongStatus, Arguments = new object[] { status } });
        report.Status.Should().Be(status);
    }

    [Theory]
    [InlineData(ReportStatus.Submitted)]
    [InlineData(ReportStatus.Reviewed)]
    public void Approve_SubmittedOrReviewed_IsApproved_AndReadOnly(ReportStatus status)
    {
        var report = In(status);

        report.Approve("planner", null, Now.AddDays(3)).Succeeded.Should().BeTrue();

        report.Status.Should().Be(ReportStatus.Approved);
        report.ApprovedAt.Should().Be(Now.AddDays(3));
        report.Events.Last().Step.Should().Be(ReportStep.Approved);
        report.IsEditable.Should().BeFalse();
        report.SaveDraft(ReportDraft.Of(null, null, null, null, null, null, null), Year2026, Now).Succeeded.Should().BeFalse();
    }

    [Theory]
    [InlineData(ReportStatus.Draft)]
    [InlineData(ReportStatus.Returned)]
    [InlineData(ReportStatus.Approved)]
    public void Approve_FromAnotherStatus_IsRefused(ReportStatus status)
    {
        var report = In(status);

        report.Approve("planner", null, Now).Refusal!.Reason.Should().Be(ReportRefusalReason.WrongStatus);
        report.Status.Should().Be(status);
    }

    [Theory]
    [InlineData(ReportStatus.Submitted)]
    [InlineData(ReportStatus.Reviewed)]
    public void Return_WithReason_IsReturned_AndTheReasonIsKept(ReportStatus status)
    {
        var report = In(status);

        report.Return("planner", "  主要成效缺少数据  ", Now).Succeeded.Should().BeTrue();

        report.Status.Should().Be(ReportStatus.Returned);
        report.Events.Last().Should().BeEquivalentTo(new { Step = ReportStep.Returned, Actor = "planner", Comment = "主要成效缺少数据" });
        report.IsEditable.Should().BeTrue();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Return_WithoutReason_IsRefused(string? reason)
    {
        var report = Submitted();

        var outcome = report.Return("planner", reason, Now);

        outcome.Refusal!.Reason.Should().Be(ReportRefusalReason.ReasonRequired);
        outcome.Refusal.Code.Should().Be(ReportRefusalCode.ReturnReasonRequired);
        report.Status.Should().Be(ReportStatus.Submitted);
    }

    [Theory]
    [InlineData(ReportStatus.Draft)]
    [InlineData(ReportStatus.Returned)]
    [InlineData(ReportStatus.Approved)]
    public void Return_FromAnotherStatus_IsRefused(ReportStatus status)
    {
        var report = In(status);

        report.Return("planner", "理由", Now).Refusal!.Reason.Should().Be(ReportRefusalReason.WrongStatus);
        report.Status.Should().Be(status);
    }

    private static ReportBuilder Report() => new ReportBuilder().WrittenBy("bj-reporter").At(Now).WithContent(Written);

    private static ProgressReport Complete() => Report().Build();

    private static ProgressReport Submitted() => Report().Submitted().Build();

    private static ProgressReport In(ReportStatus status) => Report().WithStatus(status).Build();
}

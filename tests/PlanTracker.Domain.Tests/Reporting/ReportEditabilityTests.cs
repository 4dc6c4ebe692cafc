using PlanTracker.Domain.Reporting;

namespace PlanTracker.Domain.Tests.Reporting;

/// <summary>May the unit change its report now: the period first (open, or the report reopened), then the status.</summary>
public sealed class ReportEditabilityTests
{
    private static readonly DateTimeOffset Now = new(2027, 3, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void EditabilityOfNew_OpenPeriod_IsEditable()
    {
        ProgressReport.EditabilityOfNew(PeriodStatus.Open).Succeeded.Should().BeTrue();
    }

    [Theory]
    [InlineData(PeriodStatus.Scheduled)]
    [InlineData(PeriodStatus.Closed)]
    public void EditabilityOfNew_PeriodNotOpen_IsRefused(PeriodStatus period)
    {
        ProgressReport.EditabilityOfNew(period).Refusal!.Should().BeEquivalentTo(new { Code = ReportRefusalCode.PeriodNotOpen, Reason = ReportRefusalReason.PeriodNotOpen });
    }

    [Fact]
    public void EditabilityIn_DraftOfAnOpenPeriod_IsEditable()
    {
        ProgressReport.Start(1, 2, 3, "bj-reporter", Now).EditabilityIn(PeriodStatus.Open).Succeeded.Should().BeTrue();
    }

    [Fact]
    public void EditabilityIn_DraftOfAClosedPeriod_IsRefusedForThePeriod()
    {
        ProgressReport.Start(1, 2, 3, "bj-reporter", Now).EditabilityIn(PeriodStatus.Closed).Refusal!.Code.Should().Be(ReportRefusalCode.PeriodNotOpen);
    }

    [Fact]
    public void EditabilityIn_SubmittedReportOfAnOpenPeriod_IsRefusedForItsStatus()
    {
        var report = Submitted();

        report.EditabilityIn(PeriodStatus.Open).Refusal!.Should().BeEquivalentTo(new { Code = ReportRefusalCode.ReportNotEditable, Reason = ReportRefusalReason.NotEditable, Arguments = new object[] { ReportStatus.Submitted } });
    }

    [Fact]
    public void EditabilityIn_SubmittedReportOfAClosedPeriod_IsRefusedForThePeriodFirst()
    {
        Submitted().EditabilityIn(PeriodStatus.Closed).Refusal!.Code.Should().Be(ReportRefusalCode.PeriodNotOpen);
    }

    [Fact]
    public void EditabilityIn_ReopenedReportOfAClosedPeriod_IsEditable_UntilItIsSubmittedAgain()
    {
        var report = Submitted();
        report.Reopen("planner", "补充数据", periodClosed: true, Now).Succeeded.Should().BeTrue();

        report.EditabilityIn(PeriodStatus.Closed).Succeeded.Should().BeTrue();
        report.Submit("bj-reporter", Now).Succeeded.Should().BeTrue();
        report.EditabilityIn(PeriodStatus.Closed).Refusal!.Code.Should().Be(ReportRefusalCode.ReportNotEditable);
    }

    [Theory]
    [InlineData(PeriodStatus.Open, false, null, true)]
    [InlineData(PeriodStatus.Closed, false, null, false)]
    [InlineData(PeriodStatus.Closed, true, ReportStatus.Returned, true)]
    [InlineData(PeriodStatus.Open, false, ReportStatus.Approved, false)]
    [InlineData(PeriodStatus.Open, true, ReportStatus.Draft, true)]
    public void Editability_FromTheParts_AnswersAsTheReportDoes(PeriodStatus period, bool reopened, ReportStatus? status, bool editable)
    {
        ProgressReport.Editability(period, reopened, status).Succeeded.Should().Be(editable);
    }

    [Theory]
    [InlineData(ReportStatus.Approved, false, false, null)]
    [InlineData(ReportStatus.Submitted, false, true, null)]
    [InlineData(ReportStatus.Draft, false, false, ReportRefusalCode.ReopenNotNeeded)]
    [InlineData(ReportStatus.Returned, true, true, ReportRefusalCode.AlreadyReopened)]
    public void Reopenability_IsWhatReopenChecks_ReasonAside(ReportStatus status, bool reopened, bool closed, ReportRefusalCode? refused)
    {
        (ProgressReport.Reopenability(status, reopened, closed).Refusal?.Code).Should().Be(refused);
    }

    private static ProgressReport Submitted()
    {
        var report = ProgressReport.Start(1, 2, 3, "bj-reporter", Now);
        report.SaveDraft(ReportDraft.Of(TaskProgress.OnTrack, 50, "进展", "成效", null, "下一步", null), new(new(2026, 1, 1), new(2026, 12, 31)), Now).Succeeded.Should().BeTrue();
        report.Submit("bj-reporter", Now).Succeeded.Should().BeTrue();
        return report;
    }
}

using PlanTracker.Domain.Monitoring;
using PlanTracker.Domain.Reporting;

namespace PlanTracker.Domain.Tests.Monitoring;

public sealed class TaskStatusRulesTests
{
    // 2012 is a leap year: 1 January + 100 days is 10 April, so each day is one percent and 1 March is 60%.
    private static readonly TaskSpan HundredDays = new(new DateOnly(2012, 1, 1), new DateOnly(2012, 4, 10));
    private static readonly DateOnly March1 = new(2012, 3, 1);

    private static TaskAssessment Assess(decimal? percent, TaskProgress? unitSays = TaskProgress.OnTrack, ReportDeadline? report = null, DateOnly? asOf = null) =>
        TaskStatusRules.Assess(
            new TaskFacts(HundredDays, percent is null && unitSays is null ? null : new ApprovedProgress(percent, unitSays), report),
            asOf ?? March1,
            MonitoringThresholds.Default);

    [Fact]
    public void ExpectedPercent_IsTheElapsedShareOfTheSpan_ClampedToZeroAndHundred()
    {
        TaskStatusRules.ExpectedPercent(HundredDays, March1).Should().Be(60m);
        TaskStatusRules.ExpectedPercent(HundredDays, new DateOnly(2011, 12, 1)).Should().Be(0m);
        TaskStatusRules.ExpectedPercent(HundredDays, new DateOnly(2012, 4, 10)).Should().Be(100m);
        TaskStatusRules.ExpectedPercent(HundredDays, new DateOnly(2013, 6, 1)).Should().Be(100m);
    }

    [Fact]
    public void Assess_OnTime_IsGreen_AndSaysItMatchesTheTime()
    {
        var status = Assess(60m);

        status.Condition.Should().Be(TaskCondition.OnTrack);
        status.Colour.Should().Be(StatusColour.Green);
        status.GapPoints.Should().Be(0m);
        status.Reason.Should().Be("进度60%，按时间应达60%，与时间进度持平。");
        status.IsDisagreement.Should().BeFalse();
    }

    [Fact]
    public void Assess_BehindWithinTheAmberThreshold_StaysGreen_ButSaysHowFarBehind()
    {
        var status = Assess(50m);

        status.Colour.Should().Be(StatusColour.Green);
        status.Condition.Should().Be(TaskCondition.OnTrack);
        status.Reason.Should().Be("进度50%，按时间应达60%，滞后10个百分点。");
    }

    [Fact]
    public void Assess_BehindByMoreThanTenPoints_IsAmber_WithTheGapInTheReason()
    {
        var status = Assess(42m, TaskProgress.Behind);

        status.Condition.Should().Be(TaskCondition.Behind);
        status.Colour.Should().Be(StatusColour.Amber);
        status.ExpectedPercent.Should().Be(60m);
        status.ActualPercent.Should().Be(42m);
        status.GapPoints.Should().Be(18m);
        status.Reason.Should().Be("进度42%，按时间应达60%，滞后18个百分点。");
    }

    [Fact]
    public void Assess_BehindByMoreThanTwentyFivePoints_IsRed_ExactlyTwentyFiveIsStillAmber()
    {
        Assess(34m).Colour.Should().Be(StatusColour.Red);
        Assess(35m).Colour.Should().Be(StatusColour.Amber);
    }

    [Fact]
    public void Assess_Ahead_IsGreen_AndSaysByHowMuch()
    {
        var status = Assess(70m);

        status.Condition.Should().Be(TaskCondition.Ahead);
        status.Colour.Should().Be(StatusColour.Green);
        status.GapPoints.Should().Be(-10m);
        status.Reason.Should().Be("进度70%，按时间应达60%，超前10个百分点。");
    }

    [Fact]
    public void Assess_StartedWithNothingApproved_IsGreyNoData()
    {
        var status = Assess(null, unitSays: null);

        status.Condition.Should().Be(TaskCondition.NoData);
        status.Colour.Should().Be(StatusColour.Grey);
        status.ActualPercent.Should().BeNull();
        status.Reason.Should().Be("尚无通过审核的进展报告。");
    }

    [Fact]
    public void Assess_BeforeItsStartDate_IsNotYetStarted_AndExpectsNothing()
    {
        var status = Assess(null, unitSays: null, asOf: new DateOnly(2011, 12, 1));

        status.Condition.Should().Be(TaskCondition.NotYetStarted);
        status.Colour.Should().Be(StatusColour.Grey);
        status.ExpectedPercent.Should().Be(0m);
        status.Reason.Should().Be("计划于2012年1月1日开始，尚未到开始时间。");
    }

    [Fact]
    public void Assess_StartedEarly_BeforeItsStartDate_IsAhead()
    {
        var status = Assess(5m, asOf: new DateOnly(2011, 12, 1));

        status.Condition.Should().Be(TaskCondition.Ahead);
        status.Colour.Should().Be(StatusColour.Green);
    }

    [Fact]
    public void Assess_Completed_IsGreen_EvenWithAnOverdueReport()
    {
        var overdue = new ReportDeadline(new DateOnly(2012, 1, 1), null);

        var status = Assess(100m, TaskProgress.Completed, overdue);

        status.Condition.Should().Be(TaskCondition.Completed);
        status.Colour.Should().Be(StatusColour.Green);
        status.Reason.Should().Be("已完成。");
        status.OverdueDays.Should().BeNull();
    }

    [Fact]
    public void Assess_ReportOverdueAFewDays_IsAmber_AndTheReasonSaysBoth()
    {
        var status = Assess(60m, report: new ReportDeadline(new DateOnly(2012, 2, 25), null));

        status.Colour.Should().Be(StatusColour.Amber);
        status.OverdueDays.Should().Be(5);
        status.Reason.Should().Be("进度60%，按时间应达60%，与时间进度持平；报告已逾期5天。");
    }

    [Fact]
    public void Assess_ReportOverdueMoreThanFourteenDays_IsRed_FourteenIsStillAmber()
    {
        Assess(60m, report: new ReportDeadline(new DateOnly(2012, 2, 16), ReportStatus.Draft)).Colour.Should().Be(StatusColour.Amber);
        Assess(60m, report: new ReportDeadline(new DateOnly(2012, 2, 15), ReportStatus.Draft)).Colour.Should().Be(StatusColour.Red);
    }

    [Fact]
    public void Assess_ReportSubmittedAfterTheDueDate_IsNotOverdue()
    {
        var status = Assess(60m, report: new ReportDeadline(new DateOnly(2012, 2, 1), ReportStatus.Submitted));

        status.Colour.Should().Be(StatusColour.Green);
        status.OverdueDays.Should().BeNull();
    }

    [Fact]
    public void Assess_NoDataAndReportOverdue_IsAmberNotGrey()
    {
        var status = Assess(null, unitSays: null, report: new ReportDeadline(new DateOnly(2012, 2, 20), null));

        status.Condition.Should().Be(TaskCondition.NoData);
        status.Colour.Should().Be(StatusColour.Amber);
        status.Reason.Should().Be("尚无通过审核的进展报告；报告已逾期10天。");
    }

    [Fact]
    public void Assess_ReturnedAndNotResubmitted_IsAmber_ThenRedAfterTenDays()
    {
        var tenDays = Assess(60m, report: new ReportDeadline(new DateOnly(2012, 3, 31), ReportStatus.Returned, new DateOnly(2012, 2, 20)));
        var elevenDays = Assess(60m, report: new ReportDeadline(new DateOnly(2012, 3, 31), ReportStatus.Returned, new DateOnly(2012, 2, 19)));

        tenDays.Colour.Should().Be(StatusColour.Amber);
        tenDays.ReturnedDays.Should().Be(10);
        tenDays.Reason.Should().Be("进度60%，按时间应达60%，与时间进度持平；报告退回已10天，尚未重新报送。");
        elevenDays.Colour.Should().Be(StatusColour.Red);
    }

    [Fact]
    public void Assess_UnitSaysOnTrackButComputedAmber_IsFlaggedForReview()
    {
        var status = Assess(42m, TaskProgress.OnTrack);

        status.IsDisagreement.Should().BeTrue();
        status.Disagreement.Should().Be("单位自评进展顺利，但按时间测算滞后18个百分点，请核实。");
    }

    [Fact]
    public void Assess_UnitSaysCompletedButPercentIsFarBehind_IsFlagged()
    {
        Assess(30m, TaskProgress.Completed).Disagreement.Should().Be("单位自评已完成，但按时间测算滞后30个百分点，请核实。");
    }

    [Fact]
    public void Assess_NoDisagreement_WhenTheUnitAdmitsItIsBehind_OrWhenOnlyTheReportIsLate()
    {
        Assess(42m, TaskProgress.Behind).IsDisagreement.Should().BeFalse();
        Assess(60m, TaskProgress.OnTrack, new ReportDeadline(new DateOnly(2012, 1, 1), null)).IsDisagreement.Should().BeFalse();
    }

    [Fact]
    public void Assess_OneDaySpan_ExpectsNothingBeforeAndEverythingFromItsDay()
    {
        var oneDay = new TaskSpan(March1, March1);

        TaskStatusRules.ExpectedPercent(oneDay, March1.AddDays(-1)).Should().Be(0m);
        TaskStatusRules.ExpectedPercent(oneDay, March1).Should().Be(100m);
        TaskStatusRules.Assess(new TaskFacts(oneDay, new ApprovedProgress(0m, TaskProgress.NotStarted)), March1, MonitoringThresholds.Default)
            .Colour.Should().Be(StatusColour.Red);
    }

    [Fact]
    public void Assess_AfterTheSpanEnds_ExpectsHundredPercent()
    {
        var status = Assess(80m, asOf: new DateOnly(2013, 1, 1));

        status.ExpectedPercent.Should().Be(100m);
        status.Reason.Should().Be("进度80%，按时间应达100%，滞后20个百分点。");
        status.Colour.Should().Be(StatusColour.Amber);
    }

    [Fact]
    public void TaskSpan_EndingBeforeItStarts_IsABug()
    {
        var act = () => new TaskSpan(March1, March1.AddDays(-1));

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Assess_WithThresholdsNeverValidated_IsABug()
    {
        var broken = MonitoringThresholds.Default with { AmberGapPoints = 30m };

        var act = () => TaskStatusRules.Assess(new TaskFacts(HundredDays, null), March1, broken);

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Assess_UsesThePlansOwnThresholds()
    {
        var strict = MonitoringThresholds.Default with { AmberGapPoints = 5m, RedGapPoints = 15m };

        var status = TaskStatusRules.Assess(new TaskFacts(HundredDays, new ApprovedProgress(42m, TaskProgress.Behind)), March1, strict);

        status.Colour.Should().Be(StatusColour.Red);
    }
}

using PlanTracker.Domain.Reporting;
using PlanTracker.TestSupport.Builders;

namespace PlanTracker.Domain.Tests.Reporting;

public sealed class PeriodsWorkflowTests
{
    private static readonly DateOnly OpensOn = new(2012, 1, 1);

    private static ReportingPeriod Annual2011() => new PeriodBuilder().Annual(2011).Build();

    private static ReportingPeriod OpenAnnual2011() => new PeriodBuilder().Annual(2011).Open().Build();

    private static ReportingPeriod ClosedAnnual2011() => new PeriodBuilder().Annual(2011).Closed().Build();

    [Fact]
    public void Open_AScheduledPeriod_OnItsDay_IsOpenAndAcceptsEntries()
    {
        var period = Annual2011();
        period.AcceptsEntries.Should().BeFalse();

        var outcome = period.Open(OpensOn);

        outcome.Should().Be(PeriodOutcome.Done);
        period.Status.Should().Be(PeriodStatus.Open);
        period.AcceptsEntries.Should().BeTrue();
        period.OpensOn.Should().Be(OpensOn);
    }

    [Fact]
    public void Open_Early_MovesTheOpenDateToToday()
    {
        var period = Annual2011();

        period.Open(new DateOnly(2011, 12, 20)).Succeeded.Should().BeTrue();

        period.OpensOn.Should().Be(new DateOnly(2011, 12, 20));
        period.DueOn.Should().Be(new DateOnly(2012, 1, 31));
    }

    [Fact]
    public void Open_AfterTheCloseDate_IsRefused()
    {
        var period = Annual2011();

        period.Open(new DateOnly(2012, 3, 1)).Refusal.Should().Be(PeriodRefusal.PastCloseDate);

        period.Status.Should().Be(PeriodStatus.Scheduled);
    }

    [Fact]
    public void Open_AnOpenOrClosedPeriod_IsRefused()
    {
        OpenAnnual2011().Open(OpensOn).Refusal.Should().Be(PeriodRefusal.NotScheduled);
        ClosedAnnual2011().Open(OpensOn).Refusal.Should().Be(PeriodRefusal.NotScheduled);
    }

    [Fact]
    public void Close_AnOpenPeriod_LocksIt()
    {
        var period = ClosedAnnual2011();

        period.Status.Should().Be(PeriodStatus.Closed);
        period.AcceptsEntries.Should().BeFalse();
    }

    [Fact]
    public void Close_AScheduledOrClosedPeriod_IsRefused()
    {
        Annual2011().Close().Refusal.Should().Be(PeriodRefusal.NotOpen);
        ClosedAnnual2011().Close().Refusal.Should().Be(PeriodRefusal.NotOpen);
    }

    [Fact]
    public void Extend_AnOpenPeriod_MovesDueAndCloseDates_IncludingTo29February()
    {
        var period = OpenAnnual2011();

        period.Extend(new DateOnly(2012, 2, 29), new DateOnly(2012, 3, 31)).Succeeded.Should().BeTrue();

        (period.DueOn, period.ClosesOn).Should().Be((new DateOnly(2012, 2, 29), new DateOnly(2012, 3, 31)));
    }

    [Fact]
    public void Extend_AScheduledPeriod_IsAllowed_DueOnTheOpenDayIsTheEarliest()
    {
        var period = Annual2011();

        period.Extend(OpensOn, OpensOn).Succeeded.Should().BeTrue();
    }

    [Fact]
    public void Extend_DueBeforeOpen_IsRefused_AndChangesNothing()
    {
        var period = OpenAnnual2011();

        period.Extend(new DateOnly(2011, 12, 31), new DateOnly(2012, 3, 1)).Refusal.Should().Be(PeriodRefusal.DueBeforeOpen);

        (period.DueOn, period.ClosesOn).Should().Be((new DateOnly(2012, 1, 31), new DateOnly(2012, 2, 29)));
    }

    [Fact]
    public void Extend_CloseBeforeDue_IsRefused()
    {
        var period = OpenAnnual2011();

        period.Extend(new DateOnly(2012, 3, 1), new DateOnly(2012, 2, 29)).Refusal.Should().Be(PeriodRefusal.CloseBeforeDue);

        period.DueOn.Should().Be(new DateOnly(2012, 1, 31));
    }

    [Fact]
    public void Extend_AClosedPeriod_IsRefused()
    {
        ClosedAnnual2011().Extend(new DateOnly(2012, 3, 1), new DateOnly(2012, 3, 31)).Refusal.Should().Be(PeriodRefusal.Locked);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Reopen_WithoutAReason_IsRefused_AndStaysClosed(string? reason)
    {
        var period = ClosedAnnual2011();

        period.Reopen(reason).Refusal.Should().Be(PeriodRefusal.ReasonRequired);

        period.Status.Should().Be(PeriodStatus.Closed);
    }

    [Fact]
    public void Reopen_WithAReason_IsOpenAgain()
    {
        var period = ClosedAnnual2011();

        period.Reopen("部分省份系统故障，延长补报").Succeeded.Should().BeTrue();

        period.Status.Should().Be(PeriodStatus.Open);
        period.AcceptsEntries.Should().BeTrue();
    }

    [Fact]
    public void Reopen_WithAnOverlongReason_IsRefused()
    {
        ClosedAnnual2011().Reopen(new string('因', ReportingPeriod.MaxReasonLength + 1)).Refusal.Should().Be(PeriodRefusal.ReasonTooLong);
    }

    [Fact]
    public void Reopen_AScheduledOrOpenPeriod_IsRefused()
    {
        Annual2011().Reopen("原因").Refusal.Should().Be(PeriodRefusal.NotClosed);
        OpenAnnual2011().Reopen("原因").Refusal.Should().Be(PeriodRefusal.NotClosed);
    }
}

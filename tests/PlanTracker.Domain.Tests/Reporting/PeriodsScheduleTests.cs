using PlanTracker.Domain.Reporting;

namespace PlanTracker.Domain.Tests.Reporting;

public sealed class PeriodsScheduleTests
{
    [Fact]
    public void For_Annual_OneAYear_OpensJan1_DueJan31_ClosesEndOfFebruary_LeapYearsIncluded()
    {
        var periods = PeriodSchedule.For(2011, 2015, PeriodKind.Annual);

        periods.Select(p => p.Label).Should().Equal("2011年度", "2012年度", "2013年度", "2014年度", "2015年度");
        var first = periods[0];
        (first.StartsOn, first.EndsOn).Should().Be((new DateOnly(2011, 1, 1), new DateOnly(2011, 12, 31)));
        (first.OpensOn, first.DueOn, first.ClosesOn).Should().Be((new DateOnly(2012, 1, 1), new DateOnly(2012, 1, 31), new DateOnly(2012, 2, 29)));
        periods[1].ClosesOn.Should().Be(new DateOnly(2013, 2, 28));
        periods[4].ClosesOn.Should().Be(new DateOnly(2016, 2, 29));
        periods.Should().OnlyContain(p => p.Sequence == 1 && p.Kind == PeriodKind.Annual);
    }

    [Fact]
    public void For_HalfYear_FirstHalfOpensJuly_SecondHalfOpensNextJanuary()
    {
        var periods = PeriodSchedule.For(2011, 2012, PeriodKind.HalfYear);

        periods.Select(p => p.Label).Should().Equal("2011年上半年", "2011年下半年", "2012年上半年", "2012年下半年");
        var first = periods[0];
        (first.StartsOn, first.EndsOn, first.OpensOn, first.DueOn, first.ClosesOn).Should().Be(
            (new DateOnly(2011, 1, 1), new DateOnly(2011, 6, 30), new DateOnly(2011, 7, 1), new DateOnly(2011, 7, 31), new DateOnly(2011, 8, 31)));
        var second = periods[1];
        (second.StartsOn, second.EndsOn, second.OpensOn, second.DueOn, second.ClosesOn).Should().Be(
            (new DateOnly(2011, 7, 1), new DateOnly(2011, 12, 31), new DateOnly(2012, 1, 1), new DateOnly(2012, 1, 31), new DateOnly(2012, 2, 29)));
        periods[3].ClosesOn.Should().Be(new DateOnly(2013, 2, 28));
        periods.Select(p => p.Sequence).Should().Equal(1, 2, 1, 2);
    }

    [Fact]
    public void For_Quarter_FourAYear_OpensTheDayAfter_Due20DaysLater_Closes40DaysLater()
    {
        var periods = PeriodSchedule.For(2011, 2015, PeriodKind.Quarter);

        periods.Should().HaveCount(20);
        periods.Take(4).Select(p => p.Label).Should().Equal("2011年第一季度", "2011年第二季度", "2011年第三季度", "2011年第四季度");
        var q1 = periods[0];
        (q1.StartsOn, q1.EndsOn, q1.OpensOn, q1.DueOn, q1.ClosesOn).Should().Be(
            (new DateOnly(2011, 1, 1), new DateOnly(2011, 3, 31), new DateOnly(2011, 4, 1), new DateOnly(2011, 4, 21), new DateOnly(2011, 5, 11)));
        var q4 = periods[3];
        (q4.StartsOn, q4.EndsOn, q4.OpensOn, q4.DueOn, q4.ClosesOn).Should().Be(
            (new DateOnly(2011, 10, 1), new DateOnly(2011, 12, 31), new DateOnly(2012, 1, 1), new DateOnly(2012, 1, 21), new DateOnly(2012, 2, 10)));
        periods[1].EndsOn.Should().Be(new DateOnly(2011, 6, 30));
        periods[2].EndsOn.Should().Be(new DateOnly(2011, 9, 30));
    }

    [Fact]
    public void For_Quarter_InALeapYear_TheFirstQuarterSpans91Days()
    {
        var q1Of2012 = PeriodSchedule.For(2012, 2012, PeriodKind.Quarter)[0];
        var q1Of2011 = PeriodSchedule.For(2011, 2011, PeriodKind.Quarter)[0];

        (q1Of2012.EndsOn.DayNumber - q1Of2012.StartsOn.DayNumber + 1).Should().Be(91);
        (q1Of2011.EndsOn.DayNumber - q1Of2011.StartsOn.DayNumber + 1).Should().Be(90);
        q1Of2012.OpensOn.Should().Be(new DateOnly(2012, 4, 1));
    }

    [Fact]
    public void For_EveryKind_DatesSatisfyTheDatabaseCheck_AndBecomeScheduledPeriods()
    {
        foreach (var kind in Enum.GetValues<PeriodKind>())
        {
            foreach (var scheduled in PeriodSchedule.For(2011, 2015, kind))
            {
                var period = scheduled.ToPeriod(7);
                period.PlanId.Should().Be(7);
                period.Status.Should().Be(PeriodStatus.Scheduled);
                period.EndsOn.Should().BeOnOrAfter(period.StartsOn);
                period.DueOn.Should().BeOnOrAfter(period.OpensOn);
                period.ClosesOn.Should().BeOnOrAfter(period.DueOn);
            }
        }
    }

    [Theory]
    [InlineData(2015, 2011)]
    [InlineData(2000, 2030)]
    [InlineData(0, 5)]
    public void For_ImpossibleYears_Throws(int startYear, int endYear)
    {
        var act = () => PeriodSchedule.For(startYear, endYear, PeriodKind.Annual);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }
}

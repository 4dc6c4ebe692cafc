using PlanTracker.Domain.Reporting;

namespace PlanTracker.Domain.Tests.Reporting;

public sealed class PeriodNameTests
{
    [Theory]
    [InlineData(PeriodKind.Annual, 2015, 1, "2015年度")]
    [InlineData(PeriodKind.HalfYear, 2013, 1, "2013年上半年")]
    [InlineData(PeriodKind.HalfYear, 2013, 2, "2013年下半年")]
    [InlineData(PeriodKind.Quarter, 2011, 3, "2011年第三季度")]
    public void Chinese_IsTheStoredLabel_AndParsesBackToTheFields(PeriodKind kind, int year, int sequence, string label)
    {
        var name = new PeriodName(kind, year, sequence);

        name.Chinese.Should().Be(label);
        PeriodName.TryParse(label, out var parsed).Should().BeTrue();
        parsed.Should().Be(name);
    }

    [Theory]
    [InlineData("2013年第二季度（图表测试）")]
    [InlineData("年度")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_ALabelTheScheduleDidNotWrite_IsFalse(string? label) =>
        PeriodName.TryParse(label, out _).Should().BeFalse();

    [Fact]
    public void Schedule_LabelsEveryPeriodWithItsChineseName() =>
        PeriodSchedule.For(2011, 2012, PeriodKind.Quarter).Should().OnlyContain(p => p.Label == new PeriodName(p.Kind, p.Year, p.Sequence).Chinese);
}

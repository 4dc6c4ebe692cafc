using PlanTracker.Domain.Monitoring;

namespace PlanTracker.Domain.Tests.Monitoring;

public sealed class StatusColoursTests
{
    [Theory]
    [InlineData(null, StatusColour.Amber, true)]
    [InlineData(StatusColour.Green, StatusColour.Amber, true)]
    [InlineData(StatusColour.Grey, StatusColour.Red, true)]
    [InlineData(StatusColour.Amber, StatusColour.Red, true)]
    [InlineData(StatusColour.Amber, StatusColour.Amber, false)]
    [InlineData(StatusColour.Red, StatusColour.Amber, false)]
    [InlineData(StatusColour.Amber, StatusColour.Green, false)]
    [InlineData(null, StatusColour.Green, false)]
    [InlineData(StatusColour.Green, StatusColour.Grey, false)]
    public void RaisesWarning_OnlyWhenTurningAmberOrRed(StatusColour? before, StatusColour after, bool expected)
    {
        StatusColours.RaisesWarning(before, after).Should().Be(expected);
    }

    [Fact]
    public void Worse_RedOverAmberOverGreenOverGrey()
    {
        StatusColours.Worse(StatusColour.Green, StatusColour.Amber).Should().Be(StatusColour.Amber);
        StatusColours.Worse(StatusColour.Red, StatusColour.Amber).Should().Be(StatusColour.Red);
        StatusColours.Worse(StatusColour.Grey, StatusColour.Green).Should().Be(StatusColour.Green);
    }

    [Fact]
    public void Chinese_NamesEachColour()
    {
        new[] { StatusColour.Grey, StatusColour.Green, StatusColour.Amber, StatusColour.Red }.Select(StatusColours.Chinese)
            .Should().Equal("无数据", "正常", "黄色预警", "红色预警");
    }
}

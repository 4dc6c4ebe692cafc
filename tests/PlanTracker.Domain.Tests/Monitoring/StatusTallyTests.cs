using PlanTracker.Domain.Monitoring;

namespace PlanTracker.Domain.Tests.Monitoring;

public sealed class StatusTallyTests
{
    [Fact]
    public void ColourTally_CountsEachColour()
    {
        var tally = ColourTally.Of([StatusColour.Green, StatusColour.Red, StatusColour.Green, StatusColour.Grey, StatusColour.Amber]);

        tally.Should().Be(new ColourTally(2, 1, 1, 1));
        tally.Total.Should().Be(5);
    }

    [Fact]
    public void VerdictTally_Sentence_ReadsLikeTheMidTermResult()
    {
        var verdicts = Enumerable.Repeat(IndicatorVerdict.Behind, 4)
            .Concat(Enumerable.Repeat(IndicatorVerdict.AlreadyMet, 4))
            .Concat(Enumerable.Repeat(IndicatorVerdict.OnSchedule, 7))
            .Concat(Enumerable.Repeat(IndicatorVerdict.AheadOfSchedule, 5));

        var tally = VerdictTally.Of(verdicts);

        tally[IndicatorVerdict.OnSchedule].Should().Be(7);
        tally[IndicatorVerdict.Missed].Should().Be(0);
        tally.Sentence().Should().Be("20项指标中，提前实现4项，快于预期5项，基本符合预期7项，滞后4项。");
    }

    [Fact]
    public void VerdictTally_Sentence_ForNoIndicators()
    {
        VerdictTally.Of([]).Sentence().Should().Be("暂无指标。");
    }
}

using PlanTracker.Domain.Indicators;
using PlanTracker.Domain.Monitoring;
using PlanTracker.Domain.Units;
using PlanTracker.Infrastructure.Evaluation;
using SkiaSharp;

namespace PlanTracker.Integration.Tests.Evaluation;

/// <summary>The report's pictures: drawn with a CJK font, the same bytes for the same figures, the colours where the figures put them.</summary>
public sealed class ReportChartsTests
{
    private static IndicatorFigure Indicator(string name, decimal? progress, decimal? time, IndicatorVerdict verdict) => new(
        1, Guid.NewGuid(), 1, null, name, "家", IndicatorNature.Expected, 2010, "18", 2015, "≥50", null, [], progress, time, verdict, "预计能完成", "理由");

    private static readonly IndicatorFigure[] Indicators =
    [
        Indicator("国家现代服务业产业化基地", 80, 60, IndicatorVerdict.AheadOfSchedule),
        Indicator("电子商务交易额", 40, 60, IndicatorVerdict.Behind),
        Indicator("定性指标", null, null, IndicatorVerdict.NotQuantifiable),
    ];

    private static UnitFigure Unit(int id, string code, string name, StatusColour colour, decimal? percent) =>
        new(id, code, name, UnitKind.Province, 3, percent, 1, 1, 1, 4, 4, 3, 0, 0, colour);

    [Fact]
    public void IndicatorCharts_ArePngs_AndTheSameFiguresGiveTheSameBytes()
    {
        var progress = ReportCharts.IndicatorProgress(Indicators);
        var tally = ReportCharts.VerdictTally(Indicators);

        Decode(progress!).Width.Should().Be(1200);
        Decode(tally!).Height.Should().Be(120 + (60 * 2), "two verdicts occur");
        ReportCharts.IndicatorProgress(Indicators).Should().Equal(progress);
        ReportCharts.VerdictTally(Indicators).Should().Equal(tally);
        ReportCharts.IndicatorProgress([Indicators[2]]).Should().BeNull("an indicator without 完成进度 is not drawn");
    }

    [Fact]
    public void UnitMap_PaintsEachUnitInItsCellInItsColour()
    {
        // 北京 (row 2, column 8) red; 广东 (row 7, column 6) green.
        var png = ReportCharts.UnitMap([Unit(1, "110000", "北京市", StatusColour.Red, 12.5m), Unit(2, "440000", "广东省", StatusColour.Green, 90m)]);
        using var bitmap = Decode(png);

        PixelAt(bitmap, row: 2, column: 8).Should().Be(SKColor.Parse("#c62828"));
        PixelAt(bitmap, row: 7, column: 6).Should().Be(SKColor.Parse("#81c784"));
        PixelAt(bitmap, row: 1, column: 1).Should().Be(SKColors.White, "no unit sits in the top-left cell");
        ReportCharts.UnitMap([Unit(1, "110000", "北京市", StatusColour.Red, 12.5m), Unit(2, "440000", "广东省", StatusColour.Green, 90m)]).Should().Equal(png);
    }

    [Fact]
    public void ChartFont_IsASimplifiedChineseFace_ThatHasTheGlyphs()
    {
        ChartFont.Typeface.FamilyName.Should().Contain("CJK");
        using var font = new SKFont(ChartFont.Typeface, 20);
        font.ContainsGlyphs("规划评估滞后").Should().BeTrue();
    }

    private static SKBitmap Decode(byte[] png) => SKBitmap.Decode(png) ?? throw new InvalidOperationException("not a picture");

    // A point in the cell's upper-left part, clear of the centred name and percent.
    private static SKColor PixelAt(SKBitmap bitmap, int row, int column) => bitmap.GetPixel(20 + ((column - 1) * 104) + 10, 20 + ((row - 1) * 104) + 12);
}

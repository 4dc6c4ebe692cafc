using PlanTracker.Domain.Monitoring;
using PlanTracker.Domain.Units;

namespace PlanTracker.Domain.Tests.Units;

/// <summary>The tile map's fixed layout and the tile colour rule, without a database.</summary>
public sealed class UnitTilesTests
{
    private static readonly string[] Codes =
    [
        "110000", "120000", "130000", "140000", "150000", "210000", "220000", "230000", "310000", "320000", "330000",
        "340000", "350000", "360000", "370000", "410000", "420000", "430000", "440000", "450000", "460000", "500000",
        "510000", "520000", "530000", "540000", "610000", "620000", "630000", "640000", "650000",
        "210200", "370200", "330200", "350200", "440300",
    ];

    [Fact]
    public void EveryProvincialUnit_HasItsOwnCell_InsideTheGrid()
    {
        var places = Codes.Select(c => UnitTiles.PlaceOf(c, UnitKind.Province)).Append(UnitTiles.PlaceOf(null, UnitKind.Xpcc)).ToList();

        places.Should().NotContainNulls().And.HaveCount(37);
        places.Distinct().Should().HaveCount(37, "no two units share a cell");
        places.Should().OnlyContain(p => p!.Row >= 1 && p.Row <= UnitTiles.Rows && p.Column >= 1 && p.Column <= UnitTiles.Columns);
        UnitTiles.PlaceOf(null, UnitKind.HighTechZone).Should().BeNull();
    }

    [Fact]
    public void SeparatelyPlannedCities_AndTheXpcc_SitNextToTheirProvince()
    {
        static bool Adjacent(TilePlace a, TilePlace b) => Math.Abs(a.Row - b.Row) + Math.Abs(a.Column - b.Column) == 1;
        TilePlace At(string code) => UnitTiles.PlaceOf(code, UnitKind.Province)!;

        Adjacent(At("210200"), At("210000")).Should().BeTrue("大连 beside 辽宁");
        Adjacent(At("370200"), At("370000")).Should().BeTrue("青岛 beside 山东");
        Adjacent(At("330200"), At("330000")).Should().BeTrue("宁波 beside 浙江");
        Adjacent(At("350200"), At("350000")).Should().BeTrue("厦门 beside 福建");
        Adjacent(At("440300"), At("440000")).Should().BeTrue("深圳 beside 广东");
        Adjacent(UnitTiles.Xpcc, At("650000")).Should().BeTrue("兵团 beside 新疆");
    }

    [Theory]
    [InlineData("50", "40", "Green")]
    [InlineData("39.9", "50", "Amber")]
    [InlineData("40", "50", "Green")]
    [InlineData("24.9", "50", "Red")]
    [InlineData("25", "50", "Amber")]
    [InlineData(null, "50", "Grey")]
    public void Colour_ComesFromTheAverageGap_AgainstThePlansThresholds(string? approved, string expected, string colour)
    {
        decimal? Parse(string? s) => s is null ? null : decimal.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

        UnitTiles.Colour(Parse(approved), Parse(expected), MonitoringThresholds.Default).Should().Be(Enum.Parse<StatusColour>(colour));
    }

    [Theory]
    [InlineData("北京市", UnitKind.Municipality, "北京")]
    [InlineData("广西壮族自治区", UnitKind.AutonomousRegion, "广西")]
    [InlineData("黑龙江省", UnitKind.Province, "黑龙江")]
    [InlineData("新疆生产建设兵团", UnitKind.Xpcc, "兵团")]
    public void ShortName_DropsTheAdministrativeSuffix(string name, UnitKind kind, string shortName) =>
        UnitTiles.ShortName(name, kind).Should().Be(shortName);
}

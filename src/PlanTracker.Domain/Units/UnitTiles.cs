using PlanTracker.Domain.Monitoring;

namespace PlanTracker.Domain.Units;

/// <summary>A tile's cell in the map grid (1-based): the page places it with the classes <c>rN cN</c>, the report's picture draws it there.</summary>
public sealed record TilePlace(int Row, int Column);

/// <summary>
/// The unit tile map: the 37 provincial-level reporting units, each in a fixed cell of a 10 × 8 grid roughly where it
/// lies on a map of China (north at the top), separately planned cities beside their province, the XPCC beside Xinjiang.
/// </summary>
public static class UnitTiles
{
    public static readonly IReadOnlyList<UnitKind> Kinds =
        [UnitKind.Province, UnitKind.Municipality, UnitKind.AutonomousRegion, UnitKind.SeparatelyPlannedCity, UnitKind.Xpcc];

    public const int Rows = 8;

    public const int Columns = 10;

    /// <summary>The XPCC has no GB/T 2260 code; it is placed by its kind.</summary>
    public static readonly TilePlace Xpcc = new(2, 2);

    private static readonly Dictionary<string, TilePlace> ByCode = new(StringComparer.Ordinal)
    {
        ["150000"] = new(1, 6), // 内蒙古
        ["230000"] = new(1, 10), // 黑龙江
        ["650000"] = new(2, 1), // 新疆 (兵团 at 2,2)
        ["110000"] = new(2, 8), // 北京
        ["220000"] = new(2, 10), // 吉林
        ["620000"] = new(3, 4), // 甘肃
        ["640000"] = new(3, 5), // 宁夏
        ["140000"] = new(3, 6), // 山西
        ["130000"] = new(3, 7), // 河北
        ["120000"] = new(3, 8), // 天津
        ["210000"] = new(3, 9), // 辽宁
        ["630000"] = new(4, 3), // 青海
        ["610000"] = new(4, 5), // 陕西
        ["410000"] = new(4, 6), // 河南
        ["370000"] = new(4, 7), // 山东
        ["370200"] = new(4, 8), // 青岛
        ["210200"] = new(4, 9), // 大连
        ["540000"] = new(5, 2), // 西藏
        ["510000"] = new(5, 4), // 四川
        ["500000"] = new(5, 5), // 重庆
        ["420000"] = new(5, 6), // 湖北
        ["340000"] = new(5, 7), // 安徽
        ["320000"] = new(5, 8), // 江苏
        ["310000"] = new(5, 9), // 上海
        ["530000"] = new(6, 4), // 云南
        ["520000"] = new(6, 5), // 贵州
        ["430000"] = new(6, 6), // 湖南
        ["360000"] = new(6, 7), // 江西
        ["330000"] = new(6, 8), // 浙江
        ["330200"] = new(6, 9), // 宁波
        ["450000"] = new(7, 5), // 广西
        ["440000"] = new(7, 6), // 广东
        ["350000"] = new(7, 7), // 福建
        ["350200"] = new(7, 8), // 厦门
        ["460000"] = new(8, 5), // 海南
        ["440300"] = new(8, 6), // 深圳
    };

    /// <summary>The unit's cell; null for a unit that is not on the map (a high-tech zone, a unit added later without a cell).</summary>
    public static TilePlace? PlaceOf(string? code, UnitKind kind) =>
        kind == UnitKind.Xpcc ? Xpcc : code is not null && ByCode.TryGetValue(code, out var place) ? place : null;

    /// <summary>"北京市" → "北京", "广西壮族自治区" → "广西", "新疆生产建设兵团" → "兵团".</summary>
    public static string ShortName(string name, UnitKind kind)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (kind == UnitKind.Xpcc)
        {
            return "兵团";
        }

        foreach (var suffix in new[] { "壮族自治区", "回族自治区", "维吾尔自治区", "自治区", "省", "市" })
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal) && name.Length > suffix.Length + 1)
            {
                return name[..^suffix.Length];
            }
        }

        return name;
    }

    /// <summary>
    /// A unit's tile colour: the gap between the mean expected percent and the mean latest approved percent of its
    /// assignments that have an approved percent, against the plan's amber and red thresholds (the task rule applied to
    /// the unit's average). Grey when none of its assignments has an approved percent yet.
    /// </summary>
    public static StatusColour Colour(decimal? approvedPercent, decimal? expectedPercent, MonitoringThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        if (approvedPercent is not { } approved || expectedPercent is not { } expected)
        {
            return StatusColour.Grey;
        }

        var gap = Math.Round(expected - approved, 1, MidpointRounding.AwayFromZero);
        return gap > thresholds.RedGapPoints ? StatusColour.Red
            : gap > thresholds.AmberGapPoints ? StatusColour.Amber
            : StatusColour.Green;
    }
}

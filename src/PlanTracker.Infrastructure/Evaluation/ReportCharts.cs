using PlanTracker.Domain.Monitoring;
using PlanTracker.Domain.Units;
using ScottPlot;
using SkiaSharp;

namespace PlanTracker.Infrastructure.Evaluation;

/// <summary>
/// The evaluation report's charts drawn on the server as PNG pictures (ScottPlot over SkiaSharp) with a CJK font, so
/// Chinese labels show in Word and in LibreOffice alike. The same figures give the same bytes: nothing in a picture
/// depends on the clock or on chance.
/// </summary>
public static class ReportCharts
{
    private const int Width = 1200;

    /// <summary>完成进度 against 时序进度 for each indicator that has both; null when none has.</summary>
    public static byte[]? IndicatorProgress(IReadOnlyList<IndicatorFigure> indicators)
    {
        ArgumentNullException.ThrowIfNull(indicators);
        var measured = indicators.Where(i => i.ProgressPercent is not null && i.TimePercent is not null).ToList();
        if (measured.Count == 0)
        {
            return null;
        }

        var plot = NewPlot("主要指标完成进度与时序进度（%）");
        var bars = new List<Bar>();
        for (var i = 0; i < measured.Count; i++)
        {
            var position = measured.Count - i; // first indicator at the top
            bars.Add(new Bar { Position = position + 0.18, Value = (double)Math.Clamp(measured[i].ProgressPercent!.Value, -50m, 200m), FillColor = VerdictColour(measured[i].Verdict), Size = 0.34, Orientation = Orientation.Horizontal });
            bars.Add(new Bar { Position = position - 0.18, Value = (double)measured[i].TimePercent!.Value, FillColor = Color.FromHex("#9e9e9e"), Size = 0.34, Orientation = Orientation.Horizontal });
        }

        plot.Add.Bars(bars);
        plot.Axes.Left.SetTicks([.. Enumerable.Range(0, measured.Count).Select(i => (double)(measured.Count - i))], [.. measured.Select(i => Short(i.Name, 14))]);
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.Bottom.Label.Text = "完成进度（彩色）/ 时序进度（灰色），%";
        plot.Axes.SetLimitsX(0, Math.Max(100, bars.Max(b => b.Value) + 10));
        plot.Axes.SetLimitsY(0.3, measured.Count + 0.7);
        return plot.GetImageBytes(Width, 160 + (46 * measured.Count), ImageFormat.Png);
    }

    /// <summary>Indicators by verdict: 提前实现 / 快于预期 / 基本符合预期 / 滞后 (and the end-of-period words where they occur).</summary>
    public static byte[]? VerdictTally(IReadOnlyList<IndicatorFigure> indicators)
    {
        ArgumentNullException.ThrowIfNull(indicators);
        var groups = indicators.Where(i => i.Verdict != IndicatorVerdict.NotQuantifiable && i.Verdict != IndicatorVerdict.NoData)
            .GroupBy(i => i.Verdict).OrderBy(g => g.Key).ToList();
        if (groups.Count == 0)
        {
            return null;
        }

        // Horizontal, like the progress chart: Chinese labels on the left axis lay out cleanly, under bars they do not.
        var plot = NewPlot("主要指标评价结果分布（项）");
        plot.Add.Bars(groups.Select((g, i) => new Bar
        {
            Position = groups.Count - i,
            Value = g.Count(),
            FillColor = VerdictColour(g.Key),
            Label = g.Count().ToString(System.Globalization.CultureInfo.InvariantCulture),
            Orientation = Orientation.Horizontal,
        }).ToList());
        plot.Axes.Left.SetTicks([.. groups.Select((_, i) => (double)(groups.Count - i))], [.. groups.Select(g => IndicatorStatusRules.Chinese(g.Key))]);
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.Axes.SetLimitsX(0, groups.Max(g => g.Count()) * 1.2);
        plot.Axes.SetLimitsY(0.4, groups.Count + 0.6);
        return plot.GetImageBytes(900, 120 + (60 * groups.Count), ImageFormat.Png);
    }

    /// <summary>The unit tile map: each provincial-level unit in its cell, coloured by completion against time.</summary>
    public static byte[] UnitMap(IReadOnlyList<UnitFigure> units)
    {
        ArgumentNullException.ThrowIfNull(units);
        const int cell = 104;
        const int gap = 6;
        const int margin = 20;
        const int legend = 56;
        var width = (margin * 2) + (UnitTiles.Columns * cell);
        var height = (margin * 2) + (UnitTiles.Rows * cell) + legend;
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using var font = new SKFont(ChartFont.Typeface, 22);
        using var small = new SKFont(ChartFont.Typeface, 16);
        using var fill = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Fill };
        using var ink = new SKPaint { IsAntialias = true, Color = SKColors.Black };
        using var light = new SKPaint { IsAntialias = true, Color = SKColors.White };

        foreach (var unit in units)
        {
            if (UnitTiles.PlaceOf(unit.Code, unit.Kind) is not { } place)
            {
                continue;
            }

            var x = margin + ((place.Column - 1) * cell);
            var y = margin + ((place.Row - 1) * cell);
            fill.Color = TileColour(unit.Colour);
            canvas.DrawRoundRect(new SKRect(x, y, x + cell - gap, y + cell - gap), 8, 8, fill);
            var text = unit.Colour == StatusColour.Red ? light : ink;
            canvas.DrawText(UnitTiles.ShortName(unit.Name, unit.Kind), x + ((cell - gap) / 2f), y + 44, SKTextAlign.Center, font, text);
            var percent = unit.MeanPercent is { } p ? $"{p:0.#}%" : "—";
            canvas.DrawText(percent, x + ((cell - gap) / 2f), y + 74, SKTextAlign.Center, small, text);
        }

        var legendY = height - legend + 20;
        var legendX = margin;
        foreach (var colour in new[] { StatusColour.Green, StatusColour.Amber, StatusColour.Red, StatusColour.Grey })
        {
            fill.Color = TileColour(colour);
            canvas.DrawRect(new SKRect(legendX, legendY - 16, legendX + 22, legendY + 4), fill);
            var label = colour switch
            {
                StatusColour.Green => "符合或快于预期",
                StatusColour.Amber => "滞后",
                StatusColour.Red => "严重滞后",
                _ => "暂无数据",
            };
            canvas.DrawText(label, legendX + 30, legendY, SKTextAlign.Left, small, ink);
            legendX += 200;
        }

        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private static Plot NewPlot(string title)
    {
        ChartFont.Register();
        var plot = new Plot();
        plot.Font.Set(ChartFont.Family);
        plot.Title(title);
        plot.Axes.Title.Label.FontName = ChartFont.Family;
        plot.Grid.MajorLineColor = Color.FromHex("#e0e0e0");
        return plot;
    }

    private static Color VerdictColour(IndicatorVerdict verdict) => verdict switch
    {
        IndicatorVerdict.Behind or IndicatorVerdict.Missed => Color.FromHex("#c62828"),
        IndicatorVerdict.NoData or IndicatorVerdict.NotQuantifiable => Color.FromHex("#9e9e9e"),
        _ => Color.FromHex("#2e7d32"),
    };

    private static SKColor TileColour(StatusColour colour) => colour switch
    {
        StatusColour.Green => SKColor.Parse("#81c784"),
        StatusColour.Amber => SKColor.Parse("#ffb74d"),
        StatusColour.Red => SKColor.Parse("#c62828"),
        _ => SKColor.Parse("#e0e0e0"),
    };

    private static string Short(string text, int length) => text.Length <= length ? text : string.Concat(text.AsSpan(0, length - 1), "…");
}

/// <summary>
/// The CJK font the charts are drawn with: Noto Sans CJK SC (Debian's <c>fonts-noto-cjk</c>) or WenQuanYi, found on the
/// usual paths, or the file named by <c>PLANTRACKER_CJK_FONT</c>. Without one, Chinese would draw as boxes, so its
/// absence is an error that names the package to install.
/// </summary>
public static class ChartFont
{
    public const string Family = "PlanTracker CJK";

    private static readonly string[] Candidates =
    [
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf",
        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    ];

    private static readonly Lazy<SKTypeface> Loaded = new(Load);
    private static readonly object Gate = new();
    private static bool _registered;

    public static SKTypeface Typeface => Loaded.Value;

    /// <summary>Makes <see cref="Family"/> resolve to the CJK typeface in ScottPlot (a process-wide registry).</summary>
    public static void Register()
    {
        lock (Gate)
        {
            if (_registered)
            {
                return;
            }

            Fonts.FontResolvers.Insert(0, new Resolver(Typeface));
            _registered = true;
        }
    }

    private static SKTypeface Load()
    {
        var path = Environment.GetEnvironmentVariable("PLANTRACKER_CJK_FONT") is { Length: > 0 } configured ? configured : Candidates.FirstOrDefault(File.Exists);
        if (path is null || !File.Exists(path))
        {
            throw new InvalidOperationException(
                "No CJK font for the report charts: install Debian's fonts-noto-cjk (or set PLANTRACKER_CJK_FONT to a .ttc/.otf file).");
        }

        // A collection holds the Japanese, Korean and Chinese faces; the simplified Chinese one has the right glyph forms.
        SKTypeface? first = null;
        for (var index = 0; index < 8; index++)
        {
            var face = SKTypeface.FromFile(path, index);
            if (face is null)
            {
                break;
            }

            if (face.FamilyName.EndsWith(" SC", StringComparison.Ordinal))
            {
                first?.Dispose();
                return face;
            }

            if (first is null)
            {
                first = face;
            }
            else
            {
                face.Dispose();
            }
        }

        return first ?? throw new InvalidOperationException($"The font file {path} could not be read.");
    }

    private sealed class Resolver(SKTypeface typeface) : IFontResolver
    {
        public SKTypeface? CreateTypeface(string fontName, bool bold, bool italic) => fontName == Family ? typeface : null;

        public SKTypeface? CreateTypeface(string fontName, FontWeight weight, FontSlant slant, FontSpacing width) => fontName == Family ? typeface : null;
    }
}

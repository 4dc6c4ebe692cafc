using System.Globalization;
using PlanTracker.Domain.Monitoring;
using PlanTracker.Infrastructure.Documents;

namespace PlanTracker.Infrastructure.Evaluation;

/// <summary>
/// The evaluation report in words: <see cref="EvaluationFigures"/> put into the chapters Chinese plan evaluations use
/// (总体进展情况, 主要指标完成情况, 重点任务进展, 重大工程项目进展, 分地区进展, 存在的主要问题, 下一步工作建议, 动态调整建议)
/// as <see cref="GovDocument"/> blocks. The Word document and the print page are both made from these blocks. A chapter
/// without data says so in a sentence; nothing depends on the clock, so the same figures give the same document.
/// </summary>
public static class EvaluationDocument
{
    /// <summary>Units quoted per task and problems per chapter in the document; the annex holds them all.</summary>
    public const int QuotedUnits = 3;

    public const int ProblemsPerChapter = 12;

    public static byte[] Write(EvaluationFigures figures) => GovDocumentWriter.Write(Compose(figures, withCharts: true));

    public static GovDocument Compose(EvaluationFigures figures, bool withCharts)
    {
        ArgumentNullException.ThrowIfNull(figures);
        var blocks = new List<DocBlock> { new DocContents() };
        Overall(figures, blocks);
        Indicators(figures, blocks, withCharts);
        Tasks(figures, blocks);
        Projects(figures, blocks);
        Regions(figures, blocks, withCharts);
        Problems(figures, blocks);
        NextSteps(figures, blocks);
        Adjustments(figures, blocks);
        blocks.Add(new DocHeading(1, "数据说明"));
        blocks.Add(new DocParagraph($"本报告由规划实施监测系统依据截至{Day(figures.Scope.To)}已批准的进展报告和指标数值自动生成，采用评估期末有效的规划第{figures.Plan.VersionNumber}版。报告中每个数字所依据的进展报告编号和指标数值编号见附表（Excel），可在系统中逐条核对。"));

        var unit = figures.Plan.UnitName is { } name ? $"（{name}）" : string.Empty;
        return new GovDocument(
            $"《{figures.Plan.Title.Trim('《', '》')}》{figures.Scope.Title}{unit}",
            $"评估期：{Day(figures.Scope.From)}至{Day(figures.Scope.To)}",
            null,
            ChineseDate(figures.Scope.To),
            blocks);
    }

    private static void Overall(EvaluationFigures f, List<DocBlock> blocks)
    {
        var o = f.Overview;
        blocks.Add(new DocHeading(1, "总体进展情况"));
        if (o.Tasks == 0)
        {
            blocks.Add(new DocParagraph("评估期末有效的规划版本中没有承担任务，本部分无数据。"));
            return;
        }

        var tasks = $"截至{Day(f.Scope.To)}，{(f.Plan.UnitName is { } unit ? $"{unit}承担的" : "规划确定的")}{o.Tasks}项重点任务中，已完成{o.TasksCompleted}项，进展符合或快于预期{o.TasksOnTrack}项，滞后{o.TasksBehind + o.TasksSeriouslyBehind}项（其中严重滞后{o.TasksSeriouslyBehind}项），尚未开始或暂无已批准数据{o.TasksNotStartedOrNoData}项。";
        var reporting = o.ReportsDue == 0
            ? "评估期内没有到期的报送任务。"
            : $"评估期内应报进展报告{o.ReportsDue}份，已报送{o.ReportsSubmitted}份，报送完整率{Percent(o.CompletenessPercent)}；按时报送{o.ReportsOnTime}份，按时报送率{Percent(o.TimelinessPercent)}；已批准{o.ReportsApproved}份。";
        var money = o.InvestmentReports == 0
            ? "评估期内已批准的进展报告未填报投入资金。"
            : $"各承担单位在评估期内已批准的{o.InvestmentReports}份进展报告中填报投入资金合计{Number(o.InvestmentWan)}万元。";
        blocks.Add(new DocParagraph(tasks + reporting + money));
        if (f.Indicators.Count > 0)
        {
            blocks.Add(new DocParagraph($"主要指标方面，{f.IndicatorTally.Sentence()}"));
        }
    }

    private static void Indicators(EvaluationFigures f, List<DocBlock> blocks, bool withCharts)
    {
        blocks.Add(new DocHeading(1, "主要指标完成情况"));
        if (f.Indicators.Count == 0)
        {
            blocks.Add(new DocParagraph("本规划未设置量化指标，本部分无数据。"));
            return;
        }

        var withData = f.Indicators.Count(i => i.Years.Count > 0);
        blocks.Add(new DocParagraph(
            $"规划设置主要指标{f.Indicators.Count}项（约束性{f.Indicators.Count(i => i.NatureText == "约束性")}项、预期性{f.Indicators.Count(i => i.NatureText == "预期性")}项），评估期末有已批准数值的{withData}项。{f.IndicatorTally.Sentence()}"
            + (withData < f.Indicators.Count ? $"其余{f.Indicators.Count - withData}项尚无已批准数值，无法评价。" : string.Empty)));
        foreach (var adjusted in f.Indicators.Where(i => i.TargetAdjusted))
        {
            blocks.Add(new DocParagraph($"“{adjusted.Name}”目标值经动态调整由“{adjusted.OriginalTargetText}”调整为“{adjusted.TargetText}”，本报告按调整后目标评价，原目标并列于表中。"));
        }

        var years = f.Indicators.SelectMany(i => i.Years.Select(y => y.Year)).Distinct().Order().ToList();
        blocks.Add(new DocTable(
            ["序号", "指标名称（单位）", "属性", "基期值", "目标值", .. years.Select(y => $"{y}年"), "完成进度", "评价", "预计到期完成情况"],
            [.. f.Indicators.Select((i, n) => (IReadOnlyList<string>)[
                (n + 1).ToString(CultureInfo.InvariantCulture),
                i.Unit is { Length: > 0 } u ? $"{i.Name}（{u}）" : i.Name,
                i.NatureText,
                i.BaselineText is null ? "—" : $"{i.BaselineText}（{i.BaselineYear}年）",
                i.TargetAdjusted ? $"{i.TargetText}（原定{i.OriginalTargetText}）" : (i.TargetYear is { } ty ? $"{i.TargetText}（{ty}年）" : i.TargetText),
                .. years.Select(y => i.Years.FirstOrDefault(v => v.Year == y) is { } v ? Number(v.Value) : "—"),
                Percent(i.ProgressPercent),
                i.VerdictText,
                i.Forecast,
            ])])
        { Caption = "表1 主要指标完成情况", Key = "indicators" });

        if (withCharts)
        {
            if (ReportCharts.IndicatorProgress(f.Indicators) is { } progress)
            {
                blocks.Add(Image(progress, "图1 主要指标完成进度与时序进度"));
            }

            if (ReportCharts.VerdictTally(f.Indicators) is { } tally)
            {
                blocks.Add(Image(tally, "图2 主要指标评价结果分布"));
            }
        }
    }

    private static void Tasks(EvaluationFigures f, List<DocBlock> blocks)
    {
        blocks.Add(new DocHeading(1, "重点任务进展"));
        if (f.Chapters.Count == 0)
        {
            blocks.Add(new DocParagraph("本部分无数据。"));
            return;
        }

        foreach (var chapter in f.Chapters)
        {
            blocks.Add(new DocHeading(2, chapter.Label));
            var t = chapter.Tally;
            blocks.Add(new DocParagraph($"本部分共{chapter.Tasks.Count}项任务，进展符合或快于预期（含已完成）{t.Green}项，滞后{t.Amber}项，严重滞后{t.Red}项，尚无数据{t.Grey}项。"));
            foreach (var task in chapter.Tasks)
            {
                var percent = task.Percent is { } p ? $"各承担单位平均完成{Number(p)}%，时序进度{Number(task.ExpectedPercent)}%" : $"尚无已批准的完成比例，时序进度{Number(task.ExpectedPercent)}%";
                blocks.Add(new DocParagraph($"{task.Label}：{task.StatusText}。{percent}。"));
                var quoted = task.Digest.Where(d => !string.IsNullOrWhiteSpace(d.Progress) || !string.IsNullOrWhiteSpace(d.Achievements)).ToList();
                foreach (var words in quoted.Take(QuotedUnits))
                {
                    var said = string.Join("", new[] { words.Progress, words.Achievements }.Where(x => !string.IsNullOrWhiteSpace(x)).Select(x => Sentence(x!)));
                    blocks.Add(new DocParagraph($"{words.UnitName}：{said}") { Quote = true });
                }

                if (quoted.Count > QuotedUnits)
                {
                    blocks.Add(new DocParagraph($"另有{quoted.Count - QuotedUnits}个承担单位报送了进展情况，详见附表。") { Quote = true });
                }
            }
        }
    }

    private static void Projects(EvaluationFigures f, List<DocBlock> blocks)
    {
        blocks.Add(new DocHeading(1, "重大工程（专栏）项目进展"));
        if (f.Projects.Count == 0)
        {
            blocks.Add(new DocParagraph("本规划专栏中未列出需要跟踪的项目，本部分无数据。"));
            return;
        }

        var started = f.Projects.Count(p => p.Started);
        var money = f.Projects.Sum(p => p.InvestmentWan);
        blocks.Add(new DocParagraph($"{f.Projects.Count}项重大工程项目中{f.ProjectsOnTrack}项进展符合预期，已启动{started}项，评估期内到位资金{Number(money)}万元。"));
        blocks.Add(new DocTable(
            ["专栏", "项目", "是否启动", "完成比例", "时序进度", "到位资金（万元）", "进展"],
            [.. f.Projects.Select(p => (IReadOnlyList<string>)[
                p.Column, p.Label, p.Started ? "已启动" : "未启动", Percent(p.Percent), Percent(p.ExpectedPercent), Number(p.InvestmentWan),
                p.Colour switch { StatusColour.Green => "符合预期", StatusColour.Grey => "暂无数据", StatusColour.Red => "严重滞后", _ => "滞后" },
            ])])
        { Caption = "表2 重大工程项目进展", Key = "projects" });
    }

    private static void Regions(EvaluationFigures f, List<DocBlock> blocks, bool withCharts)
    {
        blocks.Add(new DocHeading(1, "分地区进展"));
        if (f.Units.Count == 0)
        {
            blocks.Add(new DocParagraph("本部分无数据。"));
            return;
        }

        var behind = f.Units.Where(u => u.Colour is StatusColour.Red or StatusColour.Amber).Select(u => u.Name).ToList();
        blocks.Add(new DocParagraph(
            $"{f.Units.Count}个承担单位中，进展总体符合预期的{f.Units.Count(u => u.Colour == StatusColour.Green)}个"
            + (behind.Count > 0 ? $"，有滞后任务的{behind.Count}个（{string.Join("、", behind.Take(10))}{(behind.Count > 10 ? "等" : string.Empty)}）" : string.Empty)
            + $"，尚无已批准数据的{f.Units.Count(u => u.Colour == StatusColour.Grey)}个。"));
        blocks.Add(new DocTable(
            ["单位", "承担任务", "平均完成比例", "正常/滞后/严重滞后", "应报/已报/按时", "按时报送率", "期内预警"],
            [.. f.Units.Select(u => (IReadOnlyList<string>)[
                u.Name, u.Assignments.ToString(CultureInfo.InvariantCulture), Percent(u.MeanPercent), $"{u.Green}/{u.Amber}/{u.Red}",
                $"{u.ReportsDue}/{u.ReportsSubmitted}/{u.ReportsOnTime}", Percent(u.TimelinessPercent), u.WarningsRaised.ToString(CultureInfo.InvariantCulture),
            ])])
        { Caption = "表3 分地区进展", Key = "units" });
        if (withCharts && f.Plan.UnitName is null)
        {
            blocks.Add(Image(ReportCharts.UnitMap(f.Units), "图3 各地区任务进展（按完成进度与时序进度的差距着色）"));
        }
    }

    private static void Problems(EvaluationFigures f, List<DocBlock> blocks)
    {
        blocks.Add(new DocHeading(1, "存在的主要问题"));
        if (f.Problems.Count == 0)
        {
            blocks.Add(new DocParagraph("评估期内已批准的进展报告中未反映存在问题。"));
            return;
        }

        blocks.Add(new DocParagraph($"评估期内，各承担单位在{f.Problems.Sum(g => g.Items.Count)}份已批准的进展报告中反映了存在问题，按规划章节归纳如下。"));
        foreach (var group in f.Problems)
        {
            blocks.Add(new DocHeading(2, group.Chapter));
            foreach (var item in group.Items.Take(ProblemsPerChapter))
            {
                blocks.Add(new DocParagraph($"{item.UnitName}（{item.TaskLabel}）：{Sentence(item.Text)}") { Quote = true });
            }

            if (group.Items.Count > ProblemsPerChapter)
            {
                blocks.Add(new DocParagraph($"另有{group.Items.Count - ProblemsPerChapter}条问题，详见附表“存在问题”。"));
            }
        }
    }

    private static void NextSteps(EvaluationFigures f, List<DocBlock> blocks)
    {
        blocks.Add(new DocHeading(1, "下一步工作建议"));
        var red = f.OpenWarnings.Count(w => w.Colour == StatusColour.Red);
        var amber = f.OpenWarnings.Count - red;
        var sentences = new List<string>();
        if (f.Overview.TasksSeriouslyBehind + f.Overview.TasksBehind > 0)
        {
            sentences.Add($"对{f.Overview.TasksBehind + f.Overview.TasksSeriouslyBehind}项滞后任务加强督促指导，其中{f.Overview.TasksSeriouslyBehind}项严重滞后的任务应由牵头单位说明原因、提出追赶措施。");
        }

        if (f.OpenWarnings.Count > 0)
        {
            sentences.Add($"评估期末尚有{f.OpenWarnings.Count}条预警未处理（红色{red}条、黄色{amber}条），请相关单位逐条核实并反馈。");
        }

        if (f.Overview.ReportsDue > 0 && f.Overview.TimelinessPercent < 90)
        {
            sentences.Add($"按时报送率为{Percent(f.Overview.TimelinessPercent)}，应进一步压实报送责任，确保按期报送。");
        }

        if (f.Indicators.Any(i => i.Verdict == IndicatorVerdict.Behind))
        {
            sentences.Add($"对进展滞后的{f.Indicators.Count(i => i.Verdict == IndicatorVerdict.Behind)}项指标（{string.Join("、", f.Indicators.Where(i => i.Verdict == IndicatorVerdict.Behind).Select(i => i.Name).Take(5))}）加强监测分析，研究提出针对性措施。");
        }

        if (sentences.Count == 0)
        {
            sentences.Add("规划实施总体顺利，建议继续按计划推进各项任务，做好常态化监测。");
        }

        foreach (var sentence in sentences)
        {
            blocks.Add(new DocParagraph(sentence));
        }

        if (f.OpenWarnings.Count > 0)
        {
            blocks.Add(new DocTable(
                ["预警", "类别", "单位", "原因", "判定日"],
                [.. f.OpenWarnings.Take(20).Select(w => (IReadOnlyList<string>)[StatusColours.Chinese(w.Colour), w.Kind, w.UnitName ?? "—", w.Reason, Day(w.AsOf)])])
            { Caption = "表4 未处理的预警（红色在前，至多20条）", Key = "warnings" });
        }
    }

    private static void Adjustments(EvaluationFigures f, List<DocBlock> blocks)
    {
        blocks.Add(new DocHeading(1, "动态调整建议"));
        if (f.Proposals.Count == 0)
        {
            blocks.Add(new DocParagraph(f.Overview.TasksSeriouslyBehind > 0
                ? $"评估期内未提出调整方案。对{f.Overview.TasksSeriouslyBehind}项严重滞后的任务，建议研究是否需要调整目标、时限或承担单位，按程序提出调整方案。"
                : "评估期内未提出调整方案，规划目标任务暂不需要调整。"));
            return;
        }

        blocks.Add(new DocParagraph(
            $"评估期内涉及调整方案{f.Proposals.Count}项，其中已批准{f.Proposals.Count(p => p.Status == "已批准")}项、未批准{f.Proposals.Count(p => p.Status == "未批准")}项、待审定{f.Proposals.Count(p => p.Status == "已提交")}项。经批准的调整已形成新的规划版本，原目标与调整后目标在本报告中并列。"));
        blocks.Add(new DocTable(
            ["调整方案", "提出单位", "变更项数", "状态", "提交日期", "审定"],
            [.. f.Proposals.Select(p => (IReadOnlyList<string>)[
                p.Title, p.UnitName ?? "部委", p.Changes.ToString(CultureInfo.InvariantCulture), p.Status,
                p.SubmittedOn is { } s ? Day(s) : "—", p.DecidedOn is { } d ? $"{Day(d)}（{p.DecidedBy}）" : "—",
            ])])
        { Caption = "表5 调整方案", Key = "proposals" });
    }

    private static DocImage Image(byte[] png, string caption)
    {
        using var bitmap = SkiaSharp.SKBitmap.Decode(png);
        return new DocImage(png, bitmap.Width, bitmap.Height) { Caption = caption };
    }

    private static string Sentence(string text)
    {
        var trimmed = text.Trim();
        return trimmed.Length == 0 || "。！？；".Contains(trimmed[^1], StringComparison.Ordinal) ? trimmed : trimmed + "。";
    }

    private static string Number(decimal value) => value.ToString("#,0.##", CultureInfo.InvariantCulture);

    private static string Percent(decimal? value) => value is { } v ? v.ToString("0.#", CultureInfo.InvariantCulture) + "%" : "—";

    private static string Day(DateOnly day) => $"{day.Year}年{day.Month}月{day.Day}日";

    /// <summary>二〇一三年十二月三十一日: the date line of Chinese official documents.</summary>
    public static string ChineseDate(DateOnly day)
    {
        const string digits = "〇一二三四五六七八九";
        var year = string.Concat(day.Year.ToString(CultureInfo.InvariantCulture).Select(c => digits[c - '0']));
        return $"{year}年{GovDocumentWriter.ChineseNumber(day.Month)}月{GovDocumentWriter.ChineseNumber(day.Day)}日";
    }
}

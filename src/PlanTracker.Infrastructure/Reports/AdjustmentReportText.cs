using System.Globalization;
using PlanTracker.Domain.Adjustments;
using PlanTracker.Domain.Monitoring;
using PlanTracker.Infrastructure.Documents;

namespace PlanTracker.Infrastructure.Reports;

/// <summary>
/// The 动态调整报告 in words, as the blocks of a <see cref="GovDocument"/>: the page renders these blocks and the Word
/// document is written from them, so both say exactly the same. Eight chapters in the ministry's order (一、基本情况 …
/// 八、下一步工作建议); a chapter without data says so in a sentence, never with an empty table.
/// </summary>
public static class AdjustmentReportText
{
    public const string CountsTable = "counts";
    public const string WarningTable = "warnings";
    public const string LaggingTable = "lagging";
    public const string ProposalTable = "proposals";
    public const string DecisionTable = "decisions";
    public const string TargetTable = "targets";
    public const string StillBehindTable = "still-behind";

    public static GovDocument Document(AdjustmentReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new GovDocument(
            Title(report),
            $"（{Day(report.From)}至{Day(report.To)}）",
            null,
            ChineseDate(report.WrittenOn),
            Blocks(report));
    }

    public static string Title(AdjustmentReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var plan = report.PlanTitle.Trim();
        return (plan.StartsWith('《') ? plan : $"《{plan}》") + "动态调整报告";
    }

    public static IReadOnlyList<DocBlock> Blocks(AdjustmentReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var blocks = new List<DocBlock>();
        Basics(report, blocks);
        Lagging(report, blocks);
        Causes(report, blocks);
        Proposals(report, blocks);
        Decisions(report, blocks);
        Targets(report, blocks);
        StillBehind(report, blocks);
        NextSteps(report, blocks);
        return blocks;
    }

    private static void Basics(AdjustmentReport r, List<DocBlock> blocks)
    {
        var c = r.Counts;
        blocks.Add(new DocHeading(1, "基本情况"));
        var document = string.IsNullOrWhiteSpace(r.DocumentNumber) ? string.Empty : $"（{r.DocumentNumber}）";
        blocks.Add(new DocParagraph(
            $"本报告依据规划实施监测和动态调整记录，反映{Day(r.From)}至{Day(r.To)}期间{Quoted(r.PlanTitle)}{document}实施中的滞后情况、调整建议的提出和审定情况。"));
        blocks.Add(new DocParagraph(r.VersionAtStart == r.VersionAtEnd
            ? $"报告期内规划版本未发生变化，实施的是{Version(r.VersionAtEnd)}。"
            : $"报告期初实施的是{Version(r.VersionAtStart)}，报告期末实施的是{Version(r.VersionAtEnd)}。"));
        blocks.Add(new DocParagraph(
            $"报告期内共发出预警{c.WarningsRaised}条，其中红色预警{c.RedWarnings}条、黄色预警{c.AmberWarnings}条；提出调整方案{c.Proposed}项；" +
            $"审定批准{c.Approved}项、不予批准{c.Rejected}项；截至报告期末尚有{c.Pending}项调整方案待审定。"));
        blocks.Add(new DocTable(
            ["项目", "数量"],
            [
                ["发出预警（条）", N(c.WarningsRaised)],
                ["其中：红色预警（条）", N(c.RedWarnings)],
                ["黄色预警（条）", N(c.AmberWarnings)],
                ["提出调整方案（项）", N(c.Proposed)],
                ["批准（项）", N(c.Approved)],
                ["不予批准（项）", N(c.Rejected)],
                ["待审定（项）", N(c.Pending)],
            ])
        { Caption = "表1 报告期内预警和调整方案情况", Key = CountsTable });
    }

    private static void Lagging(AdjustmentReport r, List<DocBlock> blocks)
    {
        blocks.Add(new DocHeading(1, "监测发现的滞后情况"));
        if (r.Counts.WarningsRaised == 0)
        {
            blocks.Add(new DocParagraph("报告期内未发出预警。"));
            return;
        }

        int Of(WarningKind kind) => r.WarningTallies.Where(t => t.Kind == kind).Sum(t => t.Count);
        var byKind = Enum.GetValues<WarningKind>().Where(k => Of(k) > 0).Select(k => $"{KindChinese(k)}{Of(k)}条");
        blocks.Add(new DocParagraph(
            $"报告期内共发出预警{r.Counts.WarningsRaised}条。按预警对象分，{string.Join("、", byKind)}；按预警颜色分，红色{r.Counts.RedWarnings}条、黄色{r.Counts.AmberWarnings}条。"));
        blocks.Add(new DocTable(
            ["预警对象", "红色预警", "黄色预警", "合计"],
            [.. Enum.GetValues<WarningKind>().Where(k => Of(k) > 0).Select(k => (IReadOnlyList<string>)[
                KindChinese(k),
                N(r.WarningTallies.Where(t => t.Kind == k && t.Colour == StatusColour.Red).Sum(t => t.Count)),
                N(r.WarningTallies.Where(t => t.Kind == k && t.Colour == StatusColour.Amber).Sum(t => t.Count)),
                N(Of(k))])])
        { Caption = "表2 报告期内预警分类统计", Key = WarningTable });

        if (r.Lagging.Count == 0)
        {
            blocks.Add(new DocParagraph("报告期内的预警均针对单位承担的任务或单位整体，未涉及任务整体或指标。"));
            return;
        }

        var tasks = r.Lagging.Count(l => l.Kind == WarningKind.Task);
        var indicators = r.Lagging.Count(l => l.Kind == WarningKind.Indicator);
        blocks.Add(new DocParagraph($"涉及滞后的任务{tasks}项、指标{indicators}项，每项以报告期内最近一次预警为准，具体如下："));
        blocks.Add(new DocTable(
            ["序号", "类别", "任务或指标", "预警", "监测日期", "滞后情况"],
            [.. r.Lagging.Select((l, i) => (IReadOnlyList<string>)[N(i + 1), KindChinese(l.Kind), l.Subject, StatusColours.Chinese(l.Colour), Day(l.AsOf), l.Reason])])
        { Caption = "表3 滞后的任务和指标", Key = LaggingTable });
    }

    private static void Causes(AdjustmentReport r, List<DocBlock> blocks)
    {
        blocks.Add(new DocHeading(1, "滞后原因"));
        if (r.Causes.Count == 0)
        {
            blocks.Add(new DocParagraph(r.Counts.WarningsRaised == 0
                ? "报告期内未发出预警，无需分析滞后原因。"
                : "报告期内，发出预警的任务没有载明存在问题的已审核进展报告。"));
            return;
        }

        blocks.Add(new DocParagraph($"根据承担单位在报告期内经审核通过的进展报告，{r.Causes.Count}项发出预警的任务反映的存在问题如下（摘录各单位原文）："));
        foreach (var task in r.Causes)
        {
            blocks.Add(new DocHeading(2, task.Task));
            foreach (var quote in task.Quotes.Take(AdjustmentReportReader.QuotesPerTask))
            {
                blocks.Add(new DocParagraph($"{quote.Unit}：“{quote.Text}”") { Quote = true });
            }

            if (task.Quotes.Count > AdjustmentReportReader.QuotesPerTask)
            {
                blocks.Add(new DocParagraph($"另有{task.Quotes.Count - AdjustmentReportReader.QuotesPerTask}个单位也反映了存在问题，不再逐一列出。"));
            }
        }
    }

    private static void Proposals(AdjustmentReport r, List<DocBlock> blocks)
    {
        blocks.Add(new DocHeading(1, "调整建议提出情况"));
        if (r.Proposals.Count == 0)
        {
            blocks.Add(new DocParagraph("报告期内未提出调整方案。"));
            return;
        }

        blocks.Add(new DocParagraph($"报告期内共提出调整方案{r.Proposals.Count}项，包含变更{r.Proposals.Sum(p => p.Changes.Count)}项。"));
        blocks.Add(new DocTable(
            ["序号", "调整方案", "提出者", "提出日期", "变更（项）", "依据（项）", "状态"],
            [.. r.Proposals.Select((p, i) => (IReadOnlyList<string>)[
                N(i + 1), p.Title, p.Proposer, Day(p.SubmittedOn), N(p.Changes.Count), N(p.EvidenceCount), Adjustment.Chinese(p.Status)])])
        { Caption = "表4 报告期内提出的调整方案", Key = ProposalTable });
        foreach (var p in r.Proposals)
        {
            blocks.Add(new DocHeading(2, p.Title));
            blocks.Add(new DocParagraph($"{p.Proposer}于{Day(p.SubmittedOn)}提出，目前{Adjustment.Chinese(p.Status)}。调整理由：{p.Reason}"));
            for (var i = 0; i < p.Changes.Count; i++)
            {
                blocks.Add(new DocParagraph($"{i + 1}. {p.Changes[i].Sentence}。"));
            }

            blocks.Add(new DocParagraph(p.EvidenceCount == 0 ? "方案未附监测依据。" : $"方案附监测依据{p.EvidenceCount}项（预警、进展报告或指标数值）。"));
        }
    }

    private static void Decisions(AdjustmentReport r, List<DocBlock> blocks)
    {
        blocks.Add(new DocHeading(1, "审定情况"));
        if (r.Decisions.Count == 0)
        {
            blocks.Add(new DocParagraph("报告期内未审定调整方案。"));
            return;
        }

        blocks.Add(new DocParagraph($"报告期内审定调整方案{r.Decisions.Count}项，其中批准{r.Counts.Approved}项、不予批准{r.Counts.Rejected}项。"));
        foreach (var d in r.Decisions)
        {
            var comment = string.IsNullOrWhiteSpace(d.Comment) ? string.Empty : $"，意见为：“{d.Comment}”";
            blocks.Add(new DocParagraph(d.Approved
                ? $"“{d.Title}”于{Day(d.DecidedOn)}经{d.DecidedBy ?? "部委"}批准{comment}，形成{Version(d.ResultingVersion)}。"
                : $"“{d.Title}”于{Day(d.DecidedOn)}经{d.DecidedBy ?? "部委"}审定不予批准{comment}。"));
        }

        blocks.Add(new DocTable(
            ["序号", "调整方案", "审定结果", "审定人", "审定日期", "意见", "形成版本"],
            [.. r.Decisions.Select((d, i) => (IReadOnlyList<string>)[
                N(i + 1), d.Title, d.Approved ? "批准" : "不予批准", d.DecidedBy ?? "—", Day(d.DecidedOn), d.Comment ?? "—",
                d.ResultingVersion is { } v ? $"第{v}版" : "—"])])
        { Caption = "表5 报告期内审定的调整方案", Key = DecisionTable });
    }

    private static void Targets(AdjustmentReport r, List<DocBlock> blocks)
    {
        blocks.Add(new DocHeading(1, "指标目标调整前后对照"));
        if (r.TargetChanges.Count == 0)
        {
            blocks.Add(new DocParagraph("报告期内未批准调整指标目标。"));
            return;
        }

        blocks.Add(new DocParagraph($"报告期内经批准调整目标的指标{r.TargetChanges.Count}项，调整前后对照如下："));
        blocks.Add(new DocTable(
            ["序号", "指标", "调整前目标", "调整后目标", "调整依据", "规划版本"],
            [.. r.TargetChanges.Select((t, i) => (IReadOnlyList<string>)[
                N(i + 1), t.Indicator, t.Before ?? "—", t.After ?? "—", $"调整方案“{t.Proposal}”", t.Version is { } v ? $"第{v}版" : "—"])])
        { Caption = "表6 指标目标调整前后对照", Key = TargetTable });
    }

    private static void StillBehind(AdjustmentReport r, List<DocBlock> blocks)
    {
        blocks.Add(new DocHeading(1, "仍滞后但未提出调整的任务"));
        if (r.StillBehind.Count == 0)
        {
            blocks.Add(new DocParagraph($"截至{Day(r.To)}，没有处于红色或黄色预警状态而未提出调整方案的任务。"));
            return;
        }

        var red = r.StillBehind.Count(t => t.Colour == StatusColour.Red);
        blocks.Add(new DocParagraph(
            $"截至{Day(r.To)}，有{r.StillBehind.Count}项任务处于预警状态（红色{red}项、黄色{r.StillBehind.Count - red}项）而尚未提出调整方案："));
        blocks.Add(new DocTable(
            ["序号", "任务", "状态", "应完成进度（%）", "实际完成进度（%）", "滞后情况"],
            [.. r.StillBehind.Select((t, i) => (IReadOnlyList<string>)[
                N(i + 1), t.Task, StatusColours.Chinese(t.Colour), Percent(t.Expected), t.Percent is { } p ? Percent(p) : "—", t.Reason])])
        { Caption = "表7 仍滞后但未提出调整的任务", Key = StillBehindTable });
    }

    private static void NextSteps(AdjustmentReport r, List<DocBlock> blocks)
    {
        blocks.Add(new DocHeading(1, "下一步工作建议"));
        var c = r.Counts;
        var sentences = new List<string>();
        if (r.StillBehind.Count > 0)
        {
            var red = r.StillBehind.Count(t => t.Colour == StatusColour.Red);
            sentences.Add($"对仍滞后但未提出调整的{r.StillBehind.Count}项任务{(red > 0 ? $"（其中红色{red}项）" : string.Empty)}，督促牵头单位分析原因、加快推进，确需调整的及时提出调整方案。");
        }

        if (c.Pending > 0)
        {
            sentences.Add($"尚有{c.Pending}项调整方案待审定，建议抓紧审定，避免规划版本与实际工作脱节。");
        }

        if (c.Approved > 0)
        {
            sentences.Add($"已批准的{c.Approved}项调整方案已形成新的规划版本，相关单位应按调整后的任务和目标组织实施、报送进展。");
        }

        if (r.TargetChanges.Count > 0)
        {
            sentences.Add($"对调整了目标的{r.TargetChanges.Count}项指标，监测中同时列示原目标和调整后目标，跟踪调整后的完成情况。");
        }

        if (c.RedWarnings > 0)
        {
            sentences.Add($"报告期内发出红色预警{c.RedWarnings}条，建议对相关任务和指标加强调度，必要时开展专项督导。");
        }

        if (sentences.Count == 0)
        {
            sentences.Add("报告期内规划实施总体平稳，建议继续做好常态化监测和预警，按期组织进展报送。");
        }

        for (var i = 0; i < sentences.Count; i++)
        {
            blocks.Add(new DocParagraph($"{i + 1}. {sentences[i]}"));
        }
    }

    public static string KindChinese(WarningKind kind) => kind switch
    {
        WarningKind.Task => "任务",
        WarningKind.TaskUnit => "单位承担的任务",
        WarningKind.Indicator => "指标",
        WarningKind.Unit => "单位整体",
        _ => kind.ToString(),
    };

    /// <summary>2026年1月5日.</summary>
    public static string Day(DateOnly day) => $"{day.Year}年{day.Month}月{day.Day}日";

    /// <summary>二〇二六年十一月二十六日, as a document's date line is written.</summary>
    public static string ChineseDate(DateOnly day)
    {
        const string digits = "〇一二三四五六七八九";
        var year = string.Concat(day.Year.ToString(CultureInfo.InvariantCulture).Select(ch => digits[ch - '0']));
        return $"{year}年{GovDocumentWriter.ChineseNumber(day.Month)}月{GovDocumentWriter.ChineseNumber(day.Day)}日";
    }

    private static string Quoted(string plan) => plan.Trim().StartsWith('《') ? plan.Trim() : $"《{plan.Trim()}》";

    private static string Version(int? number) => number is { } n ? $"第{n}版" : "（尚未发布的版本）";

    private static string N(int number) => number.ToString(CultureInfo.InvariantCulture);

    private static string Percent(decimal value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}

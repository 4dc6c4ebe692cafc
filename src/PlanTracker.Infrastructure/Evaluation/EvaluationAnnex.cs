using System.Globalization;
using PlanTracker.Domain.Monitoring;
using PlanTracker.Infrastructure.Documents;
using PlanTracker.Infrastructure.Spreadsheets;

namespace PlanTracker.Infrastructure.Evaluation;

/// <summary>
/// The report's Excel annex (附表): every figure of the report, one sheet per table, each row with the ids of the
/// progress reports or indicator values it rests on, so an evaluator can check any number against the portal
/// (/progress/reports/{id}). Written from the same <see cref="EvaluationFigures"/> as the Word document.
/// </summary>
public static class EvaluationAnnex
{
    public static byte[] Write(EvaluationFigures figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        var sheets = new List<XlsxSheet>
        {
            About(figures),
            Overview(figures),
            Indicators(figures),
            Tasks(figures),
            Projects(figures),
            Units(figures),
            Problems(figures),
            WarningsAndProposals(figures),
        };
        return PackageBytes.Deterministic(XlsxWriter.Write(sheets));
    }

    private static XlsxSheet About(EvaluationFigures f)
    {
        var sheet = new XlsxSheet("说明") { Widths = [18, 90] };
        sheet.Add(H("项目"), H("内容"));
        sheet.Add(T("规划"), T(f.Plan.Title));
        sheet.Add(T("文号"), T(f.Plan.DocumentNumber ?? "—"));
        sheet.Add(T("报告"), T(f.Scope.Title + (f.Plan.UnitName is { } unit ? $"（{unit}）" : string.Empty)));
        sheet.Add(T("评估期"), T($"{Day(f.Scope.From)}至{Day(f.Scope.To)}"));
        sheet.Add(T("规划版本"), T($"第{f.Plan.VersionNumber}版（评估期末有效的版本）"));
        sheet.Add(T("数据口径"), new XlsxCell("全部数字只取自已批准的进展报告和指标数值。各表“依据”列为进展报告编号（报告ID）或指标数值编号（数值ID），可在门户中逐条核对：/progress/reports/{报告ID}。", XlsxStyle.Note));
        return sheet;
    }

    private static XlsxSheet Overview(EvaluationFigures f)
    {
        var o = f.Overview;
        var sheet = new XlsxSheet("总体情况") { Widths = [30, 16, 60], FrozenRows = 1 };
        sheet.Add(H("项目"), H("数值"), H("口径"));
        sheet.Add(T("重点任务（项）"), N(o.Tasks), T("评估期末有效版本中的任务"));
        sheet.Add(T("已完成"), N(o.TasksCompleted), T("各承担单位最新已批准完成比例的平均值达到100%"));
        sheet.Add(T("符合或快于预期"), N(o.TasksOnTrack), T("与时序进度的差距不超过黄色预警阈值"));
        sheet.Add(T("滞后"), N(o.TasksBehind), T("差距超过黄色预警阈值"));
        sheet.Add(T("严重滞后"), N(o.TasksSeriouslyBehind), T("差距超过红色预警阈值"));
        sheet.Add(T("未开始或暂无数据"), N(o.TasksNotStartedOrNoData), T("未到开始时间，或尚无已批准的完成比例"));
        sheet.Add(T("应报进展报告（份）"), N(o.ReportsDue), T("评估期内结束的各报送期 × 已开始的承担任务"));
        sheet.Add(T("已报送"), N(o.ReportsSubmitted), T("已提交（含审核中、已批准、已退回）"));
        sheet.Add(T("按时报送"), N(o.ReportsOnTime), T("截止日（北京时间）当天或之前提交"));
        sheet.Add(T("已批准"), N(o.ReportsApproved), T("部委已批准"));
        sheet.Add(T("报送完整率（%）"), N(o.CompletenessPercent), T("已报送 ÷ 应报"));
        sheet.Add(T("按时报送率（%）"), N(o.TimelinessPercent), T("按时报送 ÷ 应报"));
        sheet.Add(T("投入资金（万元）"), N(o.InvestmentWan), T($"评估期内已批准进展报告填报的投入合计（{o.InvestmentReports}份报告）"));
        return sheet;
    }

    private static XlsxSheet Indicators(EvaluationFigures f)
    {
        var years = f.Indicators.SelectMany(i => i.Years.Select(y => y.Year)).Distinct().Order().ToList();
        var sheet = new XlsxSheet("主要指标") { FrozenRows = 1, Widths = [6, 34, 8, 8, 10, 14, 14, .. years.Select(_ => 12.0), 10, 10, 12, 14, 60, 40] };
        sheet.Add([H("序号"), H("指标名称"), H("单位"), H("属性"), H("基期值"), H("目标值（原定）"), H("目标值（现行）"),
            .. years.Select(y => H($"{y}年")), H("完成进度（%）"), H("时序进度（%）"), H("评价"), H("预计到期完成情况"), H("说明"), H("依据（数值ID）")]);
        var number = 1;
        foreach (var i in f.Indicators)
        {
            var byYear = i.Years.ToDictionary(y => y.Year);
            sheet.Add([
                N(number++), T(i.Name), T(i.Unit ?? "—"), T(i.NatureText),
                T(i.BaselineText is null ? "—" : $"{i.BaselineText}（{i.BaselineYear}年）"),
                T(i.OriginalTargetText ?? i.TargetText), T(i.TargetYear is { } ty ? $"{i.TargetText}（{ty}年）" : i.TargetText),
                .. years.Select(y => byYear.TryGetValue(y, out var v) ? N(v.Value) : T("—")),
                N(i.ProgressPercent), N(i.TimePercent), T(i.VerdictText), T(i.Forecast), new XlsxCell(i.Reason, XlsxStyle.Note),
                T(string.Join("；", i.Years.Select(y => $"{y.Year}年：{Ids(y.ValueIds)}"))),
            ]);
        }

        return sheet;
    }

    private static XlsxSheet Tasks(EvaluationFigures f)
    {
        var sheet = new XlsxSheet("重点任务") { FrozenRows = 1, Widths = [30, 44, 10, 12, 12, 12, 60, 40] };
        sheet.Add(H("章节"), H("任务"), H("承担单位数"), H("时序进度（%）"), H("完成比例（%）"), H("状态"), H("说明"), H("依据（报告ID）"));
        foreach (var chapter in f.Chapters)
        {
            foreach (var t in chapter.Tasks)
            {
                sheet.Add(T(chapter.Label), T(t.Label), N(t.Units), N(t.ExpectedPercent), N(t.Percent), T(t.StatusText), new XlsxCell(t.Reason, XlsxStyle.Note), T(Ids(t.Digest.Select(d => d.ReportId))));
            }
        }

        return sheet;
    }

    private static XlsxSheet Projects(EvaluationFigures f)
    {
        var sheet = new XlsxSheet("重大工程") { FrozenRows = 1, Widths = [30, 44, 10, 12, 12, 14, 12, 40] };
        sheet.Add(H("专栏"), H("项目"), H("是否启动"), H("完成比例（%）"), H("时序进度（%）"), H("到位资金（万元）"), H("进展"), H("依据（报告ID）"));
        foreach (var p in f.Projects)
        {
            sheet.Add(T(p.Column), T(p.Label), T(p.Started ? "已启动" : "未启动"), N(p.Percent), N(p.ExpectedPercent), N(p.InvestmentWan), T(p.Colour == StatusColour.Green ? "符合预期" : p.Colour == StatusColour.Grey ? "暂无数据" : "滞后"), T(Ids(p.ReportIds)));
        }

        return sheet;
    }

    private static XlsxSheet Units(EvaluationFigures f)
    {
        var sheet = new XlsxSheet("分地区") { FrozenRows = 1, Widths = [10, 22, 10, 12, 8, 8, 8, 10, 10, 10, 12, 10, 10] };
        sheet.Add(H("代码"), H("单位"), H("承担任务"), H("平均完成比例（%）"), H("正常"), H("滞后"), H("严重滞后"), H("应报"), H("已报"), H("按时"), H("按时报送率（%）"), H("期内预警"), H("未处理预警"));
        foreach (var u in f.Units)
        {
            sheet.Add(T(u.Code ?? "—"), T(u.Name), N(u.Assignments), N(u.MeanPercent), N(u.Green), N(u.Amber), N(u.Red), N(u.ReportsDue), N(u.ReportsSubmitted), N(u.ReportsOnTime), N(u.TimelinessPercent), N(u.WarningsRaised), N(u.WarningsOpen));
        }

        return sheet;
    }

    private static XlsxSheet Problems(EvaluationFigures f)
    {
        var sheet = new XlsxSheet("存在问题") { FrozenRows = 1, Widths = [30, 16, 40, 80, 12] };
        sheet.Add(H("章节"), H("单位"), H("任务"), H("存在问题"), H("报告ID"));
        foreach (var group in f.Problems)
        {
            foreach (var p in group.Items)
            {
                sheet.Add(T(group.Chapter), T(p.UnitName), T(p.TaskLabel), new XlsxCell(p.Text, XlsxStyle.Note), N(p.ReportId));
            }
        }

        return sheet;
    }

    private static XlsxSheet WarningsAndProposals(EvaluationFigures f)
    {
        var sheet = new XlsxSheet("预警与调整") { Widths = [12, 10, 12, 16, 80, 14] };
        sheet.Add(H("未处理预警ID"), H("颜色"), H("类别"), H("单位"), H("原因"), H("判定日"));
        foreach (var w in f.OpenWarnings)
        {
            sheet.Add(N(w.Id), T(StatusColours.Chinese(w.Colour)), T(w.Kind), T(w.UnitName ?? "—"), new XlsxCell(w.Reason, XlsxStyle.Note), T(Day(w.AsOf)));
        }

        sheet.Add();
        sheet.Add(H("调整方案ID"), H("标题"), H("状态"), H("提出单位"), H("提交日"), H("审定"));
        foreach (var p in f.Proposals)
        {
            sheet.Add(N(p.Id), T(p.Title), T(p.Status), T(p.UnitName ?? "部委"), T(p.SubmittedOn is { } s ? Day(s) : "—"), T(p.DecidedOn is { } d ? $"{Day(d)} {p.DecidedBy}" : "—"));
        }

        return sheet;
    }

    private static XlsxCell H(string text) => new(text, XlsxStyle.Header);

    private static XlsxCell T(string? text) => new(text, XlsxStyle.Locked);

    private static XlsxCell N(decimal? value) => new(value, XlsxStyle.ReadOnlyNumber);

    private static XlsxCell N(long value) => new(value, XlsxStyle.ReadOnlyNumber);

    private static string Ids(IEnumerable<long> ids)
    {
        var list = ids.ToList();
        return list.Count == 0 ? "—" : string.Join(",", list.Select(id => id.ToString(CultureInfo.InvariantCulture)));
    }

    private static string Day(DateOnly day) => $"{day.Year}年{day.Month}月{day.Day}日";
}

using System.Globalization;
using PlanTracker.Domain.Reporting;
using PlanTracker.Infrastructure.Spreadsheets;
using static PlanTracker.Web.Features.ProgressWorkbook.WorkbookLayout;

namespace PlanTracker.Web.Features.ProgressWorkbook;

/// <summary>
/// Writes the progress workbook of one unit and period (<see cref="WorkbookLayout"/>): one row per assigned task,
/// the milestones, the indicators the unit reports, how to fill it in, and the very hidden meta sheet. Keys and names
/// are locked, the fields the unit fills are unlocked, and what may not change any more is greyed and locked.
/// </summary>
public static class WorkbookTemplate
{
    public static byte[] Write(WorkbookData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return XlsxWriter.Write([ReportsSheetOf(data), MilestonesSheetOf(data), IndicatorsSheetOf(data), GuideSheetOf(data), MetaSheetOf(data)]);
    }

    private static XlsxSheet ReportsSheetOf(WorkbookData data)
    {
        var sheet = new XlsxSheet(ReportsSheet)
        {
            Protected = true,
            FrozenRows = 1,
            HiddenColumns = [0],
            Widths = [8, 10, 36, 8, 12, 10, 40, 40, 30, 30, 12, 10, 10, 10, 10, 12, 10],
        };
        sheet.Add([.. Reports.Headers.Select(h => XlsxCell.Text(h, XlsxStyle.Header))]);
        foreach (var task in data.Tasks)
        {
            var content = task.Content ?? ReportDraft.Empty;
            var text = task.Editable ? XlsxStyle.Editable : XlsxStyle.ReadOnly;
            var number = task.Editable ? XlsxStyle.EditableNumber : XlsxStyle.ReadOnlyNumber;
            var locked = task.Editable ? XlsxStyle.Locked : XlsxStyle.ReadOnly;
            var cells = new List<XlsxCell>
            {
                new(task.TaskId, locked),
                new(task.Code, locked),
                new(task.Title, locked),
                new(Word(task.Role), locked),
                new(content.Progress is { } p ? Word(p) : null, text),
                new(content.PercentComplete, number),
                new(content.ProgressText, text),
                new(content.Achievements, text),
                new(content.Problems, text),
                new(content.NextSteps, text),
                new(content.InvestmentWan, number),
            };
            cells.AddRange(Reports.Sources.Select(s => new XlsxCell(content.InvestmentSources.FirstOrDefault(i => i.Source == s.Source)?.AmountWan, number)));
            cells.Add(new(task.Status is { } status ? ReportSubmission.Chinese(status) : "未填报", locked));
            sheet.Add([.. cells]);
        }

        var last = Math.Max(2, data.Tasks.Count + 1).ToString(CultureInfo.InvariantCulture);
        sheet.Lists.Add(new XlsxListValidation($"{Reports.Progress}2:{Reports.Progress}{last}", [.. ProgressWords.Select(w => w.Word)]));
        sheet.Decimals.Add(new XlsxDecimalValidation($"{Reports.Percent}2:{Reports.Percent}{last}", 0, 100));
        sheet.Decimals.Add(new XlsxDecimalValidation($"{Reports.Investment}2:P{last}", 0, ReportLimits.MaxInvestmentWan));
        return sheet;
    }

    private static XlsxSheet MilestonesSheetOf(WorkbookData data)
    {
        var sheet = new XlsxSheet(MilestonesSheet) { Protected = true, FrozenRows = 1, Widths = [12, 50, 14] };
        sheet.Add([.. Milestones.Headers.Select(h => XlsxCell.Text(h, XlsxStyle.Header))]);
        foreach (var task in data.Tasks)
        {
            foreach (var milestone in task.Content?.Milestones ?? [])
            {
                sheet.Add(
                    new(task.Code, task.Editable ? XlsxStyle.Editable : XlsxStyle.ReadOnly),
                    new(milestone.Title, task.Editable ? XlsxStyle.Editable : XlsxStyle.ReadOnly),
                    new(milestone.ReachedOn, task.Editable ? XlsxStyle.EditableDate : XlsxStyle.ReadOnlyDate));
            }
        }

        for (var i = 0; i < BlankMilestoneRows; i++)
        {
            sheet.Add(new(null, XlsxStyle.Editable), new(null, XlsxStyle.Editable), new(null, XlsxStyle.EditableDate));
        }

        var last = sheet.Rows.Count.ToString(CultureInfo.InvariantCulture);
        var codes = data.Tasks.Where(t => t.Editable).Select(t => t.Code).ToList();

        // Excel's inline list holds 255 characters; a longer one is left to the upload's check.
        if (codes.Count > 0 && string.Join(",", codes).Length <= 250)
        {
            sheet.Lists.Add(new XlsxListValidation($"{Milestones.Code}2:{Milestones.Code}{last}", codes));
        }

        return sheet;
    }

    private static XlsxSheet IndicatorsSheetOf(WorkbookData data)
    {
        var sheet = new XlsxSheet(IndicatorsSheet) { Protected = true, FrozenRows = 1, HiddenColumns = [0], Widths = [8, 40, 10, 14, 20, 10, 24, 30, 10] };
        sheet.Add([.. WorkbookLayout.Indicators.Headers.Select(h => XlsxCell.Text(h, XlsxStyle.Header))]);
        foreach (var indicator in data.Indicators)
        {
            var figure = indicator.Value;
            var text = indicator.Editable ? XlsxStyle.Editable : XlsxStyle.ReadOnly;
            var locked = indicator.Editable ? XlsxStyle.Locked : XlsxStyle.ReadOnly;
            sheet.Add(
                new(indicator.IndicatorId, locked),
                new(indicator.Name, locked),
                new(indicator.Unit, locked),
                new(figure?.Value, indicator.Editable ? XlsxStyle.EditableNumber : XlsxStyle.ReadOnlyNumber),
                new(figure?.ValueText, text),
                new(figure?.UnitOfMeasure, text),
                new(figure?.Source, text),
                new(figure?.Note, text),
                new(indicator.Status is { } status ? ReportSubmission.Chinese(status) : "未填报", locked));
        }

        return sheet;
    }

    private static XlsxSheet GuideSheetOf(WorkbookData data)
    {
        var sheet = new XlsxSheet(GuideSheet) { Protected = true, Widths = [100] };
        string[] lines =
        [
            $"{data.UnitName} {data.PeriodLabel}（{data.Window.StartsOn:yyyy-MM-dd}至{data.Window.EndsOn:yyyy-MM-dd}）进展填报模板",
            "1. 在“进展填报”表中每个任务占一行；白色单元格可以填写，灰色行为已报送或已通过的报告，只读，上传时不会改变。",
            "2. 进展状态请从下拉列表选择：未启动、进展顺利、进展滞后、已完成、已暂停。",
            "3. 完成进度填写0到100之间的数字（不带%）；投入资金以万元为单位，填写数字，各资金来源之和须等于投入资金合计（只填来源时合计可留空）。",
            "4. 数字列请填写数字，不要填写公式，也不要以文本形式存储数字。文字列只填写文字，不要粘贴网页内容（HTML标记或脚本）。",
            "5. 在“里程碑”表中每个里程碑占一行：任务编号（与“进展填报”表的编号一致）、里程碑名称、达成日期（日期格式，须在本填报期内）。上传后，每个任务的里程碑以表中所列为准。",
            "6. 在“指标”表中填写本单位报送的指标值、数据来源等。",
            "7. 填好后在门户“Excel 批量填报”页面上传。门户逐格检查：全部无误才整体保存为草稿，有任何错误则全部不保存，并列出出错的工作表、行和列。",
            "8. 上传只保存草稿；请在门户中逐项核对后报送。",
            "9. 模板下载后若报告已在门户中修改，上传会被拒绝，请重新下载模板。不要修改锁定的列，不要给工作簿设置打开密码。文件不超过5MB。",
        ];
        foreach (var line in lines)
        {
            sheet.Add(new XlsxCell(line, XlsxStyle.Note));
        }

        return sheet;
    }

    private static XlsxSheet MetaSheetOf(WorkbookData data)
    {
        var sheet = new XlsxSheet(MetaSheet) { Hidden = true, Protected = true };
        sheet.Add(XlsxCell.Text(MetaUnit), XlsxCell.Text(data.UnitKey));
        sheet.Add(XlsxCell.Text(MetaPeriod), new(data.PeriodId, XlsxStyle.Locked));
        sheet.Add(XlsxCell.Text(MetaVersion), new(TemplateVersion, XlsxStyle.Locked));
        foreach (var task in data.Tasks)
        {
            sheet.Add(XlsxCell.Text(MetaReport), new(task.TaskId, XlsxStyle.Locked), new(task.RowVersion is { } v ? (long)v : -1L, XlsxStyle.Locked));
        }

        foreach (var indicator in data.Indicators)
        {
            sheet.Add(XlsxCell.Text(MetaIndicatorValue), new(indicator.IndicatorId, XlsxStyle.Locked), new(indicator.RowVersion is { } v ? (long)v : -1L, XlsxStyle.Locked));
        }

        return sheet;
    }
}

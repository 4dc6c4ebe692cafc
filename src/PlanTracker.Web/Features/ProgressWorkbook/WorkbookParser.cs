using System.Globalization;
using PlanTracker.Domain.Reporting;
using PlanTracker.Infrastructure.Spreadsheets;
using PlanTracker.Web.Features.Progress;
using static PlanTracker.Web.Features.ProgressWorkbook.WorkbookLayout;

namespace PlanTracker.Web.Features.ProgressWorkbook;

/// <summary>
/// Reads an uploaded progress workbook against what the unit's workbook is now (<see cref="WorkbookData"/>): first the
/// file (size, password, zip bomb), then the meta sheet (unit, period, template version, row versions at download),
/// then every cell. It collects all the errors it finds, by sheet, row and column; only a workbook without any is
/// handed on to be applied, whole.
/// </summary>
public static class WorkbookParser
{
    private const int MaxErrors = 200;

    /// <param name="words">Words the domain's refusals of a row (money that does not add up, a narrative too long).</param>
    public static ParsedWorkbook Parse(byte[] content, WorkbookData expected, RefusalWords words)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(words);
        if (XlsxGuard.Check(content) is { } refusal)
        {
            return ParsedWorkbook.Failed(new WorkbookError(null, null, null, FileMessage(refusal)));
        }

        var read = XlsxReader.Read(content);
        if (read.Sheets is not { } sheets)
        {
            return ParsedWorkbook.Failed(new WorkbookError(null, null, null, "文件已损坏，无法作为Excel工作簿读取，请重新下载模板填写。"));
        }

        string[] required = [ReportsSheet, MilestonesSheet, IndicatorsSheet, MetaSheet];
        var missing = required.Where(name => !sheets.ContainsKey(name)).ToList();
        if (missing.Count > 0)
        {
            return ParsedWorkbook.Failed(new WorkbookError(null, null, null, $"不是门户下载的填报模板：缺少工作表“{string.Join("”“", missing)}”，请重新下载模板。"));
        }

        var metaErrors = CheckMeta(sheets[MetaSheet], expected);
        if (metaErrors.Count > 0)
        {
            return ParsedWorkbook.Failed([.. metaErrors]);
        }

        var parser = new Reading(expected, words);
        parser.Read(sheets[ReportsSheet], sheets[MilestonesSheet], sheets[IndicatorsSheet]);
        return parser.Result();
    }

    public static string FileMessage(XlsxRefusal refusal) => refusal switch
    {
        XlsxRefusal.Empty => "上传的文件是空文件。",
        XlsxRefusal.TooLarge => $"文件超过{XlsxLimits.Default.MaxFileBytes / 1024 / 1024}MB，请删除多余内容后再上传。",
        XlsxRefusal.PasswordProtectedOrLegacy => "工作簿设有密码（或为旧版.xls格式），门户无法读取：请在Excel中取消打开密码，另存为.xlsx后再上传。",
        XlsxRefusal.NotAWorkbook => "文件不是Excel工作簿（.xlsx），请上传门户下载的填报模板。",
        XlsxRefusal.HasMacros => "工作簿含有宏，门户不接受：请另存为不含宏的.xlsx后再上传。",
        XlsxRefusal.ZipBomb => "文件结构异常（解压后过大或条目过多），已拒绝，请上传门户下载的填报模板。",
        _ => "文件已损坏或不是Excel工作簿（.xlsx），无法读取。",
    };

    private static List<WorkbookError> CheckMeta(XlsxReadSheet meta, WorkbookData expected)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var reports = new Dictionary<int, long>();
        var indicators = new Dictionary<int, long>();
        foreach (var (_, cells) in meta.Rows.OrderBy(r => r.Key))
        {
            var key = cells.GetValueOrDefault("A")?.Text ?? string.Empty;
            var b = cells.GetValueOrDefault("B")?.Text ?? string.Empty;
            var c = cells.GetValueOrDefault("C")?.Text ?? string.Empty;
            if (key is MetaReport or MetaIndicatorValue)
            {
                if (int.TryParse(b, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) && long.TryParse(c, NumberStyles.Integer, CultureInfo.InvariantCulture, out var version))
                {
                    (key == MetaReport ? reports : indicators)[id] = version;
                }
            }
            else
            {
                values[key] = b;
            }
        }

        var damaged = new WorkbookError(null, null, null, "模板的隐藏信息缺失或被改动，请重新下载模板。");
        if (!values.TryGetValue(MetaVersion, out var templateVersion) || !int.TryParse(templateVersion, NumberStyles.Integer, CultureInfo.InvariantCulture, out var versionNumber)
            || !values.TryGetValue(MetaUnit, out var unit) || !values.TryGetValue(MetaPeriod, out var period))
        {
            return [damaged];
        }

        if (versionNumber != TemplateVersion)
        {
            return [new(null, null, null, $"模板版本（第{versionNumber}版）已过期，当前为第{TemplateVersion}版：请重新下载模板，把内容抄入新模板后再上传。")];
        }

        if (unit != expected.UnitKey)
        {
            return [new(null, null, null, $"该模板属于其他单位（单位代码{unit}），不能由{expected.UnitName}上传。")];
        }

        if (period != expected.PeriodId.ToString(CultureInfo.InvariantCulture))
        {
            return [new(null, null, null, $"该模板属于另一个填报期，不是“{expected.PeriodLabel}”的模板：请下载本填报期的模板。")];
        }

        // A report or value changed in the portal since the download: applying the file would overwrite it.
        var errors = new List<WorkbookError>();
        foreach (var task in expected.Tasks)
        {
            var now = task.RowVersion is { } v ? (long)v : -1L;
            if (reports.TryGetValue(task.TaskId, out var then) ? then != now : now != -1L)
            {
                errors.Add(new(null, null, null, $"任务“{task.Code} {task.Title}”的报告在模板下载后已在门户中修改（当前状态：{(task.Status is { } s ? ReportSubmission.Chinese(s) : "未填报")}），请重新下载模板后再填报。"));
            }
        }

        foreach (var indicator in expected.Indicators)
        {
            var now = indicator.RowVersion is { } v ? (long)v : -1L;
            if (indicators.TryGetValue(indicator.IndicatorId, out var then) ? then != now : now != -1L)
            {
                errors.Add(new(null, null, null, $"指标“{indicator.Name}”的指标值在模板下载后已在门户中修改，请重新下载模板后再填报。"));
            }
        }

        return errors;
    }

    /// <summary>One pass over the three data sheets, collecting entries and errors.</summary>
    private sealed class Reading(WorkbookData expected, RefusalWords words)
    {
        private readonly List<WorkbookError> _errors = [];
        private readonly List<(WorkbookTask Task, int Row, ReportDraft Draft)> _tasks = [];
        private readonly List<IndicatorEntry> _indicators = [];
        private readonly HashSet<int> _taskRows = [];
        private readonly Dictionary<int, WorkbookTask> _tasksById = expected.Tasks.ToDictionary(t => t.TaskId);
        private readonly Dictionary<string, WorkbookTask> _tasksByCode = expected.Tasks.ToDictionary(t => t.Code, StringComparer.Ordinal);
        private readonly Dictionary<int, WorkbookIndicator> _indicatorsById = expected.Indicators.ToDictionary(i => i.IndicatorId);

        public void Read(XlsxReadSheet reports, XlsxReadSheet milestones, XlsxReadSheet indicators)
        {
            foreach (var sheet in new[] { reports, milestones, indicators })
            {
                Formulas(sheet);
                if (sheet.LastRow > MaxRows + 1)
                {
                    Error(sheet.Name, sheet.LastRow, null, $"行数超过{MaxRows}行，不是门户下载的填报模板。");
                }
            }

            if (_errors.Count > 0)
            {
                return;
            }

            ReadReports(reports);
            var byTask = ReadMilestones(milestones);
            CombineMilestones(byTask);
            ReadIndicators(indicators);
        }

        public ParsedWorkbook Result() =>
            _errors.Count > 0
                ? new ParsedWorkbook([], [], [.. _errors.Take(MaxErrors)])
                : new ParsedWorkbook([.. _tasks.Select(t => new TaskEntry(t.Task.TaskId, t.Row, t.Draft))], _indicators, []);

        private void Formulas(XlsxReadSheet sheet)
        {
            foreach (var cell in sheet.Rows.Values.SelectMany(r => r.Values).Where(c => c.HasFormula).OrderBy(c => c.Row).ThenBy(c => c.Column.Length).ThenBy(c => c.Column, StringComparer.Ordinal))
            {
                Error(sheet.Name, cell.Row, cell.Column, "含有公式，请只填写数值或文字（可复制后“选择性粘贴—数值”）。");
            }
        }

        private void ReadReports(XlsxReadSheet sheet)
        {
            var seen = new Dictionary<int, int>();
            foreach (var (row, cells) in sheet.Rows.Where(r => r.Key > 1).OrderBy(r => r.Key))
            {
                var task = Key(sheet.Name, row, cells, Reports.TaskId, _tasksById, seen, "任务", "本单位承担的任务");
                if (task is null)
                {
                    continue;
                }

                _taskRows.Add(task.TaskId);
                var errorsBefore = _errors.Count;
                Locked(sheet.Name, row, cells, Reports.Code, task.Code);
                Locked(sheet.Name, row, cells, Reports.Title, task.Title);
                if (!task.Editable || _errors.Count > errorsBefore)
                {
                    // Read-only rows (already submitted or approved) are shown, never taken.
                    continue;
                }

                var progress = Progress(sheet.Name, cells.GetValueOrDefault(Reports.Progress));
                var percentCell = cells.GetValueOrDefault(Reports.Percent);
                var percent = Number(sheet.Name, percentCell);

                // Typing 60% turns the cell into a percentage holding 0.6: it means 60.
                percent = percentCell is { IsPercent: true } && percent is { } fraction ? fraction * 100 : percent;
                if (percent is > 100)
                {
                    Error(sheet.Name, row, Reports.Percent, $"{percent.Value.ToString("0.####", CultureInfo.InvariantCulture)} 超过100");
                }
                else if (percent is < 0)
                {
                    Error(sheet.Name, row, Reports.Percent, $"{percent.Value.ToString("0.####", CultureInfo.InvariantCulture)} 小于0");
                }

                var texts = new[] { Reports.ProgressText, Reports.Achievements, Reports.Problems, Reports.NextSteps }
                    .Select(column => Text(sheet.Name, cells.GetValueOrDefault(column), ReportLimits.MaxNarrativeLength))
                    .ToArray();
                var investment = Money(sheet.Name, cells.GetValueOrDefault(Reports.Investment));
                var sources = new List<InvestmentBySource>();
                foreach (var (column, source) in Reports.Sources)
                {
                    if (Money(sheet.Name, cells.GetValueOrDefault(column)) is { } amount)
                    {
                        sources.Add(new InvestmentBySource(source, amount));
                    }
                }

                if (_errors.Count > errorsBefore)
                {
                    continue;
                }

                _tasks.Add((task, row, new ReportDraft(progress, percent, texts[0], texts[1], texts[2], texts[3], investment, sources, [])));
            }
        }

        private Dictionary<int, List<(int Row, Milestone Milestone)>> ReadMilestones(XlsxReadSheet sheet)
        {
            var byTask = new Dictionary<int, List<(int, Milestone)>>();
            foreach (var (row, cells) in sheet.Rows.Where(r => r.Key > 1).OrderBy(r => r.Key))
            {
                var codeCell = cells.GetValueOrDefault(Milestones.Code);
                var title = Text(sheet.Name, cells.GetValueOrDefault(Milestones.Title), ReportLimits.MaxMilestoneTitleLength);
                var day = Day(sheet.Name, cells.GetValueOrDefault(Milestones.Day));
                if (codeCell is null)
                {
                    Error(sheet.Name, row, Milestones.Code, "缺少任务编号。");
                    continue;
                }

                if (!_tasksByCode.TryGetValue(codeCell.Text.Trim(), out var task))
                {
                    Error(sheet.Name, row, Milestones.Code, $"“{codeCell.Text}”不是本单位承担的任务的编号。");
                    continue;
                }

                if (title is null)
                {
                    Error(sheet.Name, row, Milestones.Title, "缺少里程碑名称。");
                }

                if (day is null && cells.GetValueOrDefault(Milestones.Day) is null)
                {
                    Error(sheet.Name, row, Milestones.Day, "缺少达成日期。");
                }
                else if (day is { } reached && !expected.Window.Contains(reached))
                {
                    Error(sheet.Name, row, Milestones.Day, $"{reached:yyyy-MM-dd} 不在本填报期（{expected.Window.StartsOn:yyyy-MM-dd}至{expected.Window.EndsOn:yyyy-MM-dd}）内");
                }

                if (title is not null && day is { } ok)
                {
                    if (!byTask.TryGetValue(task.TaskId, out var list))
                    {
                        byTask[task.TaskId] = list = [];
                    }

                    list.Add((row, new Milestone(title, ok)));
                }
            }

            return byTask;
        }

        /// <summary>Each editable task's milestones become the ones listed; a read-only task's must stay as they are.</summary>
        private void CombineMilestones(Dictionary<int, List<(int Row, Milestone Milestone)>> byTask)
        {
            foreach (var (taskId, listed) in byTask)
            {
                var task = _tasksById[taskId];
                if (!task.Editable)
                {
                    var now = (task.Content?.Milestones ?? []).Select(m => (m.Title, m.ReachedOn)).Order().ToList();
                    if (!listed.Select(l => (l.Milestone.Title, l.Milestone.ReachedOn)).Order().SequenceEqual(now))
                    {
                        Error(MilestonesSheet, listed[0].Row, Milestones.Code, $"任务“{task.Code}”的报告{(task.Status is { } s ? ReportSubmission.Chinese(s) : string.Empty)}，不能修改其里程碑。");
                    }

                    continue;
                }

                var index = _tasks.FindIndex(t => t.Task.TaskId == taskId);
                if (index < 0 && _taskRows.Contains(taskId))
                {
                    // The task's row has its own errors already.
                    continue;
                }

                if (index < 0)
                {
                    Error(MilestonesSheet, listed[0].Row, Milestones.Code, $"“进展填报”表中没有任务“{task.Code}”的行。");
                    continue;
                }

                var entry = _tasks[index];
                _tasks[index] = entry with { Draft = entry.Draft with { Milestones = [.. listed.Select(l => l.Milestone)] } };
            }

            // The same rules as the web form, with the row of the task for the message.
            foreach (var (task, row, draft) in _tasks)
            {
                if (ReportSubmission.Invalid(draft, expected.Window)?.Refusal is { } refusal)
                {
                    Error(ReportsSheet, row, null, $"任务“{task.Code}”：{words.Sentence(refusal)}");
                }
            }
        }

        private void ReadIndicators(XlsxReadSheet sheet)
        {
            var seen = new Dictionary<int, int>();
            foreach (var (row, cells) in sheet.Rows.Where(r => r.Key > 1).OrderBy(r => r.Key))
            {
                var indicator = Key(sheet.Name, row, cells, WorkbookLayout.Indicators.IndicatorId, _indicatorsById, seen, "指标", "本单位填报的指标");
                if (indicator is null)
                {
                    continue;
                }

                var errorsBefore = _errors.Count;
                Locked(sheet.Name, row, cells, WorkbookLayout.Indicators.Name, indicator.Name);
                if (!indicator.Editable || _errors.Count > errorsBefore)
                {
                    continue;
                }

                var figure = new IndicatorFigure(
                    Number(sheet.Name, cells.GetValueOrDefault(WorkbookLayout.Indicators.Value)),
                    Text(sheet.Name, cells.GetValueOrDefault(WorkbookLayout.Indicators.ValueText), IndicatorValueLimits.MaxValueTextLength),
                    Text(sheet.Name, cells.GetValueOrDefault(WorkbookLayout.Indicators.UnitOfMeasure), IndicatorValueLimits.MaxUnitOfMeasureLength),
                    Text(sheet.Name, cells.GetValueOrDefault(WorkbookLayout.Indicators.Source), IndicatorValueLimits.MaxSourceLength),
                    Text(sheet.Name, cells.GetValueOrDefault(WorkbookLayout.Indicators.Note), IndicatorValueLimits.MaxNoteLength));
                if (_errors.Count > errorsBefore)
                {
                    continue;
                }

                if (IndicatorValue.Invalid(figure.Value, figure.ValueText, figure.UnitOfMeasure, figure.Source, figure.Note)?.Refusal is { } refusal)
                {
                    Error(sheet.Name, row, null, $"指标“{indicator.Name}”：{words.Sentence(refusal)}");
                    continue;
                }

                if (indicator.Value is not null || !figure.IsEmpty)
                {
                    _indicators.Add(new IndicatorEntry(indicator.IndicatorId, row, figure));
                }
            }
        }

        /// <summary>The hidden key of a row: a whole number naming one of the unit's items, once.</summary>
        private T? Key<T>(string sheet, int row, IReadOnlyDictionary<string, XlsxReadCell> cells, string column, Dictionary<int, T> known, Dictionary<int, int> seen, string what, string whose)
            where T : class
        {
            var cell = cells.GetValueOrDefault(column);
            if (cell is null)
            {
                Error(sheet, row, column, $"缺少{what}ID（锁定列被修改或增加了行），请使用门户下载的模板。");
                return null;
            }

            if (cell.Kind != XlsxCellKind.Number || !int.TryParse(cell.Text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var id))
            {
                Error(sheet, row, column, $"{what}ID“{cell.Text}”被修改（锁定列不能修改）。");
                return null;
            }

            if (!known.TryGetValue(id, out var item))
            {
                Error(sheet, row, column, $"{what}ID {id} 不是{whose}。");
                return null;
            }

            if (seen.TryGetValue(id, out var first))
            {
                Error(sheet, row, column, $"与第{first}行重复：同一{what}只能有一行。");
                return null;
            }

            seen[id] = row;
            return item;
        }

        private void Locked(string sheet, int row, IReadOnlyDictionary<string, XlsxReadCell> cells, string column, string expectedText)
        {
            var text = cells.GetValueOrDefault(column)?.Text ?? string.Empty;
            if (text != expectedText)
            {
                Error(sheet, row, column, $"锁定单元格被修改：应为“{expectedText}”，实为“{text}”。");
            }
        }

        private TaskProgress? Progress(string sheet, XlsxReadCell? cell)
        {
            if (cell is null || string.IsNullOrWhiteSpace(cell.Text))
            {
                return null;
            }

            var word = cell.Text.Trim();
            foreach (var (text, progress) in ProgressWords)
            {
                if (text == word)
                {
                    return progress;
                }
            }

            Error(sheet, cell.Row, cell.Column, $"“{cell.Text}”不是可选的进展状态（{string.Join("、", ProgressWords.Select(w => w.Word))}）。");
            return null;
        }

        private decimal? Money(string sheet, XlsxReadCell? cell)
        {
            var amount = Number(sheet, cell);
            if (amount is < 0)
            {
                Error(sheet, cell!.Row, cell.Column, "投入资金不能为负数。");
                return null;
            }

            if (amount > ReportLimits.MaxInvestmentWan)
            {
                Error(sheet, cell!.Row, cell.Column, "数额过大，请核对单位（万元）。");
                return null;
            }

            return amount;
        }

        /// <summary>A number stored as a number; text that looks like one is refused, so is anything else.</summary>
        private decimal? Number(string sheet, XlsxReadCell? cell)
        {
            if (cell is null || cell.HasFormula)
            {
                return null;
            }

            switch (cell.Kind)
            {
                case XlsxCellKind.Number when decimal.TryParse(cell.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number):
                    return number;
                case XlsxCellKind.Text when string.IsNullOrWhiteSpace(cell.Text):
                    return null;
                case XlsxCellKind.Text when decimal.TryParse(cell.Text.Trim().TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out _):
                    Error(sheet, cell.Row, cell.Column, $"“{cell.Text}”是以文本形式存储的数字，请将单元格改为数字格式后重新填写。");
                    return null;
                default:
                    Error(sheet, cell.Row, cell.Column, $"“{cell.Text}”不是数字。");
                    return null;
            }
        }

        private DateOnly? Day(string sheet, XlsxReadCell? cell)
        {
            if (cell is null || cell.HasFormula)
            {
                return null;
            }

            if (cell.Kind == XlsxCellKind.Number && double.TryParse(cell.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is >= 1 and < 2958466)
            {
                return DateOnly.FromDateTime(DateTime.FromOADate(Math.Floor(serial)));
            }

            if (cell.Kind == XlsxCellKind.IsoDate && DateTime.TryParse(cell.Text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var iso))
            {
                return DateOnly.FromDateTime(iso);
            }

            Error(sheet, cell.Row, cell.Column, $"“{cell.Text}”不是日期，请填写日期格式的单元格（如2013-06-30），不要以文本形式填写。");
            return null;
        }

        /// <summary>Text as typed, trimmed; markup and over-long text are refused here, with the cell.</summary>
        private string? Text(string sheet, XlsxReadCell? cell, int maxLength)
        {
            if (cell is null || cell.HasFormula || string.IsNullOrWhiteSpace(cell.Text))
            {
                return null;
            }

            if (cell.Kind is XlsxCellKind.Error)
            {
                Error(sheet, cell.Row, cell.Column, $"单元格是错误值（{cell.Text}）。");
                return null;
            }

            var text = cell.Text.Trim();
            if (Markup.Contains(text))
            {
                Error(sheet, cell.Row, cell.Column, "含有HTML标记或脚本（如“<script>”），请只填写文字。");
                return null;
            }

            if (text.Length > maxLength)
            {
                Error(sheet, cell.Row, cell.Column, $"超过{maxLength}字（现为{text.Length}字）。");
                return null;
            }

            return text;
        }

        private void Error(string sheet, int row, string? column, string message) => _errors.Add(new WorkbookError(sheet, row, column, message));
    }
}

using PlanTracker.Domain.Assignments;
using PlanTracker.Domain.Reporting;

namespace PlanTracker.Web.Features.ProgressWorkbook;

/// <summary>Everything the workbook of one unit and one period shows, and what an upload is checked against.</summary>
public sealed record WorkbookData(
    string UnitKey,
    string UnitName,
    int PeriodId,
    string PeriodLabel,
    PeriodWindow Window,
    bool PeriodOpen,
    IReadOnlyList<WorkbookTask> Tasks,
    IReadOnlyList<WorkbookIndicator> Indicators);

/// <summary>One task assigned to the unit, with its report of the period as it stands (null when not started).</summary>
/// <param name="Code">The 编号 the sheets show: the task's own number when it has a unique one, else T and its id.</param>
public sealed record WorkbookTask(int TaskId, string Code, string Title, AssignmentRole Role, ReportStatus? Status, uint? RowVersion, ReportDraft? Content, bool Editable);

/// <summary>One indicator the unit reports, with its value of the period as it stands (null when not entered).</summary>
public sealed record WorkbookIndicator(int IndicatorId, string Name, string? Unit, IndicatorFigure? Value, ReportStatus? Status, uint? RowVersion, bool Editable);

/// <summary>The figure of an indicator value as the unit types it.</summary>
public sealed record IndicatorFigure(decimal? Value, string? ValueText, string? UnitOfMeasure, string? Source, string? Note)
{
    public bool IsEmpty => Value is null && string.IsNullOrWhiteSpace(ValueText) && string.IsNullOrWhiteSpace(UnitOfMeasure) && string.IsNullOrWhiteSpace(Source) && string.IsNullOrWhiteSpace(Note);
}

/// <summary>One problem of an upload, located by sheet, row and column where it has them.</summary>
public sealed record WorkbookError(string? Sheet, int? Row, string? Column, string Message)
{
    public override string ToString()
    {
        if (Sheet is null)
        {
            return Message;
        }

        if (Row is null)
        {
            return $"{Sheet}：{Message}";
        }

        if (Column is null)
        {
            return $"{Sheet} 第{Row}行：{Message}";
        }

        var header = WorkbookLayout.Header(Sheet, Column);
        return header.Length == 0 ? $"{Sheet} 第{Row}行 {Column}列：{Message}" : $"{Sheet} 第{Row}行 {Column}列（{header}）：{Message}";
    }
}

/// <summary>A task's content as the upload read it, with its row for messages.</summary>
public sealed record TaskEntry(int TaskId, int Row, ReportDraft Draft);

/// <summary>An indicator's figure as the upload read it, with its row for messages.</summary>
public sealed record IndicatorEntry(int IndicatorId, int Row, IndicatorFigure Figure);

/// <summary>What an upload said, checked cell by cell: to apply whole, or the errors to show.</summary>
public sealed record ParsedWorkbook(IReadOnlyList<TaskEntry> Tasks, IReadOnlyList<IndicatorEntry> Indicators, IReadOnlyList<WorkbookError> Errors)
{
    public static ParsedWorkbook Failed(params WorkbookError[] errors) => new([], [], errors);

    public bool Succeeded => Errors.Count == 0;
}

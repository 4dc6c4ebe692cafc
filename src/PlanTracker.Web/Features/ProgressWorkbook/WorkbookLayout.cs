using PlanTracker.Domain.Assignments;
using PlanTracker.Domain.Reporting;

namespace PlanTracker.Web.Features.ProgressWorkbook;

/// <summary>
/// Where everything sits in the progress workbook (Excel 批量填报). The download writes this layout and the upload
/// reads it; a change of layout bumps <see cref="TemplateVersion"/> so an older file is refused, not misread.
/// </summary>
public static class WorkbookLayout
{
    /// <summary>Bump on any change of sheets, columns or meta rows.</summary>
    public const int TemplateVersion = 1;

    public const string ReportsSheet = "进展填报";
    public const string MilestonesSheet = "里程碑";
    public const string IndicatorsSheet = "指标";
    public const string GuideSheet = "说明";

    /// <summary>Very hidden and protected: unit, period, template version and the row versions at download.</summary>
    public const string MetaSheet = "_meta";

    /// <summary>Rows a sheet may hold below its header; more is not a workbook the portal wrote.</summary>
    public const int MaxRows = 2000;

    /// <summary>Blank editable rows the milestones sheet offers below the milestones already entered.</summary>
    public const int BlankMilestoneRows = 100;

    public const string MetaUnit = "单位代码";
    public const string MetaPeriod = "填报期";
    public const string MetaVersion = "模板版本";
    public const string MetaReport = "报告";
    public const string MetaIndicatorValue = "指标值";

    /// <summary>The 进展填报 columns, A to Q.</summary>
    public static class Reports
    {
        public const string TaskId = "A";
        public const string Code = "B";
        public const string Title = "C";
        public const string Role = "D";
        public const string Progress = "E";
        public const string Percent = "F";
        public const string ProgressText = "G";
        public const string Achievements = "H";
        public const string Problems = "I";
        public const string NextSteps = "J";
        public const string Investment = "K";
        public const string Status = "Q";

        /// <summary>中央财政 … 社会资本及其他, in <see cref="FundingSource"/> order.</summary>
        public static readonly IReadOnlyList<(string Column, FundingSource Source)> Sources =
        [
            ("L", FundingSource.Central),
            ("M", FundingSource.Local),
            ("N", FundingSource.Enterprise),
            ("O", FundingSource.BankLoan),
            ("P", FundingSource.Other),
        ];

        public static readonly IReadOnlyList<string> Headers =
        [
            "任务ID", "编号", "任务名称", "承担方式", "进展状态", "完成进度(%)", "进展情况", "主要成效", "存在问题", "下一步工作",
            "投入资金合计(万元)", "中央财政", "地方财政", "企业自筹", "银行贷款", "社会资本及其他", "报告状态",
        ];
    }

    /// <summary>The 里程碑 columns.</summary>
    public static class Milestones
    {
        public const string Code = "A";
        public const string Title = "B";
        public const string Day = "C";

        public static readonly IReadOnlyList<string> Headers = ["任务编号", "里程碑名称", "达成日期"];
    }

    /// <summary>The 指标 columns.</summary>
    public static class Indicators
    {
        public const string IndicatorId = "A";
        public const string Name = "B";
        public const string Unit = "C";
        public const string Value = "D";
        public const string ValueText = "E";
        public const string UnitOfMeasure = "F";
        public const string Source = "G";
        public const string Note = "H";
        public const string Status = "I";

        public static readonly IReadOnlyList<string> Headers = ["指标ID", "指标名称", "单位", "指标值", "文字值", "计量单位", "数据来源", "备注", "状态"];
    }

    /// <summary>The unit's status words as the drop-down lists them.</summary>
    public static readonly IReadOnlyList<(string Word, TaskProgress Progress)> ProgressWords =
    [
        ("未启动", TaskProgress.NotStarted),
        ("进展顺利", TaskProgress.OnTrack),
        ("进展滞后", TaskProgress.Behind),
        ("已完成", TaskProgress.Completed),
        ("已暂停", TaskProgress.Suspended),
    ];

    public static string Word(TaskProgress progress) => ProgressWords.Single(p => p.Progress == progress).Word;

    public static string Word(AssignmentRole role) => role == AssignmentRole.Lead ? "牵头" : "参与";

    /// <summary>The header of a column of a sheet, for error messages.</summary>
    public static string Header(string sheet, string column)
    {
        var headers = sheet switch
        {
            ReportsSheet => Reports.Headers,
            MilestonesSheet => Milestones.Headers,
            IndicatorsSheet => Indicators.Headers,
            _ => [],
        };
        var index = column.Length == 1 ? column[0] - 'A' : -1;
        var header = index >= 0 && index < headers.Count ? headers[index] : string.Empty;

        // 完成进度(%) → 完成进度: the unit in brackets is for the person filling in, not for the message.
        var bracket = header.IndexOf('(', StringComparison.Ordinal);
        return bracket > 0 ? header[..bracket] : header;
    }
}

namespace PlanTracker.Domain.Reporting;

/// <summary>Why a report refused a step.</summary>
public enum ReportRefusalReason
{
    /// <summary>Only a draft or a returned report may be edited or submitted.</summary>
    NotEditable,

    /// <summary>The step does not start from the report's current status.</summary>
    WrongStatus,

    /// <summary>Required content is missing; <see cref="ReportRefusal.Missing"/> lists what.</summary>
    Incomplete,

    /// <summary>A return needs its reason.</summary>
    ReasonRequired,

    /// <summary>Percent complete runs from 0 to 100.</summary>
    PercentOutOfRange,
}

/// <summary>What a complete report must hold before it is submitted.</summary>
public enum ReportField
{
    /// <summary>进展状态</summary>
    Progress,

    /// <summary>完成进度</summary>
    PercentComplete,

    /// <summary>进展情况</summary>
    ProgressText,

    /// <summary>主要成效</summary>
    Achievements,

    /// <summary>存在问题, required when the task is behind or suspended.</summary>
    Problems,

    /// <summary>下一步工作</summary>
    NextSteps,

    /// <summary>A completed task reports 100 percent.</summary>
    PercentCompleteForCompleted,
}

/// <summary>A refused step, with its reason, the Chinese message people read and, for an incomplete report, what is missing.</summary>
public sealed record ReportRefusal(ReportRefusalReason Reason, string Message, IReadOnlyList<ReportField> Missing);

/// <summary>The outcome of a workflow step: done, or refused with why. Expected refusals are results, not exceptions.</summary>
public sealed record ReportOutcome(ReportRefusal? Refusal)
{
    public static readonly ReportOutcome Done = new((ReportRefusal?)null);

    public bool Succeeded => Refusal is null;

    public static ReportOutcome Refused(ReportRefusalReason reason, string message, IReadOnlyList<ReportField>? missing = null) =>
        new(new ReportRefusal(reason, message, missing ?? []));
}

/// <summary>The completeness rules of a report before it is submitted, and the Chinese words for each field.</summary>
public static class ReportSubmission
{
    public static IReadOnlyList<ReportField> Missing(TaskProgress? progress, decimal? percentComplete, string? progressText, string? achievements, string? problems, string? nextSteps)
    {
        var missing = new List<ReportField>();
        if (progress is null)
        {
            missing.Add(ReportField.Progress);
        }

        if (percentComplete is null)
        {
            missing.Add(ReportField.PercentComplete);
        }

        if (string.IsNullOrWhiteSpace(progressText))
        {
            missing.Add(ReportField.ProgressText);
        }

        if (string.IsNullOrWhiteSpace(achievements))
        {
            missing.Add(ReportField.Achievements);
        }

        if (progress is TaskProgress.Behind or TaskProgress.Suspended && string.IsNullOrWhiteSpace(problems))
        {
            missing.Add(ReportField.Problems);
        }

        if (string.IsNullOrWhiteSpace(nextSteps))
        {
            missing.Add(ReportField.NextSteps);
        }

        if (progress == TaskProgress.Completed && percentComplete is not null && percentComplete != 100)
        {
            missing.Add(ReportField.PercentCompleteForCompleted);
        }

        return missing;
    }

    public static string Chinese(ReportField field) => field switch
    {
        ReportField.Progress => "进展状态",
        ReportField.PercentComplete => "完成进度",
        ReportField.ProgressText => "进展情况",
        ReportField.Achievements => "主要成效",
        ReportField.Problems => "存在问题（进展滞后或已暂停时必填）",
        ReportField.NextSteps => "下一步工作",
        ReportField.PercentCompleteForCompleted => "已完成的任务完成进度须为100%",
        _ => field.ToString(),
    };

    public static string Chinese(ReportStatus status) => status switch
    {
        ReportStatus.Draft => "草稿",
        ReportStatus.Submitted => "已报送",
        ReportStatus.Reviewed => "已审核",
        ReportStatus.Returned => "已退回",
        ReportStatus.Approved => "已通过",
        _ => status.ToString(),
    };
}

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

    /// <summary>Money is negative, too large, a source is named twice, or the sources do not add up to the total.</summary>
    InvestmentInvalid,

    /// <summary>A milestone without a title, with a title too long, too many of them, or a day outside the period.</summary>
    MilestoneInvalid,

    /// <summary>A narrative holds HTML or script, or is longer than a report takes.</summary>
    NarrativeInvalid,
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

    /// <summary>Why a draft cannot be stored at all, whatever its completeness; null when it can.</summary>
    public static ReportOutcome? Invalid(ReportDraft draft, PeriodWindow period)
    {
        ArgumentNullException.ThrowIfNull(draft);
        if (draft.PercentComplete is < 0 or > 100)
        {
            return ReportOutcome.Refused(ReportRefusalReason.PercentOutOfRange, "完成进度须在0到100之间。");
        }

        foreach (var (field, text) in Narratives(draft))
        {
            if (text is null)
            {
                continue;
            }

            if (text.Length > ReportLimits.MaxNarrativeLength)
            {
                return ReportOutcome.Refused(ReportRefusalReason.NarrativeInvalid, $"{field}不能超过{ReportLimits.MaxNarrativeLength}字。");
            }

            if (Markup.Contains(text))
            {
                return ReportOutcome.Refused(ReportRefusalReason.NarrativeInvalid, $"{field}含有HTML标记或脚本（如“<script>”），请只填写文字。");
            }
        }

        return InvalidInvestment(draft) ?? InvalidMilestones(draft.Milestones, period);
    }

    private static ReportOutcome? InvalidInvestment(ReportDraft draft)
    {
        if (draft.InvestmentWan is < 0 || draft.InvestmentSources.Any(s => s.AmountWan < 0))
        {
            return ReportOutcome.Refused(ReportRefusalReason.InvestmentInvalid, "投入资金不能为负数。");
        }

        if (draft.InvestmentWan > ReportLimits.MaxInvestmentWan || draft.InvestmentSources.Any(s => s.AmountWan > ReportLimits.MaxInvestmentWan))
        {
            return ReportOutcome.Refused(ReportRefusalReason.InvestmentInvalid, "投入资金数额过大，请核对单位（万元）。");
        }

        var twice = draft.InvestmentSources.GroupBy(s => s.Source).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
        {
            return ReportOutcome.Refused(ReportRefusalReason.InvestmentInvalid, $"资金来源“{Chinese(twice.Key)}”填了两次。");
        }

        var sum = draft.InvestmentSources.Sum(s => s.AmountWan);
        if (draft.InvestmentWan is { } total && draft.InvestmentSources.Count > 0 && Math.Abs(sum - total) > ReportLimits.InvestmentTolerance)
        {
            return ReportOutcome.Refused(ReportRefusalReason.InvestmentInvalid, $"各资金来源合计{sum:0.####}万元，与投入资金合计{total:0.####}万元不一致。");
        }

        return null;
    }

    private static ReportOutcome? InvalidMilestones(IReadOnlyList<Milestone> milestones, PeriodWindow period)
    {
        if (milestones.Count > ReportLimits.MaxMilestones)
        {
            return ReportOutcome.Refused(ReportRefusalReason.MilestoneInvalid, $"每份报告最多填写{ReportLimits.MaxMilestones}个里程碑。");
        }

        for (var i = 0; i < milestones.Count; i++)
        {
            var milestone = milestones[i];
            if (string.IsNullOrWhiteSpace(milestone.Title))
            {
                return ReportOutcome.Refused(ReportRefusalReason.MilestoneInvalid, $"第{i + 1}个里程碑缺少名称。");
            }

            if (milestone.Title.Trim().Length > ReportLimits.MaxMilestoneTitleLength)
            {
                return ReportOutcome.Refused(ReportRefusalReason.MilestoneInvalid, $"第{i + 1}个里程碑名称不能超过{ReportLimits.MaxMilestoneTitleLength}字。");
            }

            if (Markup.Contains(milestone.Title))
            {
                return ReportOutcome.Refused(ReportRefusalReason.MilestoneInvalid, $"第{i + 1}个里程碑名称含有HTML标记或脚本，请只填写文字。");
            }

            if (!period.Contains(milestone.ReachedOn))
            {
                return ReportOutcome.Refused(ReportRefusalReason.MilestoneInvalid, $"里程碑“{milestone.Title.Trim()}”的达成日期{milestone.ReachedOn:yyyy-MM-dd}不在本填报期（{period.StartsOn:yyyy-MM-dd}至{period.EndsOn:yyyy-MM-dd}）内。");
            }
        }

        return null;
    }

    private static IEnumerable<(string Field, string? Text)> Narratives(ReportDraft draft) =>
    [
        ("进展情况", draft.ProgressText),
        ("主要成效", draft.Achievements),
        ("存在问题", draft.Problems),
        ("下一步工作", draft.NextSteps),
    ];

    public static string Chinese(FundingSource source) => source switch
    {
        FundingSource.Central => "中央财政",
        FundingSource.Local => "地方财政",
        FundingSource.Enterprise => "企业自筹",
        FundingSource.BankLoan => "银行贷款",
        FundingSource.Other => "社会资本及其他",
        _ => source.ToString(),
    };

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

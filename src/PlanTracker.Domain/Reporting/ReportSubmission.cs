namespace PlanTracker.Domain.Reporting;

/// <summary>
/// What kind of refusal a step gave: the page's heading for it (a refused save names the kind, the exact rule follows as
/// <see cref="ReportRefusalCode"/>).
/// </summary>
public enum ReportRefusalReason
{
    /// <summary>Only a draft or a returned report may be edited or submitted.</summary>
    NotEditable,

    /// <summary>The step does not start from the report's current status.</summary>
    WrongStatus,

    /// <summary>Required content is missing; <see cref="ReportRefusal.Missing"/> lists what.</summary>
    Incomplete,

    /// <summary>A return or a reopening needs its reason.</summary>
    ReasonRequired,

    /// <summary>Percent complete runs from 0 to 100.</summary>
    PercentOutOfRange,

    /// <summary>Money is negative, too large, a source is named twice, or the sources do not add up to the total.</summary>
    InvestmentInvalid,

    /// <summary>A milestone without a title, with a title too long, too many of them, or a day outside the period.</summary>
    MilestoneInvalid,

    /// <summary>A narrative holds HTML or script, or is longer than a report takes.</summary>
    NarrativeInvalid,

    /// <summary>The period is not open and the report was not reopened for its unit.</summary>
    PeriodNotOpen,
}

/// <summary>
/// The exact rule a refusal invokes. The domain gives the code and its arguments (<see cref="ReportRefusal.Arguments"/>);
/// the Web project words it in the reader's language. The arguments of each code are listed beside it.
/// </summary>
public enum ReportRefusalCode
{
    /// <summary>The period is not open and the report was not reopened for its unit. No arguments.</summary>
    PeriodNotOpen,

    /// <summary>Only a draft or a returned report changes. The report's <see cref="ReportStatus"/>.</summary>
    ReportNotEditable,

    /// <summary>Only a draft or a returned report is submitted. The report's <see cref="ReportStatus"/>.</summary>
    ReportNotResubmittable,

    /// <summary>What a submit needs is missing. The list of missing <see cref="ReportField"/>s.</summary>
    ReportIncomplete,

    /// <summary>Only a submitted report is reviewed. The report's <see cref="ReportStatus"/>.</summary>
    ReviewWrongStatus,

    /// <summary>Only a submitted or reviewed report is approved. The report's <see cref="ReportStatus"/>.</summary>
    ApproveWrongStatus,

    /// <summary>Only a submitted or reviewed report is returned. The report's <see cref="ReportStatus"/>.</summary>
    ReturnWrongStatus,

    /// <summary>A return needs its reason. No arguments.</summary>
    ReturnReasonRequired,

    /// <summary>A reopening needs its reason. No arguments.</summary>
    ReopenReasonRequired,

    /// <summary>The report is reopened and still with its unit. No arguments.</summary>
    AlreadyReopened,

    /// <summary>A report of an open period that is not approved needs no reopening. The report's <see cref="ReportStatus"/>.</summary>
    ReopenNotNeeded,

    /// <summary>Percent complete runs from 0 to 100. No arguments.</summary>
    PercentOutOfRange,

    /// <summary>A narrative is too long. The narrative's <see cref="ReportField"/> and the most characters it takes.</summary>
    NarrativeTooLong,

    /// <summary>A narrative holds HTML or script. The narrative's <see cref="ReportField"/>.</summary>
    NarrativeMarkup,

    /// <summary>Money is negative. No arguments.</summary>
    InvestmentNegative,

    /// <summary>Money is beyond what any report spends (a unit mistaken). No arguments.</summary>
    InvestmentTooLarge,

    /// <summary>A funding source is given twice. The <see cref="FundingSource"/>.</summary>
    SourceTwice,

    /// <summary>The sources do not add up to the total. Their sum and the total, in 万元.</summary>
    SourcesDoNotAddUp,

    /// <summary>Too many milestones. The most a report takes.</summary>
    TooManyMilestones,

    /// <summary>A milestone without a title. Its 1-based number.</summary>
    MilestoneUntitled,

    /// <summary>A milestone's title is too long. Its 1-based number and the most characters a title takes.</summary>
    MilestoneTitleTooLong,

    /// <summary>A milestone's title holds HTML or script. Its 1-based number.</summary>
    MilestoneTitleMarkup,

    /// <summary>A milestone's day is outside the period. Its title, its day, and the period's first and last days.</summary>
    MilestoneOutsidePeriod,

    /// <summary>Only a draft or a returned indicator value changes. The value's <see cref="ReportStatus"/>.</summary>
    ValueNotEditable,

    /// <summary>Only a draft or a returned indicator value is submitted. The value's <see cref="ReportStatus"/>.</summary>
    ValueNotResubmittable,

    /// <summary>What an indicator value's submit needs is missing. The list of missing <see cref="IndicatorValueField"/>s.</summary>
    ValueIncomplete,

    /// <summary>Only a submitted indicator value is approved. The value's <see cref="ReportStatus"/>.</summary>
    ValueApproveWrongStatus,

    /// <summary>Only a submitted indicator value is returned. The value's <see cref="ReportStatus"/>.</summary>
    ValueReturnWrongStatus,

    /// <summary>An indicator value beyond what the column holds. No arguments.</summary>
    ValueTooLarge,

    /// <summary>A text of an indicator value is too long. Its <see cref="IndicatorValueField"/> and the most characters it takes.</summary>
    ValueTextTooLong,

    /// <summary>A text of an indicator value holds HTML or script. Its <see cref="IndicatorValueField"/>.</summary>
    ValueTextMarkup,
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

/// <summary>
/// A refused step: the exact rule (<see cref="Code"/>) with the arguments its sentence takes, and, for an incomplete
/// report, what is missing. The domain says no words: the Web project words the code in the reader's language.
/// </summary>
public sealed record ReportRefusal(ReportRefusalCode Code, IReadOnlyList<object> Arguments, IReadOnlyList<ReportField> Missing)
{
    /// <summary>The kind of refusal the code belongs to.</summary>
    public ReportRefusalReason Reason => ReasonOf(Code);

    public static ReportRefusalReason ReasonOf(ReportRefusalCode code) => code switch
    {
        ReportRefusalCode.PeriodNotOpen => ReportRefusalReason.PeriodNotOpen,
        ReportRefusalCode.ReportNotEditable or ReportRefusalCode.ReportNotResubmittable
            or ReportRefusalCode.ValueNotEditable or ReportRefusalCode.ValueNotResubmittable => ReportRefusalReason.NotEditable,
        ReportRefusalCode.ReportIncomplete or ReportRefusalCode.ValueIncomplete => ReportRefusalReason.Incomplete,
        ReportRefusalCode.ReturnReasonRequired or ReportRefusalCode.ReopenReasonRequired => ReportRefusalReason.ReasonRequired,
        ReportRefusalCode.PercentOutOfRange => ReportRefusalReason.PercentOutOfRange,
        ReportRefusalCode.InvestmentNegative or ReportRefusalCode.InvestmentTooLarge
            or ReportRefusalCode.SourceTwice or ReportRefusalCode.SourcesDoNotAddUp => ReportRefusalReason.InvestmentInvalid,
        ReportRefusalCode.TooManyMilestones or ReportRefusalCode.MilestoneUntitled or ReportRefusalCode.MilestoneTitleTooLong
            or ReportRefusalCode.MilestoneTitleMarkup or ReportRefusalCode.MilestoneOutsidePeriod => ReportRefusalReason.MilestoneInvalid,
        ReportRefusalCode.NarrativeTooLong or ReportRefusalCode.NarrativeMarkup
            or ReportRefusalCode.ValueTooLarge or ReportRefusalCode.ValueTextTooLong or ReportRefusalCode.ValueTextMarkup => ReportRefusalReason.NarrativeInvalid,
        _ => ReportRefusalReason.WrongStatus,
    };
}

/// <summary>The outcome of a workflow step: done, or refused with why. Expected refusals are results, not exceptions.</summary>
public sealed record ReportOutcome(ReportRefusal? Refusal)
{
    public static readonly ReportOutcome Done = new((ReportRefusal?)null);

    public bool Succeeded => Refusal is null;

    public static ReportOutcome Refused(ReportRefusalCode code, params object[] arguments) => new(new ReportRefusal(code, arguments, []));

    public static ReportOutcome Incomplete(IReadOnlyList<ReportField> missing) => new(new ReportRefusal(ReportRefusalCode.ReportIncomplete, [missing], missing));
}

/// <summary>The completeness rules of a report before it is submitted, and what no draft may hold.</summary>
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
            return ReportOutcome.Refused(ReportRefusalCode.PercentOutOfRange);
        }

        foreach (var (field, text) in Narratives(draft))
        {
            if (text is null)
            {
                continue;
            }

            if (text.Length > ReportLimits.MaxNarrativeLength)
            {
                return ReportOutcome.Refused(ReportRefusalCode.NarrativeTooLong, field, ReportLimits.MaxNarrativeLength);
            }

            if (Markup.Contains(text))
            {
                return ReportOutcome.Refused(ReportRefusalCode.NarrativeMarkup, field);
            }
        }

        return InvalidInvestment(draft) ?? InvalidMilestones(draft.Milestones, period);
    }

    private static ReportOutcome? InvalidInvestment(ReportDraft draft)
    {
        if (draft.InvestmentWan is < 0 || draft.InvestmentSources.Any(s => s.AmountWan < 0))
        {
            return ReportOutcome.Refused(ReportRefusalCode.InvestmentNegative);
        }

        if (draft.InvestmentWan > ReportLimits.MaxInvestmentWan || draft.InvestmentSources.Any(s => s.AmountWan > ReportLimits.MaxInvestmentWan))
        {
            return ReportOutcome.Refused(ReportRefusalCode.InvestmentTooLarge);
        }

        var twice = draft.InvestmentSources.GroupBy(s => s.Source).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
        {
            return ReportOutcome.Refused(ReportRefusalCode.SourceTwice, twice.Key);
        }

        var sum = draft.InvestmentSources.Sum(s => s.AmountWan);
        if (draft.InvestmentWan is { } total && draft.InvestmentSources.Count > 0 && Math.Abs(sum - total) > ReportLimits.InvestmentTolerance)
        {
            return ReportOutcome.Refused(ReportRefusalCode.SourcesDoNotAddUp, sum, total);
        }

        return null;
    }

    private static ReportOutcome? InvalidMilestones(IReadOnlyList<Milestone> milestones, PeriodWindow period)
    {
        if (milestones.Count > ReportLimits.MaxMilestones)
        {
            return ReportOutcome.Refused(ReportRefusalCode.TooManyMilestones, ReportLimits.MaxMilestones);
        }

        for (var i = 0; i < milestones.Count; i++)
        {
            var milestone = milestones[i];
            if (string.IsNullOrWhiteSpace(milestone.Title))
            {
                return ReportOutcome.Refused(ReportRefusalCode.MilestoneUntitled, i + 1);
            }

            if (milestone.Title.Trim().Length > ReportLimits.MaxMilestoneTitleLength)
            {
                return ReportOutcome.Refused(ReportRefusalCode.MilestoneTitleTooLong, i + 1, ReportLimits.MaxMilestoneTitleLength);
            }

            if (Markup.Contains(milestone.Title))
            {
                return ReportOutcome.Refused(ReportRefusalCode.MilestoneTitleMarkup, i + 1);
            }

            if (!period.Contains(milestone.ReachedOn))
            {
                return ReportOutcome.Refused(ReportRefusalCode.MilestoneOutsidePeriod, milestone.Title.Trim(), milestone.ReachedOn, period.StartsOn, period.EndsOn);
            }
        }

        return null;
    }

    private static IEnumerable<(ReportField Field, string? Text)> Narratives(ReportDraft draft) =>
    [
        (ReportField.ProgressText, draft.ProgressText),
        (ReportField.Achievements, draft.Achievements),
        (ReportField.Problems, draft.Problems),
        (ReportField.NextSteps, draft.NextSteps),
    ];

    /// <summary>The status in the words of the ministry's documents (the Excel template is one); pages word it themselves.</summary>
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

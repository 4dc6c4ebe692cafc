namespace PlanTracker.Domain.Reporting;

/// <summary>
/// Everything a unit writes into one report (填报内容), as one value: the status words, percent, the four narratives,
/// money invested with its split by source, and the milestones reached. A draft may be incomplete; a submit may not.
/// </summary>
public sealed record ReportDraft(
    TaskProgress? Progress,
    decimal? PercentComplete,
    string? ProgressText,
    string? Achievements,
    string? Problems,
    string? NextSteps,
    decimal? InvestmentWan,
    IReadOnlyList<InvestmentBySource> InvestmentSources,
    IReadOnlyList<Milestone> Milestones)
{
    public static readonly ReportDraft Empty = new(null, null, null, null, null, null, null, [], []);

    /// <summary>A draft of the narrative fields and total money only: no split by source, no milestones.</summary>
    public static ReportDraft Of(TaskProgress? progress, decimal? percentComplete, string? progressText, string? achievements, string? problems, string? nextSteps, decimal? investmentWan) =>
        new(progress, percentComplete, progressText, achievements, problems, nextSteps, investmentWan, [], []);
}

/// <summary>Where the money came from (资金来源), as the ministry's statistics split it.</summary>
public enum FundingSource
{
    /// <summary>中央财政</summary>
    Central,

    /// <summary>地方财政</summary>
    Local,

    /// <summary>企业自筹</summary>
    Enterprise,

    /// <summary>银行贷款</summary>
    BankLoan,

    /// <summary>社会资本及其他</summary>
    Other,
}

/// <summary>Money of one source invested in the period, in 万元.</summary>
public sealed record InvestmentBySource(FundingSource Source, decimal AmountWan);

/// <summary>A milestone (节点目标) the task reached in the period, with the day it was reached.</summary>
public sealed record Milestone(string Title, DateOnly ReachedOn);

/// <summary>The days a period covers: milestones reported in it must fall inside.</summary>
public readonly record struct PeriodWindow(DateOnly StartsOn, DateOnly EndsOn)
{
    public bool Contains(DateOnly day) => day >= StartsOn && day <= EndsOn;
}

/// <summary>How much a report may carry beside its narratives.</summary>
public static class ReportLimits
{
    public const int MaxMilestones = 20;

    public const int MaxMilestoneTitleLength = 200;

    /// <summary>Narratives are long prose, but not books: 进展情况 and the others stop here.</summary>
    public const int MaxNarrativeLength = 4000;

    /// <summary>A report's money stays below a hundred billion 万元: larger figures are typing mistakes.</summary>
    public const decimal MaxInvestmentWan = 100_000_000_000m;

    /// <summary>The rounding allowed between the total and the sum of its sources (half a 元 in 万元).</summary>
    public const decimal InvestmentTolerance = 0.00005m;
}

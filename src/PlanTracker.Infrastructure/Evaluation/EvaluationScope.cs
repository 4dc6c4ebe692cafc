using PlanTracker.Domain.Plans;

namespace PlanTracker.Infrastructure.Evaluation;

/// <summary>
/// What an evaluation report covers: a plan, a window of Beijing days and, for a province's own report, one unit.
/// 年度评估 covers one calendar year (up to today while the year runs); 中期评估 covers the plan from its first year to
/// a chosen day. Built only through <see cref="Annual"/> and <see cref="MidTerm"/>, which refuse windows the plan
/// does not have, in Chinese.
/// </summary>
public sealed record EvaluationScope(int PlanId, EvaluationKind Kind, DateOnly From, DateOnly To, int? UnitId)
{
    /// <summary>The year the report is named after: the annual report's year, the mid-term report's last year.</summary>
    public int Year => To.Year;

    public static ScopeResult Annual(Plan plan, int year, DateOnly today, int? unitId = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.StartYear is not { } first || plan.EndYear is not { } last)
        {
            return ScopeResult.Refused("规划未设定起止年份，无法按年度评估。");
        }

        if (year < first || year > last)
        {
            return ScopeResult.Refused($"所选年份（{year}年）不在规划期（{first}—{last}年）内。");
        }

        if (year > today.Year)
        {
            return ScopeResult.Refused($"{year}年尚未开始，无法评估。");
        }

        var to = year == today.Year ? today : new DateOnly(year, 12, 31);
        return ScopeResult.Ok(new EvaluationScope(plan.Id, EvaluationKind.Annual, new DateOnly(year, 1, 1), to, unitId));
    }

    public static ScopeResult MidTerm(Plan plan, DateOnly to, DateOnly today, int? unitId = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.StartYear is not { } first || plan.EndYear is not { } last)
        {
            return ScopeResult.Refused("规划未设定起止年份，无法进行中期评估。");
        }

        var from = new DateOnly(first, 1, 1);
        if (to < from || to.Year > last)
        {
            return ScopeResult.Refused($"评估截止日（{to:yyyy-MM-dd}）不在规划期（{first}—{last}年）内。");
        }

        if (to > today)
        {
            return ScopeResult.Refused($"评估截止日（{to:yyyy-MM-dd}）晚于今天，无法评估尚未发生的进展。");
        }

        return ScopeResult.Ok(new EvaluationScope(plan.Id, EvaluationKind.MidTerm, from, to, unitId));
    }

    /// <summary>The report's name: 2013年度评估报告 / 中期评估报告.</summary>
    public string Title => Kind == EvaluationKind.Annual ? $"{Year}年度实施情况评估报告" : "中期评估报告";
}

public enum EvaluationKind
{
    Annual,
    MidTerm,
}

public sealed record ScopeResult(EvaluationScope? Scope, string? Refusal)
{
    public bool Succeeded => Scope is not null;

    public static ScopeResult Ok(EvaluationScope scope) => new(scope, null);

    public static ScopeResult Refused(string message) => new(null, message);
}

namespace PlanTracker.Domain.Indicators;

/// <summary>How a value written in a plan compares: `≥50` is AtLeast 50, `40—45` a Range, `新增一批` Qualitative.</summary>
public enum TargetComparison
{
    /// <summary>No value written (`—`, empty).</summary>
    None,
    Exactly,
    AtLeast,
    GreaterThan,
    AtMost,
    LessThan,
    Range,
    /// <summary>Text without a number, e.g. 新增一批, 建立…体系: rated by milestones, not arithmetic.</summary>
    Qualitative,
}

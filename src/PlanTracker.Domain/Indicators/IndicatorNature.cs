namespace PlanTracker.Domain.Indicators;

/// <summary>属性 of an indicator in a 主要指标 table.</summary>
public enum IndicatorNature
{
    /// <summary>约束性</summary>
    Binding,

    /// <summary>预期性</summary>
    Expected,
}

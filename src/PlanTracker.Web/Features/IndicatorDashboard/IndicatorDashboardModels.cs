using PlanTracker.Domain.Indicators;
using PlanTracker.Domain.Monitoring;
using PlanTracker.Web.Features.Shared.Figures;

namespace PlanTracker.Web.Features.IndicatorDashboard;

/// <summary>Every indicator of the plan's published version with its verdict, the tally sentence and the verdict chart.</summary>
public sealed record IndicatorOverviewViewModel(
    int PlanId,
    string PlanTitle,
    DateOnly AsOf,
    IReadOnlyList<IndicatorLine> Lines,
    VerdictTally Tally,
    ChartSpec Chart,
    FigureTable Table,
    FigureTable TallyTable);

/// <summary>One indicator as judged on the as-of day.</summary>
/// <param name="OriginalTarget">The target (with its year) of the first published version, when it differs from the current one.</param>
/// <param name="Key">The indicator's key, the same in every version (its history is <c>/plans/{planId}/history/{key}</c>).</param>
public sealed record IndicatorLine(int Id, int Ordinal, string Name, string? Unit, IndicatorNature? Nature, int? BaselineYear, StatedValue? Baseline, int? TargetYear, StatedValue Target, IndicatorAssessment Assessment, string? OriginalTarget = null, Guid Key = default);

/// <summary>One indicator's page: its straight line, actuals and projection, the verdict, and the latest values per unit.</summary>
public sealed record IndicatorPageViewModel(
    int PlanId,
    string PlanTitle,
    IndicatorLine Indicator,
    IndicatorAggregation Aggregation,
    DateOnly AsOf,
    ChartSpec Chart,
    FigureTable YearTable,
    FigureTable UnitTable,
    string? UnitPeriod);

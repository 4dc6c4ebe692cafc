namespace PlanTracker.Domain.Adjustments;

/// <summary>
/// A piece of monitoring a proposal rests on: an early warning, a progress report or an indicator value. Exactly one of
/// the three ids is set (a check constraint holds it), so each link is a real foreign key.
/// </summary>
public sealed class AdjustmentEvidence
{
    private AdjustmentEvidence()
    {
    }

    private AdjustmentEvidence(AdjustmentEvidenceKind kind, long? warningId, long? progressReportId, long? indicatorValueId)
    {
        Kind = kind;
        WarningId = warningId;
        ProgressReportId = progressReportId;
        IndicatorValueId = indicatorValueId;
    }

    public static AdjustmentEvidence ForWarning(long warningId) => new(AdjustmentEvidenceKind.Warning, warningId, null, null);

    public static AdjustmentEvidence ForReport(long progressReportId) => new(AdjustmentEvidenceKind.Report, null, progressReportId, null);

    public static AdjustmentEvidence ForIndicatorValue(long indicatorValueId) => new(AdjustmentEvidenceKind.IndicatorValue, null, null, indicatorValueId);

    public int Id { get; private set; }

    public int AdjustmentId { get; private set; }

    public AdjustmentEvidenceKind Kind { get; private set; }

    public long? WarningId { get; private set; }

    public long? ProgressReportId { get; private set; }

    public long? IndicatorValueId { get; private set; }

    /// <summary>Whether this and <paramref name="other"/> point at the same thing.</summary>
    public bool SameAs(AdjustmentEvidence other) =>
        other is not null && Kind == other.Kind && WarningId == other.WarningId && ProgressReportId == other.ProgressReportId && IndicatorValueId == other.IndicatorValueId;

    public static string Chinese(AdjustmentEvidenceKind kind) => kind switch
    {
        AdjustmentEvidenceKind.Warning => "预警",
        AdjustmentEvidenceKind.Report => "进展报告",
        AdjustmentEvidenceKind.IndicatorValue => "指标数值",
        _ => kind.ToString(),
    };
}

public enum AdjustmentEvidenceKind
{
    Warning,
    Report,
    IndicatorValue,
}

namespace PlanTracker.Domain.Reporting;

/// <summary>A value of an indicator reported by a unit (or the ministry's national figure) for a period.</summary>
public sealed class IndicatorValue
{
    private IndicatorValue()
    {
    }

    public IndicatorValue(int indicatorId, int? unitId, int periodId, decimal? value, string? valueText, string? unitOfMeasure, string? source, string? note, DateTimeOffset at)
    {
        IndicatorId = indicatorId;
        UnitId = unitId;
        PeriodId = periodId;
        Value = value;
        ValueText = valueText;
        UnitOfMeasure = unitOfMeasure;
        Source = source;
        Note = note;
        Status = ReportStatus.Draft;
        UpdatedAt = at;
    }

    public long Id { get; private set; }

    public int IndicatorId { get; private set; }

    /// <summary>The reporting unit; null for the national figure the ministry reports itself.</summary>
    public int? UnitId { get; private set; }

    public int PeriodId { get; private set; }

    public decimal? Value { get; private set; }

    /// <summary>A value written in words where a number does not fit (已建立).</summary>
    public string? ValueText { get; private set; }

    public string? UnitOfMeasure { get; private set; }

    /// <summary>Where the figure comes from (统计年鉴, 部门统计).</summary>
    public string? Source { get; private set; }

    public string? Note { get; private set; }

    public ReportStatus Status { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public uint RowVersion { get; private set; }
}

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

    /// <summary>The indicator of the plan version the value was last written against.</summary>
    public int IndicatorId { get; private set; }

    /// <summary>
    /// The indicator's stable identity (<c>indicators.key</c>), the same in every plan version, filled in by the database
    /// from <see cref="IndicatorId"/>: a value belongs to the indicator, not to one version of it.
    /// </summary>
    public Guid IndicatorKey { get; private set; }

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

    public string? UpdatedBy { get; private set; }

    public DateTimeOffset? SubmittedAt { get; private set; }

    public DateTimeOffset? ApprovedAt { get; private set; }

    /// <summary>Why the ministry last returned the value; kept after it is corrected (the audit log keeps every one).</summary>
    public string? ReturnReason { get; private set; }

    public uint RowVersion { get; private set; }

    public bool IsEditable => Status is ReportStatus.Draft or ReportStatus.Returned;

    /// <summary>Stores the unit's figure as typed so far; only a draft or a returned value may change.</summary>
    public ReportOutcome Save(decimal? value, string? valueText, string? unitOfMeasure, string? source, string? note, string? actor, DateTimeOffset at)
    {
        if (!IsEditable)
        {
            return ReportOutcome.Refused(ReportRefusalCode.ValueNotEditable, Status);
        }

        if (Invalid(value, valueText, unitOfMeasure, source, note) is { } invalid)
        {
            return invalid;
        }

        Value = value;
        ValueText = Clean(valueText);
        UnitOfMeasure = Clean(unitOfMeasure);
        Source = Clean(source);
        Note = Clean(note);
        UpdatedBy = actor;
        UpdatedAt = at;
        return ReportOutcome.Done;
    }

    /// <summary>报送: a value with its figure (or words) and its source goes to the ministry.</summary>
    public ReportOutcome Submit(string? actor, DateTimeOffset at)
    {
        if (!IsEditable)
        {
            return ReportOutcome.Refused(ReportRefusalCode.ValueNotResubmittable, Status);
        }

        var missing = new List<IndicatorValueField>();
        if (Value is null && ValueText is null)
        {
            missing.Add(IndicatorValueField.Value);
        }

        if (Source is null)
        {
            missing.Add(IndicatorValueField.Source);
        }

        if (missing.Count > 0)
        {
            return ReportOutcome.Refused(ReportRefusalCode.ValueIncomplete, missing);
        }

        Status = ReportStatus.Submitted;
        SubmittedAt = at;
        UpdatedBy = actor;
        UpdatedAt = at;
        return ReportOutcome.Done;
    }

    /// <summary>通过: the ministry accepts a submitted value; it is read-only from then on.</summary>
    public ReportOutcome Approve(string? actor, DateTimeOffset at)
    {
        if (Status != ReportStatus.Submitted)
        {
            return ReportOutcome.Refused(ReportRefusalCode.ValueApproveWrongStatus, Status);
        }

        Status = ReportStatus.Approved;
        ApprovedAt = at;
        UpdatedBy = actor;
        UpdatedAt = at;
        return ReportOutcome.Done;
    }

    /// <summary>退回: the ministry sends a submitted value back with its reason.</summary>
    public ReportOutcome Return(string? actor, string? reason, DateTimeOffset at)
    {
        if (Status != ReportStatus.Submitted)
        {
            return ReportOutcome.Refused(ReportRefusalCode.ValueReturnWrongStatus, Status);
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return ReportOutcome.Refused(ReportRefusalCode.ReturnReasonRequired);
        }

        Status = ReportStatus.Returned;
        ReturnReason = reason.Trim();
        UpdatedBy = actor;
        UpdatedAt = at;
        return ReportOutcome.Done;
    }

    /// <summary>Why a value cannot be stored at all; null when it can.</summary>
    public static ReportOutcome? Invalid(decimal? value, string? valueText, string? unitOfMeasure, string? source, string? note)
    {
        if (value is { } number && Math.Abs(number) >= IndicatorValueLimits.MaxMagnitude)
        {
            return ReportOutcome.Refused(ReportRefusalCode.ValueTooLarge);
        }

        foreach (var (field, text, max) in new (IndicatorValueField, string?, int)[]
        {
            (IndicatorValueField.ValueText, valueText, IndicatorValueLimits.MaxValueTextLength),
            (IndicatorValueField.UnitOfMeasure, unitOfMeasure, IndicatorValueLimits.MaxUnitOfMeasureLength),
            (IndicatorValueField.Source, source, IndicatorValueLimits.MaxSourceLength),
            (IndicatorValueField.Note, note, IndicatorValueLimits.MaxNoteLength),
        })
        {
            if (text is null)
            {
                continue;
            }

            if (text.Trim().Length > max)
            {
                return ReportOutcome.Refused(ReportRefusalCode.ValueTextTooLong, field, max);
            }

            if (Markup.Contains(text))
            {
                return ReportOutcome.Refused(ReportRefusalCode.ValueTextMarkup, field);
            }
        }

        return null;
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>The parts of an indicator value a refusal names.</summary>
public enum IndicatorValueField
{
    /// <summary>指标值: the figure, or its words.</summary>
    Value,

    /// <summary>文字值</summary>
    ValueText,

    /// <summary>计量单位</summary>
    UnitOfMeasure,

    /// <summary>数据来源</summary>
    Source,

    /// <summary>备注</summary>
    Note,
}

/// <summary>The column sizes of an indicator value, shared by the form, the Excel sheet and the table.</summary>
public static class IndicatorValueLimits
{
    public const int MaxValueTextLength = 200;

    public const int MaxUnitOfMeasureLength = 40;

    public const int MaxSourceLength = 300;

    public const int MaxNoteLength = 2000;

    /// <summary>numeric(18,4) holds 14 digits before the point.</summary>
    public const decimal MaxMagnitude = 100_000_000_000_000m;
}

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
            return ReportOutcome.Refused(ReportRefusalReason.NotEditable, $"指标值{ReportSubmission.Chinese(Status)}，不能修改。");
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
            return ReportOutcome.Refused(ReportRefusalReason.NotEditable, $"指标值{ReportSubmission.Chinese(Status)}，不能再次报送。");
        }

        var missing = new List<string>();
        if (Value is null && ValueText is null)
        {
            missing.Add("指标值");
        }

        if (Source is null)
        {
            missing.Add("数据来源");
        }

        if (missing.Count > 0)
        {
            return ReportOutcome.Refused(ReportRefusalReason.Incomplete, "指标值不完整，请补充：" + string.Join("、", missing) + "。");
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
            return ReportOutcome.Refused(ReportRefusalReason.WrongStatus, $"指标值{ReportSubmission.Chinese(Status)}，不能通过：只有已报送的指标值可以通过。");
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
            return ReportOutcome.Refused(ReportRefusalReason.WrongStatus, $"指标值{ReportSubmission.Chinese(Status)}，不能退回：只有已报送的指标值可以退回。");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return ReportOutcome.Refused(ReportRefusalReason.ReasonRequired, "退回须填写理由。");
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
            return ReportOutcome.Refused(ReportRefusalReason.NarrativeInvalid, "指标值数额过大，请核对计量单位。");
        }

        foreach (var (name, text, max) in new (string, string?, int)[]
        {
            ("文字值", valueText, IndicatorValueLimits.MaxValueTextLength),
            ("计量单位", unitOfMeasure, IndicatorValueLimits.MaxUnitOfMeasureLength),
            ("数据来源", source, IndicatorValueLimits.MaxSourceLength),
            ("备注", note, IndicatorValueLimits.MaxNoteLength),
        })
        {
            if (text is null)
            {
                continue;
            }

            if (text.Trim().Length > max)
            {
                return ReportOutcome.Refused(ReportRefusalReason.NarrativeInvalid, $"{name}不能超过{max}字。");
            }

            if (Markup.Contains(text))
            {
                return ReportOutcome.Refused(ReportRefusalReason.NarrativeInvalid, $"{name}含有HTML标记或脚本，请只填写文字。");
            }
        }

        return null;
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
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

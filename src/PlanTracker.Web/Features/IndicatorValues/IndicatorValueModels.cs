using Microsoft.EntityFrameworkCore;
using PlanTracker.Domain.Reporting;

namespace PlanTracker.Web.Features.IndicatorValues;

/// <summary>The period an indicator page belongs to, with its plan.</summary>
public sealed record IndicatorPeriod(int Id, int PlanId, string PlanTitle, string Label, PeriodStatus Status, DateOnly DueOn);

/// <summary>An indicator a unit reports on (not the national-figure-only kind), as the pages show it.</summary>
/// <param name="Key">The indicator's stable identity across plan versions: a unit's value belongs to it.</param>
public sealed record IndicatorHead(int Id, string Name, string? Category, string? Unit, string? Target, Guid Key);

/// <summary>A refusal as the indicator pages show it: the message and, where it has them, one line per indicator or field.</summary>
public sealed record IndicatorMessage(string Text, IReadOnlyList<string> Details);

/// <summary>One indicator's value of the unit for the period, as stored or as typed.</summary>
public sealed record UnitValueRow(
    IndicatorHead Indicator,
    long? ValueId,
    decimal? Value,
    string? ValueText,
    string? UnitOfMeasure,
    string? Source,
    string? Note,
    ReportStatus? Status,
    string? ReturnReason,
    uint? RowVersion)
{
    /// <summary>Not started, a draft or a returned value: the unit may still change it.</summary>
    public bool IsEditable => Status is null or ReportStatus.Draft or ReportStatus.Returned;
}

/// <summary>指标值填报: the unit's values of every indicator for one period.</summary>
public sealed record UnitIndicatorsViewModel(IndicatorPeriod Period, string UnitName, IReadOnlyList<UnitValueRow> Rows, bool CanEdit, IndicatorMessage? Message);

/// <summary>One unit's value in the ministry's table.</summary>
public sealed record ReviewValueRow(
    long Id,
    int IndicatorId,
    string IndicatorName,
    string UnitName,
    decimal? Value,
    string? ValueText,
    string? UnitOfMeasure,
    string? Source,
    string? Note,
    ReportStatus Status,
    string? ReturnReason,
    uint RowVersion);

/// <summary>The ministry's view of a period's indicator values (indicator × unit), filtered by indicator.</summary>
public sealed record PeriodIndicatorsViewModel(
    IndicatorPeriod Period,
    IReadOnlyList<IndicatorHead> Indicators,
    int? IndicatorId,
    IReadOnlyList<ReviewValueRow> Rows,
    bool CanDecide,
    IndicatorMessage? Message);

/// <summary>The unit's form POST: one row per editable indicator.</summary>
public sealed class IndicatorValuesInput
{
    public List<IndicatorValueInput> Rows { get; set; } = [];
}

/// <summary>One indicator's row of the form.</summary>
public sealed class IndicatorValueInput
{
    public int IndicatorId { get; set; }

    public decimal? Value { get; set; }

    public string? ValueText { get; set; }

    public string? UnitOfMeasure { get; set; }

    public string? Source { get; set; }

    public string? Note { get; set; }

    /// <summary>The stored value's version the form was drawn from; empty for a value not saved yet.</summary>
    public uint? RowVersion { get; set; }

    /// <summary>Nothing typed but (perhaps) the unit of measure the form fills in.</summary>
    public bool IsBlank => Value is null && string.IsNullOrWhiteSpace(ValueText) && string.IsNullOrWhiteSpace(Source) && string.IsNullOrWhiteSpace(Note);
}

/// <summary>An approval or a return (with its reason) of one value, on the version it was decided on.</summary>
public sealed class ValueStepInput
{
    public string? Comment { get; set; }

    public uint? RowVersion { get; set; }

    /// <summary>The indicator filter of the page the decision came from, kept for the redirect.</summary>
    public int? IndicatorId { get; set; }
}

/// <summary>What a POST came to: not found, done, or refused with a resource key and the lines that say exactly what.</summary>
public sealed record IndicatorWriteResult(bool NotFound, string? RefusalKey, IReadOnlyList<string> Details, bool ShowLatest)
{
    public static readonly IndicatorWriteResult Missing404 = new(true, null, [], false);

    public static readonly IndicatorWriteResult Done = new(false, null, [], false);

    public static readonly IndicatorWriteResult Stale = new(false, "IndicatorValues.Refusal.Stale", [], true);

    public bool Succeeded => !NotFound && RefusalKey is null;

    public static IndicatorWriteResult Refused(string key, IReadOnlyList<string> details, bool showLatest = false) => new(false, key, details, showLatest);
}

internal static class UnitIndicatorValues
{
    /// <summary>
    /// The unit's values of a period for these indicators of the current version, by indicator id: a value belongs to its
    /// indicator across plan versions, so it is found by the indicator's key whichever version it was written against.
    /// </summary>
    public static async Task<Dictionary<int, IndicatorValue>> UnitValuesOf(
        this IQueryable<IndicatorValue> values, IReadOnlyList<IndicatorHead> indicators, int periodId, int unitId, CancellationToken cancellationToken)
    {
        var keys = indicators.Select(i => i.Key).ToList();
        var byKey = await values
            .Where(v => v.PeriodId == periodId && v.UnitId == unitId && keys.Contains(v.IndicatorKey))
            .ToDictionaryAsync(v => v.IndicatorKey, cancellationToken);
        return indicators.Where(i => byKey.ContainsKey(i.Key)).ToDictionary(i => i.Id, i => byKey[i.Key]);
    }
}

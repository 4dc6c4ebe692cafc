using PlanTracker.Domain.Monitoring;
using PlanTracker.Web.Features.Shared.Figures;

namespace PlanTracker.Web.Features.Warnings;

/// <summary>Which warnings the list shows by state: open (the default), handled (acknowledged or linked), or all.</summary>
public enum WarningStateFilter
{
    Open,
    Handled,
    All,
}

/// <summary>The list's filters as they come from the query string; unknown values bind to null (no filter).</summary>
public sealed record WarningFilter(WarningStateFilter State, StatusColour? Colour, WarningKind? Kind, int? UnitId, int Page);

/// <summary>One warning as the list and the warning page show it, with its subject's names.</summary>
public sealed record WarningRow(
    long Id,
    int PlanId,
    DateOnly AsOf,
    DateTimeOffset RaisedAt,
    WarningKind Kind,
    StatusColour Colour,
    StatusColour? PreviousColour,
    int? TaskId,
    string? TaskNumber,
    string? TaskTitle,
    int? UnitId,
    string? UnitName,
    int? IndicatorId,
    string? IndicatorName,
    string Reason,
    long? EvidenceReportId,
    WarningState State);

/// <summary>How many of the plan's warnings are in a state with a colour (the counts at the top of the list).</summary>
public sealed record WarningCount(WarningState State, StatusColour Colour, int Count);

public sealed record UnitOption(int Id, string Name);

public sealed record WarningListViewModel(
    int PlanId,
    string PlanTitle,
    WarningFilter Filter,
    IReadOnlyList<WarningCount> Counts,
    IReadOnlyList<UnitOption> Units,
    FigureTable Table,
    int Total,
    int PageCount,
    DateOnly? LastScanned)
{
    public int CountOf(WarningState state) => Counts.Where(c => c.State == state).Sum(c => c.Count);

    public int CountOf(WarningState state, StatusColour colour) => Counts.Where(c => c.State == state && c.Colour == colour).Sum(c => c.Count);

    public int Handled => CountOf(WarningState.Acknowledged) + CountOf(WarningState.LinkedToAdjustment);
}

/// <summary>An adjustment proposal of the plan a warning can be linked to.</summary>
public sealed record AdjustmentOption(int Id, string Title, string Status);

/// <summary>One warning, how it was handled, its subject's earlier warnings and (for planners) the forms to handle it.</summary>
public sealed record WarningViewModel(
    WarningRow Warning,
    uint RowVersion,
    string PlanTitle,
    string? HandledBy,
    DateTimeOffset? HandledAt,
    string? Note,
    int? AdjustmentId,
    string? AdjustmentTitle,
    IReadOnlyList<WarningRow> History,
    IReadOnlyList<AdjustmentOption> Adjustments)
{
    public string? Refusal { get; init; }

    public string EnteredNote { get; init; } = string.Empty;
}

/// <summary>确认预警: the planner's note, and the row version the page was read at.</summary>
public sealed class AcknowledgeInput
{
    public string? Note { get; set; }

    public uint RowVersion { get; set; }
}

/// <summary>关联调整方案: the proposal (of the same plan), an optional note, and the row version the page was read at.</summary>
public sealed class LinkInput
{
    public int? AdjustmentId { get; set; }

    public string? Note { get; set; }

    public uint RowVersion { get; set; }
}

/// <summary>What a warning POST came to: not found, done, or refused with a Chinese sentence to show.</summary>
public sealed record WarningWriteResult(bool NotFound, string? Refusal)
{
    public static readonly WarningWriteResult Missing404 = new(true, null);

    public static readonly WarningWriteResult Done = new(false, null);

    public bool Succeeded => !NotFound && Refusal is null;

    public static WarningWriteResult Refused(string message) => new(false, message);
}

using PlanTracker.Domain.Assignments;
using PlanTracker.Domain.Reporting;
using PlanTracker.Domain.Units;

namespace PlanTracker.Web.Features.Completeness;

/// <summary>The state of one assigned task's report in a period: no report yet, or the report's status.</summary>
public enum ReviewState
{
    None,
    Draft,
    Submitted,
    Reviewed,
    Returned,
    Approved,
}

/// <summary>The kinds of reporting unit a planner filters the matrix by.</summary>
public enum UnitGroup
{
    Province,
    City,
    Xpcc,
    Zone,
}

public static class ReviewStates
{
    public static ReviewState Of(ReportStatus? status) => status switch
    {
        null => ReviewState.None,
        ReportStatus.Draft => ReviewState.Draft,
        ReportStatus.Submitted => ReviewState.Submitted,
        ReportStatus.Reviewed => ReviewState.Reviewed,
        ReportStatus.Returned => ReviewState.Returned,
        _ => ReviewState.Approved,
    };

    public static IReadOnlyList<UnitKind> Kinds(UnitGroup group) => group switch
    {
        UnitGroup.Province => [UnitKind.Province, UnitKind.Municipality, UnitKind.AutonomousRegion],
        UnitGroup.City => [UnitKind.SeparatelyPlannedCity],
        UnitGroup.Xpcc => [UnitKind.Xpcc],
        _ => [UnitKind.HighTechZone],
    };
}

/// <summary>The period a page is about, with its plan.</summary>
public sealed record ReviewPeriod(int Id, int PlanId, string PlanTitle, string Label, DateOnly DueOn, PeriodStatus Status);

/// <summary>The landing: open periods first, then the most recent others, of published plans.</summary>
public sealed record ReviewIndexViewModel(DateOnly Today, IReadOnlyList<ReviewPeriod> Periods);

/// <summary>Counts of one unit's assigned tasks by the state of their report.</summary>
public sealed record StateCounts(int None, int Draft, int Submitted, int Reviewed, int Returned, int Approved)
{
    public static readonly StateCounts Zero = new(0, 0, 0, 0, 0, 0);

    public int Total => None + Draft + Submitted + Reviewed + Returned + Approved;

    /// <summary>Reports sent in and not sent back: submitted, reviewed or approved.</summary>
    public int Received => Submitted + Reviewed + Approved;

    /// <summary>Received as a whole percentage of the assigned tasks (0 when there are none).</summary>
    public int CompletionPercent => Total == 0 ? 0 : (int)Math.Floor(100m * Received / Total);

    public int this[ReviewState state] => state switch
    {
        ReviewState.None => None,
        ReviewState.Draft => Draft,
        ReviewState.Submitted => Submitted,
        ReviewState.Reviewed => Reviewed,
        ReviewState.Returned => Returned,
        _ => Approved,
    };

    public StateCounts Add(StateCounts other) =>
        new(None + other.None, Draft + other.Draft, Submitted + other.Submitted, Reviewed + other.Reviewed, Returned + other.Returned, Approved + other.Approved);
}

public sealed record MatrixRow(int UnitId, string UnitName, string? Code, UnitKind Kind, StateCounts Counts);

/// <summary>The completeness matrix of a period: a row per unit with assignments, the totals and the filters applied.</summary>
public sealed record MatrixViewModel(ReviewPeriod Period, UnitGroup? Group, ReviewState? State, IReadOnlyList<MatrixRow> Rows)
{
    public StateCounts Totals => Rows.Aggregate(StateCounts.Zero, (sum, row) => sum.Add(row.Counts));

    public bool Filtered => Group is not null || State is not null;
}

public sealed record UnitTaskRow(int TaskId, string Label, AssignmentRole Role, long? ReportId, ReviewState State, DateTimeOffset? SubmittedAt);

/// <summary>One unit's assigned tasks in a period and the state of each report.</summary>
public sealed record UnitReviewViewModel(ReviewPeriod Period, int UnitId, string UnitName, IReadOnlyList<UnitTaskRow> Tasks)
{
    /// <summary>A refused reopening, shown above the list.</summary>
    public string? Refusal { get; init; }

    /// <summary>A planner may reopen a task without report only when the period is closed.</summary>
    public bool CanReopenCells => Period.Status == PeriodStatus.Closed;
}

public sealed record OverdueRow(int UnitId, string UnitName, string? Code, int Outstanding, int Missing, int Drafts, int Returned, string? ContactName, string? ContactPhone, string? ContactEmail);

/// <summary>The last reminder a unit got for a period, and whether someone of the unit has read it.</summary>
public sealed record ReminderState(DateTimeOffset SentAt, string? SentBy, string? ReadBy, DateTimeOffset? ReadAt);

/// <summary>催报: units with tasks not yet submitted after the due date, with the last reminder each got.</summary>
public sealed record OverdueViewModel(ReviewPeriod Period, DateOnly Today, IReadOnlyList<OverdueRow> Units)
{
    public IReadOnlyDictionary<int, ReminderState> Reminders { get; init; } = new Dictionary<int, ReminderState>();

    /// <summary>The reminder text the form starts with (or what the planner typed, when a send was refused).</summary>
    public string ReminderText { get; init; } = string.Empty;

    /// <summary>A refused send, shown above the form.</summary>
    public string? Refusal { get; init; }

    public bool PastDue => Today > Period.DueOn;

    public int DaysOverdue => Math.Max(0, Today.DayNumber - Period.DueOn.DayNumber);
}

public static class CompletenessServices
{
    public static IServiceCollection Add(IServiceCollection services)
    {
        services.AddScoped<CompletenessPages>();
        services.AddScoped<CompletenessWriter>();
        return services;
    }
}

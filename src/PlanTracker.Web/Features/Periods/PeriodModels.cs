using PlanTracker.Domain.Reporting;

namespace PlanTracker.Web.Features.Periods;

/// <summary>The published plans a planner may set periods up for.</summary>
public sealed record PeriodPlanPickerViewModel(IReadOnlyList<PeriodPlanChoice> Plans);

public sealed record PeriodPlanChoice(int Id, string Title, int? StartYear, int? EndYear, int PeriodCount);

/// <summary>A plan's reporting periods, with what a planner may do to each.</summary>
public sealed record PeriodListViewModel(int PlanId, string PlanTitle, int? StartYear, int? EndYear, DateOnly Today, IReadOnlyList<PeriodRow> Periods);

public sealed record PeriodRow(int Id, PeriodKind Kind, string Label, DateOnly StartsOn, DateOnly EndsOn, DateOnly OpensOn, DateOnly DueOn, DateOnly ClosesOn, PeriodStatus Status, uint RowVersion)
{
    /// <summary>Days until the due date for an open period (negative when overdue); nothing otherwise.</summary>
    public int? DaysToDue(DateOnly today) => Status == PeriodStatus.Open ? DueOn.DayNumber - today.DayNumber : null;
}

public sealed class GeneratePeriodsInput
{
    public int PlanId { get; set; }

    public PeriodKind? Kind { get; set; }
}

/// <summary>Open or close: only the version the planner saw.</summary>
public sealed class PeriodStepInput
{
    public uint RowVersion { get; set; }
}

public sealed class ExtendPeriodInput
{
    public uint RowVersion { get; set; }

    public DateOnly? DueOn { get; set; }

    public DateOnly? ClosesOn { get; set; }
}

public sealed class ReopenPeriodInput
{
    public uint RowVersion { get; set; }

    public string? Reason { get; set; }
}

/// <summary>What a step did to a period: its plan and label for the message, or the key of the refusal.</summary>
public sealed record PeriodResult(int PlanId, string Label, string? ErrorKey)
{
    public bool Succeeded => ErrorKey is null;
}

/// <summary>How many periods a generation created and how many it found already there, or the key of the refusal.</summary>
public sealed record GenerateResult(int Created, int Kept, string? ErrorKey)
{
    public bool Succeeded => ErrorKey is null;
}

public static class PeriodServices
{
    public static IServiceCollection Add(IServiceCollection services)
    {
        services.AddScoped<PeriodPages>();
        services.AddScoped<PeriodWriter>();
        return services;
    }
}

/// <summary>The ministry works on Beijing time: "today" is the date there.</summary>
public static class MinistryCalendar
{
    public static DateOnly Today(TimeProvider clock) => Domain.BeijingTime.Today(clock);
}

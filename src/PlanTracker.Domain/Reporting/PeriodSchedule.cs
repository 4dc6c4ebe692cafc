namespace PlanTracker.Domain.Reporting;

/// <summary>
/// The reporting periods of a plan's years, of one kind. A year or a half-year opens the day after it ends, is due at
/// the end of that month and closes at the end of the next (so 2011年度 closes on 2012-02-29); a quarter opens the day
/// after it ends, is due 20 days later and closes 40 days later.
/// </summary>
public static class PeriodSchedule
{
    /// <summary>No plan runs longer than this; a longer span is a mistake in the plan's years.</summary>
    public const int MaxYears = 20;

    public static IReadOnlyList<ScheduledPeriod> For(int startYear, int endYear, PeriodKind kind)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(startYear, 1900);
        ArgumentOutOfRangeException.ThrowIfLessThan(endYear, startYear);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(endYear - startYear + 1, MaxYears);
        var periods = new List<ScheduledPeriod>();
        for (var year = startYear; year <= endYear; year++)
        {
            switch (kind)
            {
                case PeriodKind.Annual:
                    periods.Add(MonthEnd(kind, year, 1, new DateOnly(year, 1, 1), new DateOnly(year, 12, 31)));
                    break;
                case PeriodKind.HalfYear:
                    periods.Add(MonthEnd(kind, year, 1, new DateOnly(year, 1, 1), new DateOnly(year, 6, 30)));
                    periods.Add(MonthEnd(kind, year, 2, new DateOnly(year, 7, 1), new DateOnly(year, 12, 31)));
                    break;
                case PeriodKind.Quarter:
                    for (var quarter = 1; quarter <= 4; quarter++)
                    {
                        var starts = new DateOnly(year, (quarter * 3) - 2, 1);
                        var ends = starts.AddMonths(3).AddDays(-1);
                        var opens = ends.AddDays(1);
                        periods.Add(new ScheduledPeriod(kind, year, quarter, new PeriodName(kind, year, quarter).Chinese, starts, ends, opens, opens.AddDays(20), opens.AddDays(40)));
                    }

                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown period kind.");
            }
        }

        return periods;
    }

    private static ScheduledPeriod MonthEnd(PeriodKind kind, int year, int sequence, DateOnly starts, DateOnly ends)
    {
        var opens = ends.AddDays(1);
        var due = opens.AddMonths(1).AddDays(-1);
        var closes = opens.AddMonths(2).AddDays(-1);
        return new ScheduledPeriod(kind, year, sequence, new PeriodName(kind, year, sequence).Chinese, starts, ends, opens, due, closes);
    }
}

/// <summary>One period as the schedule plans it, before it belongs to a plan.</summary>
public sealed record ScheduledPeriod(PeriodKind Kind, int Year, int Sequence, string Label, DateOnly StartsOn, DateOnly EndsOn, DateOnly OpensOn, DateOnly DueOn, DateOnly ClosesOn)
{
    public ReportingPeriod ToPeriod(int planId) => new(planId, Kind, Year, Sequence, Label, StartsOn, EndsOn, OpensOn, DueOn, ClosesOn);
}

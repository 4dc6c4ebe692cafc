namespace PlanTracker.Domain;

/// <summary>
/// The ministry's clock: China Standard Time, UTC+8 all year (no daylight saving). Instants are stored in UTC; a day,
/// a date shown or printed, and "end of the day" are Beijing's. The one definition.
/// </summary>
public static class BeijingTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>The instant as Beijing's wall clock shows it.</summary>
    public static DateTimeOffset Of(DateTimeOffset at) => at.ToOffset(Offset);

    /// <summary>The Beijing day the instant falls on.</summary>
    public static DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(at.ToOffset(Offset).DateTime);

    /// <summary>Today in Beijing.</summary>
    public static DateOnly Today(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return Day(clock.GetUtcNow());
    }

    /// <summary>The first instant of the Beijing day, in UTC.</summary>
    public static DateTimeOffset StartOf(DateOnly day) => new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), Offset).ToUniversalTime();
}

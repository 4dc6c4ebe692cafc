namespace PlanTracker.Integration.Tests.Support;

/// <summary>A fixed clock, so stored timestamps are predictable.</summary>
public sealed class TestClock(DateTimeOffset now) : TimeProvider
{
    public static readonly DateTimeOffset Default = new(2013, 6, 30, 8, 0, 0, TimeSpan.Zero);

    public TestClock()
        : this(Default)
    {
    }

    public override DateTimeOffset GetUtcNow() => now;
}
